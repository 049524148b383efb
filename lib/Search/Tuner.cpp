//===- Tuner.cpp - Rounds of search and measurement for one task ----------===//

#include "cwm/Search/Tuner.h"

#include "cwm/Search/Observer.h"

#include "cwm/Schedule/Validity.h"
#include "cwm/Measure/CandidateRunner.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_set>

using namespace llvm;

namespace cwm {

TaskReport summarizeWorkload(const Database &database,
                             const WorkloadEntry &workload) {
  TaskReport report;
  report.name = workload.task.name;
  report.key = workload.key;
  report.flops = workload.task.flops;
  // A re-measurement is not a trial of its own, and it replaces the label of
  // its trace.
  for (const TuningRecord *record : database.getCurrentRecords(workload.key)) {
    if (record->baseline) {
      if (record->result.ok())
        report.baselineSeconds = record->result.median;
      continue;
    }
    ++report.measured;
    if (!record->result.ok()) {
      ++report.errors[stringifyMeasureStatus(record->result.status).str()];
      continue;
    }
    // Timed without the weights' own work: not this task's time unless its
    // weights are prepared too.
    if (record->result.weightsPrepared && !workload.task.readsWeights)
      continue;
    if (report.bestSeconds == 0 || record->result.median < report.bestSeconds) {
      report.bestSeconds = record->result.median;
      report.best = record->trace;
    }
  }
  return report;
}

std::string formatDuration(double seconds) {
  int64_t whole = int64_t(seconds + 0.5);
  if (whole < 60)
    return std::to_string(whole) + "s";
  if (whole < 3600)
    return std::to_string(whole / 60) + "m" +
           (whole % 60 ? std::to_string(whole % 60) + "s" : "");
  return std::to_string(whole / 3600) + "h" +
         (whole % 3600 / 60 ? std::to_string(whole % 3600 / 60) + "m" : "");
}

std::string formatSeconds(double seconds) {
  std::string text;
  raw_string_ostream os(text);
  if (seconds <= 0)
    os << "-";
  else if (seconds < 1e-3)
    os << format("%.1f us", seconds * 1e6);
  else if (seconds < 1)
    os << format("%.2f ms", seconds * 1e3);
  else
    os << format("%.2f s", seconds);
  return text;
}

Expected<TaskReport> Tuner::tune(const WorkloadEntry &workload,
                                 StringRef progressPrefix,
                                 std::optional<int64_t> trialLimit) {
  auto start = std::chrono::steady_clock::now();
  const int64_t limit = trialLimit.value_or(options.trials);
  const TaskInfo &task = workload.task;
  // Buffers that alone exceed the worker's memory limit: nothing to try.
  uint64_t memoryLimit = runner.getMemoryLimitBytes();
  if (memoryLimit > 0 && task.bytes > double(memoryLimit))
    return createStringError(
        inconvertibleErrorCode(),
        formatv("task '{0}' needs {1:F1} GB for its inputs and outputs, more "
                "than the worker memory limit of {2:F1} GB (memory-limit=)",
                task.name, task.bytes / 1e9, memoryLimit / 1e9)
            .str());
  Expected<std::unique_ptr<MeasureSession>> opened = runner.open(workload);
  if (!opened)
    return opened.takeError();
  MeasureSession &session = **opened;
  // A deferred runner (a batch folder for cwm-run) measures later: this call
  // dispatches one round of candidates and returns.
  const bool deferred = runner.isDeferred();
  std::string hardware = runner.getHardwareName();
  HardwareInfo hardwareInfo = runner.getHardware();
  auto log = [&](const Twine &message) {
    if (!options.quiet)
      errs() << progressPrefix << " " << message << "\n";
  };

  auto makeRecord = [&](const std::optional<Trace> &trace, bool baseline,
                        uint64_t seed, MeasureResult result) {
    TuningRecord record;
    record.workloadKey = workload.key;
    record.target = options.target;
    record.hardware = hardware;
    record.hardwareInfo = hardwareInfo;
    record.baseline = baseline;
    if (trace)
      record.trace = *trace;
    record.result = std::move(result);
    record.result.cacheFlushed = options.timing.flushCache;
    record.timestamp = currentTimestamp();
    record.seed = seed;
    return record;
  };

  strategy.resetStatistics();
  // Cold (flush-cache) and warm times of one task do not compare: the
  // database ranks a workload by the cache state of its latest measurement
  // (Database::getBestRecords). A run in the other state than the records'
  // first measures their three fastest schedules again in its own, so that
  // what was best is not dropped from the ranking (once per workload).
  std::vector<const TuningRecord *> otherState;
  for (const TuningRecord *record : database.getCurrentRecords(workload.key))
    if (!record->baseline && record->result.ok() &&
        record->result.cacheFlushed != options.timing.flushCache)
      otherState.push_back(record);
  std::vector<Trace> otherBest;
  if (!otherState.empty() && cacheStatesMet.insert(workload.key).second) {
    llvm::stable_sort(otherState, [](const TuningRecord *a, const TuningRecord *b) {
      return a->result.median < b->result.median;
    });
    for (const TuningRecord *record : llvm::ArrayRef(otherState).take_front(3))
      otherBest.push_back(record->trace);
    log(Twine(otherState.size()) + " schedules of this task were timed " +
        (options.timing.flushCache ? "warm" : "cold") + " and this run times " +
        (options.timing.flushCache ? "cold (flush-cache)" : "warm") +
        ": measuring the " + Twine(otherBest.size()) +
        " fastest again, then ranking by " +
        (options.timing.flushCache ? "cold" : "warm") + " times");
  }
  TaskReport report = summarizeWorkload(database, workload);
  if (tuningStopRequested()) {
    log("stopped on request before this task");
    report.stopped = true;
    return report;
  }
  // A call that continues a workload (the task scheduler's next step, a
  // resumed run) draws a stream of its own.
  std::mt19937_64 rng(options.seed ^ xxh3_64bits(workload.key) ^
                      (uint64_t(report.measured) * 0x9e3779b97f4a7c15ull));
  uint64_t referenceSeed = rng();
  bool haveReference = false;
  // The baseline: the untransformed program measured where the candidates
  // are (a batch folder has no baseline yet). Another tuner sharing the
  // database may be measuring it: the claim makes one of them do it.
  Expected<bool> baselineIsOurs =
      !session.measuresBaseline() || database.hasBaseline(workload.key)
          ? Expected<bool>(false)
          : database.claim(workload.key, Trace(), /*baseline=*/true);
  if (!baselineIsOurs)
    return baselineIsOurs.takeError();
  // With the other cache state's schedules measured again, the baseline
  // too, so that the untuned time compares with the tuned ones.
  const TuningRecord *oldBaseline = database.getBaseline(workload.key);
  bool baselineAgain = !otherBest.empty() && session.measuresBaseline() &&
                       oldBaseline &&
                       oldBaseline->result.cacheFlushed != options.timing.flushCache;
  if (*baselineIsOurs || baselineAgain) {
    log(baselineAgain ? "measuring the untuned baseline again"
                      : "measuring the untuned baseline");
    MeasureResult baseline =
        session.prepareReference(referenceSeed, /*time=*/true);
    haveReference = baseline.ok();
    TuningRecord record = makeRecord(std::nullopt, true, referenceSeed, baseline);
    record.remeasured = baselineAgain;
    if (Error error = database.addRecord(record))
      return std::move(error);
    if (!baseline.ok())
      log("baseline failed (" + stringifyMeasureStatus(baseline.status) +
          "): " + baseline.message);
  }

  // One candidate against this round's reference: a result, or none when
  // the runner measures it later.
  auto measureTrace = [&](const Trace &trace,
                          bool remeasure) -> std::optional<MeasureResult> {
    if (Error invalid = checkTrace(trace, task)) {
      MeasureResult result;
      result.status = MeasureStatus::InvalidTrace;
      result.message = toString(std::move(invalid));
      return result;
    }
    // Candidates far slower than the fastest program so far are timed
    // twice only.
    double fastest = report.bestSeconds;
    if (report.baselineSeconds > 0 &&
        (fastest == 0 || report.baselineSeconds < fastest))
      fastest = report.baselineSeconds;
    double cutoff = fastest > 0 && options.slowCutoffFactor > 0
                        ? options.slowCutoffFactor * fastest
                        : 0;
    return session.measure(trace, cutoff, remeasure);
  };
  // The untransformed program on this round's inputs. A failure may be the
  // machine's (a worker killed from outside): it is tried once more on fresh
  // inputs before the task is given up, with the failure's true kind.
  auto ensureReference = [&]() -> Error {
    if (haveReference)
      return Error::success();
    MeasureResult reference = session.prepareReference(referenceSeed, false);
    if (!reference.ok() && reference.status != MeasureStatus::OutOfMemory) {
      log("the untransformed program failed (" +
          stringifyMeasureStatus(reference.status) + "); trying again on "
          "fresh inputs");
      referenceSeed = rng();
      reference = session.prepareReference(referenceSeed, false);
    }
    if (!reference.ok())
      return createStringError(
          inconvertibleErrorCode(),
          "the untransformed program of task '" + task.name + "' failed (" +
              stringifyMeasureStatus(reference.status) +
              "), so no candidate can be checked: " + reference.message);
    haveReference = true;
    return Error::success();
  };

  report = summarizeWorkload(database, workload);
  // The task scheduler calls tune() once per step: the best are measured
  // again on the first call only.
  bool remeasureBest = options.remeasureBest > 0 &&
                       bestRemeasured.insert(workload.key).second;
  if (options.remeasureCut || remeasureBest || !otherBest.empty()) {
    // Successes timed fewer times than asked for were cut as too slow after
    // a single run (before cuts needed two), or are very slow: their one
    // time may be a hiccup of the machine. The best few, on request, get a
    // figure from this run. Each is measured again; the new record becomes
    // the trace's label and the old one stays in the file.
    std::vector<Trace> again;
    std::unordered_set<uint64_t> chosen;
    auto choose = [&](const Trace &trace) {
      if (!session.getPending().count(trace.fingerprint()) &&
          chosen.insert(trace.fingerprint()).second)
        again.push_back(trace);
    };
    // The other cache state's fastest first (logged above).
    for (const Trace &trace : otherBest)
      choose(trace);
    size_t other = again.size();
    if (options.remeasureCut)
      for (const TuningRecord *record : database.getCurrentRecords(workload.key))
        if (!record->baseline && !record->remeasured && record->result.ok() &&
            int64_t(record->result.seconds.size()) < options.timing.minRepeats)
          choose(record->trace);
    size_t cut = again.size() - other;
    if (remeasureBest) {
      int64_t best = 0;
      for (const TuningRecord *record : database.getBestRecords(
               workload.key, SIZE_MAX, workload.task.readsWeights))
        if (!record->baseline && best < options.remeasureBest) {
          ++best;
          choose(record->trace);
        }
    }
    if (cut > 0)
      log("measuring again " + Twine(cut) + " candidates timed fewer than " +
          Twine(options.timing.minRepeats) + " times");
    if (again.size() > other + cut)
      log("measuring again the " + Twine(again.size() - other - cut) +
          " best candidates");
    if (!again.empty())
      if (Error error = ensureReference())
        return std::move(error);
    for (auto [index, trace] : llvm::enumerate(again)) {
      std::optional<MeasureResult> result = measureTrace(trace, true);
      if (!result) {
        log("re-exported a best schedule");
        continue;
      }
      TuningRecord record = makeRecord(trace, false, referenceSeed, *result);
      record.remeasured = true;
      if (Error error = database.addRecord(record))
        return std::move(error);
      log("again " + Twine(index + 1) + "/" + Twine(again.size()) + "  " +
          (record.result.ok()
               ? formatSeconds(record.result.median)
               : stringifyMeasureStatus(record.result.status).str()));
    }
    if (!again.empty())
      report = summarizeWorkload(database, workload);
  }
  if (report.measured > 0 && report.measured < limit && !trialLimit)
    log("resuming: " + Twine(report.measured) +
        " trials already in the database");
  int64_t round = 0, exported = 0;
  while (true) {
    if (tuningStopRequested()) {
      log("stopped on request after " + Twine(report.measured) + " trials");
      report.stopped = true;
      break;
    }
    // Count what tuners sharing the database recorded meanwhile, and what
    // waits to be measured elsewhere.
    if (Error error = database.refresh())
      return std::move(error);
    {
      TaskReport current = summarizeWorkload(database, workload);
      current.measuredNow = report.measuredNow;
      current.exhausted = report.exhausted;
      report = std::move(current);
    }
    int64_t pendingCount = session.getPendingTrials();
    if (report.measured + pendingCount >= limit)
      break;
    ++round;
    if (Error error = ensureReference())
      return std::move(error);
    // A deferred runner gets every remaining trial at once: nothing measured
    // in between could inform the next pick.
    int64_t remaining = limit - report.measured - pendingCount;
    Expected<std::vector<Trace>> proposed = strategy.propose(
        workload, hardwareInfo,
        std::min<int64_t>(deferred ? remaining : options.batchSize, remaining),
        session.getPending(), rng);
    if (!proposed)
      return proposed.takeError();
    if (proposed->empty()) {
      log("search space exhausted after " + Twine(report.measured) +
          " trials");
      report.exhausted = true;
      break;
    }
    const int64_t batch = proposed->size();
    std::vector<Trace> measuredTraces;
    std::vector<MeasureResult> measuredResults;
    // Records a result, reports progress and keeps it for the strategy.
    auto recordResult = [&](const Trace &trace, const MeasureResult &result,
                            StringRef via) -> Error {
      if (Error error = database.addRecord(
              makeRecord(trace, false, referenceSeed, result)))
        return error;
      ++report.measured;
      ++report.measuredNow;
      if (result.ok()) {
        if (report.bestSeconds == 0 || result.median < report.bestSeconds) {
          report.bestSeconds = result.median;
          report.best = trace;
        }
      } else {
        ++report.errors[stringifyMeasureStatus(result.status).str()];
      }
      int64_t errorCount = 0;
      for (auto &entry : report.errors)
        errorCount += entry.second;
      std::string line;
      raw_string_ostream os(line);
      os << "trial " << report.measured << "/" << limit << "  "
         << (result.ok() ? formatSeconds(result.median)
                         : stringifyMeasureStatus(result.status).str())
         << "  best " << formatSeconds(report.bestSeconds);
      if (report.bestSeconds > 0 && task.flops > 0)
        os << format(" (%.1f GFLOP/s)", task.flops / report.bestSeconds / 1e9);
      os << "  errors " << errorCount;
      // ETA of this task from the pace of this run's trials.
      double elapsed = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - start)
                           .count();
      int64_t left = limit - report.measured;
      if (left > 0 && report.measuredNow > 0)
        os << "  ETA " << formatDuration(elapsed / report.measuredNow * left);
      if (!via.empty())
        os << "  (" << via << ")";
      log(line);
      TuningProgress progress;
      progress.task = task.name;
      progress.trial = report.measured;
      progress.trials = limit;
      progress.status = stringifyMeasureStatus(result.status).str();
      progress.seconds = result.ok() ? result.median : 0;
      progress.bestSeconds = report.bestSeconds;
      if (report.bestSeconds > 0 && task.flops > 0)
        progress.gflops = task.flops / report.bestSeconds / 1e9;
      progress.elapsedSeconds = elapsed;
      if (left > 0 && report.measuredNow > 0)
        progress.etaSeconds = elapsed / report.measuredNow * left;
      else if (left <= 0)
        progress.etaSeconds = 0;
      notifyTuningObserver(progress);
      measuredTraces.push_back(trace);
      measuredResults.push_back(result);
      return Error::success();
    };
    int64_t dispatched = 0;
    for (const Trace &trace : *proposed) {
      if (tuningStopRequested())
        break; // nothing new starts; the next round check logs the stop
      // Taken by another tuner on the same database since the search ran
      // (a batch folder's pending list is its own claim).
      if (!deferred) {
        Expected<bool> ours = database.claim(workload.key, trace);
        if (!ours)
          return ours.takeError();
        if (!*ours)
          continue;
      }
      std::optional<MeasureResult> result = measureTrace(trace, false);
      if (!result) {
        exported += deferred;
        log((deferred ? "exported " : "submitted ") + Twine(++dispatched) +
            "/" + Twine(batch));
        continue;
      }
      if (Error error = recordResult(trace, *result, ""))
        return std::move(error);
    }
    // A runner that measures elsewhere within the run (Slurm) answers now,
    // each result recorded as it arrives.
    if (Error error = session.collect(
            [&](const Trace &trace, const MeasureResult &result) {
              return recordResult(trace, result, session.getCollectedLabel());
            }))
      return std::move(error);
    if (Error error = strategy.notify(workload, hardwareInfo, measuredTraces,
                                      measuredResults))
      return std::move(error);
    // Results of a deferred runner come back through an import.
    if (deferred)
      break;
    // Fresh inputs for the next round.
    referenceSeed = rng();
    haveReference = false;
  }
  const SearchStatistics &spent = strategy.getStatistics();
  if (spent.scoredCandidates > 0)
    log(formatv("cost model {0}: scored {1} candidates in {2:F2} s ({3:F0}/s), "
                "learned for {4:F2} s",
                strategy.getModelName(), spent.scoredCandidates,
                spent.modelSeconds,
                spent.modelSeconds > 0
                    ? spent.scoredCandidates / spent.modelSeconds
                    : 0.0,
                spent.modelUpdateSeconds)
            .str());
  if (spent.refusedCandidates > 0)
    log(formatv("{0} of {1} picks did not apply here and were passed over "
                "({2:F2} s of checks)",
                spent.refusedCandidates, spent.checkedCandidates,
                spent.checkSeconds)
            .str());
  if (spent.crashedChecks > 0)
    log(formatv("{0} checks crashed the checking helper, exhausted "
                "its memory or ran past its deadline (last: {1})",
                spent.crashedChecks, spent.lastCheckFailure)
            .str());
  if (spent.checksAbandoned)
    log("the checking helper failed five picks in a row, so the checks "
        "stopped: later picks went to the worker unchecked");
  if (spent.transferredCandidates > 0)
    log(formatv("{0} picks so far carried over from the schedule library "
                "(the fastest schedules of the nearest known shapes)",
                spent.transferredCandidates)
            .str());
  TaskReport final = summarizeWorkload(database, workload);
  final.measuredNow = report.measuredNow;
  final.exhausted = report.exhausted;
  final.stopped = report.stopped || tuningStopRequested();
  final.exported = exported;
  final.scoredCandidates = spent.scoredCandidates;
  final.modelSeconds = spent.modelSeconds;
  final.modelUpdateSeconds = spent.modelUpdateSeconds;
  final.tuningSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return final;
}

} // namespace cwm
