//===- TaskScheduler.h - Spread a trial budget over a model's tasks -*- C++ -*-===//
//
// A whole model is many tasks of unequal weight: some run many times (their
// count in the payload), some take most of the time. The scheduler gives a
// total budget of measured trials to the tasks in steps of one tuner round:
//   round-robin  the task with the fewest trials next;
//   gradient     as Ansor: after one step per task, the task whose next
//                step is expected to shorten the model the most, from the
//                weighted objective f = sum_i weight_i * latency_i and
//                  df/dt_i ~ weight_i * (alpha * backward_i +
//                        (1 - alpha) * min(-g_i / t_i,
//                                          beta * C_i / V_max(i) - g_i))
//                with g_i the task's best latency after t_i trials (the
//                default lowering counts), backward_i its change over the
//                last step per trial, C_i its FLOPs and V_max(i) the best
//                FLOP/s reached by a task of the same op class; unlike
//                Ansor, that similarity term is dropped for a task whose
//                last step found nothing better (else a task that is
//                intrinsically slower than its class draws every step).
// Everything is recomputed from the database at each step, so a run that
// stops resumes where it was.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_TASKSCHEDULER_H
#define CWM_SEARCH_TASKSCHEDULER_H

#include "cwm/Search/Tuner.h"

#include <functional>
#include <optional>

namespace cwm {

enum class SchedulePolicy { RoundRobin, Gradient };
std::optional<SchedulePolicy> parseSchedulePolicy(llvm::StringRef name);
llvm::StringRef stringifySchedulePolicy(SchedulePolicy policy);

struct SchedulerOptions {
  SchedulePolicy policy = SchedulePolicy::Gradient;
  /// Measured trials over all tasks, records already in the database
  /// included.
  int64_t budget = 0;
  /// Trials given to a task per step (one tuner round).
  int64_t stepTrials = 8;
  double alpha = 0.2;
  double beta = 2.0;
  bool quiet = false;
};

/// One distinct task of a payload.
struct ScheduledTask {
  WorkloadEntry workload;
  int64_t weight = 1; ///< instances in the payload
};

/// The state of one task as the scheduler sees it (from the database).
struct TaskProgress {
  int64_t trials = 0;         ///< tuning records
  double best = 0;            ///< best latency, default lowering included; 0 = none
  double bestAfterStep = 0;   ///< best latency `stepTrials` trials ago (0 = none)
};

/// Reads a task's progress from the database.
TaskProgress readProgress(const Database &database, llvm::StringRef key,
                          int64_t stepTrials);

/// The scheduler's choice among `tasks` (nullopt when every task is
/// exhausted). Pure: exposed for tests.
std::optional<size_t>
pickNextTask(llvm::ArrayRef<ScheduledTask> tasks,
             llvm::ArrayRef<TaskProgress> progress,
             llvm::ArrayRef<bool> exhausted, const SchedulerOptions &options);

class TaskScheduler {
public:
  TaskScheduler(Database &database, Tuner &tuner, SchedulerOptions options)
      : database(database), tuner(tuner), options(options) {}

  /// Tunes `tasks` (already in the database) until the budget is spent or
  /// no task can take more; one report per task, in the order given.
  llvm::Expected<std::vector<TaskReport>>
  run(llvm::ArrayRef<ScheduledTask> tasks);

private:
  Database &database;
  Tuner &tuner;
  SchedulerOptions options;
};

} // namespace cwm

#endif // CWM_SEARCH_TASKSCHEDULER_H
