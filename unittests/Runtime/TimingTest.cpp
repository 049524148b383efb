//===- TimingTest.cpp - Repeated timing and the slow-candidate cut --------===//

#include "cwm/Runtime/Timing.h"
#include "cwm/Runtime/HostCpu.h"

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

TEST(TimingTest, FlushedTimingOfATinyKernelEndsByWallTime) {
  // A kernel of a few microseconds, a flush of milliseconds before each run:
  // counting only the runs' time toward minTotalSeconds would repeat it
  // tens of thousands of times (the ResNet-18 input transpose timed out
  // this way). The flushes count toward the time spent.
  TimingOptions options = cutAt(0);
  options.minTotalSeconds = 0.1;
  options.flushCache = true;
  int64_t calls = 0;
  auto start = std::chrono::steady_clock::now();
  TimingSummary summary = timeRepeatedly([&] { ++calls; }, options);
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  EXPECT_GE(summary.seconds.size(), 3u);
  EXPECT_EQ(int64_t(summary.seconds.size()), calls);
  // Every flush writes at least 32 MB, so 0.1 s holds at most a few hundred;
  // unflushed it would be millions of empty calls.
  EXPECT_LT(calls, 5000);
  EXPECT_LT(seconds, 2.0);
}

/// The caches' sizes are part of every CPU record's hardware context and of
/// the world model's locality features: found on this machine, whether
/// sysfs lists them or only CPUID does (a VM without
/// /sys/devices/system/cpu/cpu0/cache read 0 for all three before).
TEST(TimingTest, HostCpuFactsNameTheCacheSizes) {
  HostCpuFacts facts = readHostCpu();
  EXPECT_GE(facts.l1dBytes, 8 << 10);
  EXPECT_GE(facts.l2Bytes, facts.l1dBytes);
  EXPECT_GT(facts.l3Bytes, 0);
}
