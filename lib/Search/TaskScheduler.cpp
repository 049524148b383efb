//===- TaskScheduler.cpp - Spread a trial budget over a model's tasks -----===//

#include "cwm/Search/TaskScheduler.h"

#include "cwm/Search/Observer.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>

namespace cwm {

std::optional<SchedulePolicy> parseSchedulePolicy(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<SchedulePolicy>>(name)
      .Case("round-robin", SchedulePolicy::RoundRobin)
      .Case("gradient", SchedulePolicy::Gradient)
      .Default(std::nullopt);
}

llvm::StringRef stringifySchedulePolicy(SchedulePolicy policy) {
  return policy == SchedulePolicy::Gradient ? "gradient" : "round-robin";
}

TaskProgress readProgress(const Database &database, llvm::StringRef key,
                          int64_t stepTrials) {
  TaskProgress progress;
  double best = 0;
  // Best latency after each tuning record, in the order they were measured.
  std::vector<double> curve;
  for (const TuningRecord *record : database.getCurrentRecords(key)) {
    bool ok = record->result.ok() && record->result.median > 0;
    if (ok && (best == 0 || record->result.median < best))
      best = record->result.median;
    if (!record->baseline)
      curve.push_back(best);
  }
  progress.trials = curve.size();
  progress.best = best;
  if (int64_t(curve.size()) > stepTrials)
    progress.bestAfterStep = curve[curve.size() - 1 - stepTrials];
  return progress;
}

std::optional<size_t>
pickNextTask(llvm::ArrayRef<ScheduledTask> tasks,
             llvm::ArrayRef<TaskProgress> progress,
             llvm::ArrayRef<bool> exhausted, const SchedulerOptions &options) {
  std::optional<size_t> pick;
  // Both policies first give every task one step, in order.
  for (size_t i = 0; i < tasks.size(); ++i)
    if (!exhausted[i] && progress[i].trials == 0)
      return i;
  if (options.policy == SchedulePolicy::RoundRobin) {
    for (size_t i = 0; i < tasks.size(); ++i)
      if (!exhausted[i] && (!pick || progress[i].trials < progress[*pick].trials))
        pick = i;
    return pick;
  }
  // Best throughput per op class, for the similarity estimate.
  std::map<OpClass, double> bestThroughput;
  for (size_t i = 0; i < tasks.size(); ++i)
    if (progress[i].best > 0) {
      double &v = bestThroughput[tasks[i].workload.task.opClass];
      v = std::max(v, tasks[i].workload.task.flops / progress[i].best);
    }
  double lowest = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (exhausted[i])
      continue;
    const TaskProgress &p = progress[i];
    // A task whose every program failed so far: it needs trials most.
    if (p.best == 0)
      return i;
    double backward = 0;
    if (p.bestAfterStep > 0)
      backward = (p.best - p.bestAfterStep) / double(options.stepTrials);
    double forward = -p.best / double(std::max<int64_t>(p.trials, 1));
    // The similarity estimate (this task could reach its op class's best
    // throughput) holds only while the task still improves: a task that
    // may be intrinsically slower (a 1x1 convolution with few channels
    // against 3x3 ones) would otherwise draw every step once its search
    // stalls.
    bool stalled = p.bestAfterStep > 0 && p.best >= p.bestAfterStep;
    double throughput = bestThroughput[tasks[i].workload.task.opClass];
    if (!stalled && throughput > 0 && tasks[i].workload.task.flops > 0)
      forward = std::min(forward, options.beta * tasks[i].workload.task.flops /
                                          throughput -
                                      p.best);
    double gradient = double(tasks[i].weight) *
                      (options.alpha * backward + (1 - options.alpha) * forward);
    if (gradient < lowest) {
      lowest = gradient;
      pick = i;
    }
  }
  return pick;
}

llvm::Expected<std::vector<TaskReport>>
TaskScheduler::run(llvm::ArrayRef<ScheduledTask> tasks) {
  auto start = std::chrono::steady_clock::now();
  llvm::SmallVector<bool> exhausted(tasks.size(), false);
  std::vector<std::optional<TaskReport>> reports(tasks.size());
  int64_t totalWeight = 0;
  for (const ScheduledTask &task : tasks)
    totalWeight += task.weight;
  auto log = [&](const llvm::Twine &message) {
    if (!options.quiet)
      llvm::errs() << "[cwm-autotune] " << message << "\n";
  };
  log(llvm::formatv("{0} distinct tasks ({1} instances); budget {2} trials, "
                    "{3} per step, {4} scheduler",
                    tasks.size(), totalWeight, options.budget,
                    options.stepTrials,
                    stringifySchedulePolicy(options.policy)));
  if (options.budget < int64_t(tasks.size()) * options.stepTrials)
    log(llvm::formatv("warning: a budget of {0} trials is less than one step "
                      "of {1} per task ({2} tasks): some tasks will keep the "
                      "default lowering",
                      options.budget, options.stepTrials, tasks.size()));
  for (int64_t step = 1;; ++step) {
    if (tuningStopRequested()) {
      log("stopped on request");
      break;
    }
    std::vector<TaskProgress> progress;
    int64_t spent = 0;
    double modelLatency = 0;
    bool complete = true;
    for (const ScheduledTask &task : tasks) {
      progress.push_back(
          readProgress(database, task.workload.key, options.stepTrials));
      spent += progress.back().trials;
      modelLatency += task.weight * progress.back().best;
      complete &= progress.back().best > 0;
    }
    if (spent >= options.budget)
      break;
    std::optional<size_t> next =
        pickNextTask(tasks, progress, exhausted, options);
    if (!next) {
      log("every task's search space is exhausted");
      break;
    }
    const ScheduledTask &task = tasks[*next];
    int64_t stepTrials =
        std::min(options.stepTrials, options.budget - spent);
    double elapsed = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start)
                         .count();
    log(llvm::formatv("step {0}: {1}/{2} trials, model {3} ({4:F1} s); "
                      "next {5} (x{6}, {7} trials so far)",
                      step, spent, options.budget,
                      complete ? formatSeconds(modelLatency)
                               : std::string("not yet measured"),
                      elapsed, task.workload.task.name, task.weight,
                      progress[*next].trials));
    llvm::Expected<TaskReport> report = tuner.tune(
        task.workload,
        llvm::formatv("[cwm-autotune {0}]", task.workload.task.name).str(),
        progress[*next].trials + stepTrials);
    if (!report) {
      // This task cannot be measured (say, its untransformed program
      // crashes): it leaves the schedule, the others go on.
      std::string why = llvm::toString(report.takeError());
      log("warning: task '" + task.workload.task.name +
          "' is not tuned further: " + why);
      report = summarizeWorkload(database, task.workload);
      report->failure = why;
      report->exhausted = true;
    }
    exhausted[*next] = report->exhausted;
    // A step that measured nothing (an exhausted space) must not loop.
    if (report->measuredNow == 0)
      exhausted[*next] = true;
    int64_t before = reports[*next] ? reports[*next]->measuredNow : 0;
    double seconds = reports[*next] ? reports[*next]->tuningSeconds : 0;
    reports[*next] = std::move(*report);
    reports[*next]->measuredNow += before;
    reports[*next]->tuningSeconds += seconds;
  }
  std::vector<TaskReport> result;
  for (size_t i = 0; i < tasks.size(); ++i) {
    TaskReport report = reports[i] ? std::move(*reports[i])
                                   : summarizeWorkload(database,
                                                       tasks[i].workload);
    report.weight = tasks[i].weight;
    result.push_back(std::move(report));
  }
  return result;
}

} // namespace cwm
