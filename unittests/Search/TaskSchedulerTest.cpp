//===- TaskSchedulerTest.cpp - Spreading a budget over tasks --------------===//

#include "cwm/Search/TaskScheduler.h"

#include "gtest/gtest.h"

using namespace cwm;

namespace {
ScheduledTask task(const std::string &key, OpClass opClass, double flops,
                   int64_t weight) {
  ScheduledTask t;
  t.workload.key = key;
  t.workload.target = "cpu";
  t.workload.task.name = key;
  t.workload.task.opClass = opClass;
  t.workload.task.flops = flops;
  t.weight = weight;
  return t;
}

TuningRecord measured(const std::string &key, double seconds, bool baseline,
                      int64_t tile) {
  TuningRecord r;
  r.workloadKey = key;
  r.target = "cpu";
  r.baseline = baseline;
  if (!baseline) {
    Action action;
    action.kind = ActionKind::Tile;
    action.decisions["sizes"] = Decision(std::vector<int64_t>{tile});
    r.trace.push_back(action);
  }
  r.result.status = seconds > 0 ? MeasureStatus::Ok : MeasureStatus::Crash;
  r.result.median = seconds;
  return r;
}
} // namespace

TEST(TaskSchedulerTest, ProgressCountsTrialsAndKeepsTheDefaultLowering) {
  auto db = Database::inMemory();
  ScheduledTask t = task("a", OpClass::Matmul, 1e9, 1);
  ASSERT_FALSE(bool(db->addWorkload(t.workload)));
  ASSERT_FALSE(bool(db->addRecord(measured("a", 5e-3, true, 0))));
  for (int64_t i = 0; i < 4; ++i) // 8, 4, failed, 5 ms
    ASSERT_FALSE(bool(db->addRecord(
        measured("a", i == 2 ? 0 : (i == 1 ? 4e-3 : 8e-3 - i * 1e-3), false, i))));
  TaskProgress p = readProgress(*db, "a", /*stepTrials=*/2);
  EXPECT_EQ(p.trials, 4);
  EXPECT_DOUBLE_EQ(p.best, 4e-3); // the default's 5 ms counts from the start
  EXPECT_DOUBLE_EQ(p.bestAfterStep, 4e-3);
  p = readProgress(*db, "a", /*stepTrials=*/3);
  EXPECT_DOUBLE_EQ(p.bestAfterStep, 5e-3);
}

TEST(TaskSchedulerTest, EveryTaskGetsAStepFirstThenRoundRobinEvensTrials) {
  std::vector<ScheduledTask> tasks = {task("a", OpClass::Matmul, 1e9, 1),
                                      task("b", OpClass::Conv2D, 1e9, 1),
                                      task("c", OpClass::Matmul, 1e9, 1)};
  SchedulerOptions options;
  options.policy = SchedulePolicy::RoundRobin;
  std::vector<TaskProgress> progress(3);
  llvm::SmallVector<bool> exhausted(3, false);
  progress[0].trials = 8;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 1u);
  progress[1].trials = 16;
  progress[2].trials = 8;
  progress[0].best = progress[1].best = progress[2].best = 1e-3;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 0u);
  exhausted[0] = true;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 2u);
  exhausted[2] = exhausted[1] = true;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), std::nullopt);
}

TEST(TaskSchedulerTest, GradientFavoursHeavyFrequentAndLaggingTasks) {
  SchedulerOptions options;
  options.policy = SchedulePolicy::Gradient;
  options.stepTrials = 8;
  llvm::SmallVector<bool> exhausted(2, false);
  // Equal tasks, one running three times per model: it goes first.
  std::vector<ScheduledTask> tasks = {task("a", OpClass::Matmul, 1e9, 1),
                                      task("b", OpClass::Matmul, 1e9, 3)};
  std::vector<TaskProgress> progress(2);
  for (TaskProgress &p : progress) {
    p.trials = 16;
    p.best = 2e-3;
    p.bestAfterStep = 2e-3;
  }
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 1u);
  // A task far below the throughput its op class reaches elsewhere (10x
  // slower for the same FLOPs) goes before one at that throughput, even
  // when the other runs three times as often.
  progress[0].best = 20e-3;
  progress[0].bestAfterStep = 22e-3;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 0u);
  // Once its last step found nothing better, the similarity estimate no
  // longer holds it: after many trials the frequent task goes first again.
  progress[0].bestAfterStep = 20e-3;
  progress[0].trials = 400;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 1u);
  // A task whose every program failed so far comes first.
  progress[1].best = 0;
  EXPECT_EQ(pickNextTask(tasks, progress, exhausted, options), 1u);
}

TEST(TaskSchedulerTest, PolicyNames) {
  EXPECT_EQ(parseSchedulePolicy("gradient"), SchedulePolicy::Gradient);
  EXPECT_EQ(parseSchedulePolicy("round-robin"), SchedulePolicy::RoundRobin);
  EXPECT_EQ(parseSchedulePolicy("fastest"), std::nullopt);
  EXPECT_EQ(stringifySchedulePolicy(SchedulePolicy::RoundRobin), "round-robin");
}
