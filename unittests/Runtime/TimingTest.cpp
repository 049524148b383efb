//===- TimingTest.cpp - Repeated timing and the slow-candidate cut --------===//

#include "cwm/Runtime/Timing.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

using namespace cwm;

/// A "kernel" that sleeps for the given milliseconds, one entry per call
/// (the last entry repeats).
static std::function<void()> sleeper(std::vector<int> milliseconds,
                                     int &calls) {
  return [milliseconds, &calls] {
    size_t i = std::min<size_t>(calls++, milliseconds.size() - 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds[i]));
  };
}

static TimingOptions cutAt(double seconds) {
  TimingOptions options;
  options.warmupRuns = 0;
  options.minRepeats = 3;
  options.minTotalSeconds = 0.05;
  options.maxTotalSeconds = 1;
  options.slowCutoffSeconds = seconds;
  return options;
}

TEST(TimingTest, OneSlowRunDoesNotCutACandidate) {
  // The first run hits a hiccup (60 ms); the kernel itself takes 2 ms.
  int calls = 0;
  TimingSummary summary = timeRepeatedly(sleeper({60, 2}, calls), cutAt(0.02));
  EXPECT_GE(summary.seconds.size(), 3u);
  EXPECT_LT(summary.median, 0.02);
}

TEST(TimingTest, TwoSlowRunsCutACandidate) {
  int calls = 0;
  TimingSummary summary = timeRepeatedly(sleeper({30}, calls), cutAt(0.02));
  EXPECT_EQ(summary.seconds.size(), 2u);
  EXPECT_GE(summary.median, 0.02);
}

TEST(TimingTest, WithoutACutTheMinimumRepeatsAreTimed) {
  int calls = 0;
  TimingSummary summary = timeRepeatedly(sleeper({30}, calls), cutAt(0));
  EXPECT_GE(summary.seconds.size(), 3u);
}
