//===- Timing.h - Repeated timing with warm-up ------------------*- C++ -*-===//

#ifndef CWM_RUNTIME_TIMING_H
#define CWM_RUNTIME_TIMING_H

#include <cstdint>
#include <functional>
#include <vector>

namespace cwm {

struct TimingOptions {
  int64_t warmupRuns = 1;
  int64_t minRepeats = 3;
  int64_t maxRepeats = 1000;
  /// Keep repeating until this many seconds have been timed in total.
  double minTotalSeconds = 0.2;
  /// Never time for longer than this (beyond minRepeats).
  double maxTotalSeconds = 10.0;
  /// Overwrite a buffer larger than the caches before every run (twice the
  /// caches, 32-256 MB). The run count then follows the wall time spent,
  /// flushes included, against minTotalSeconds / maxTotalSeconds.
  bool flushCache = false;
  /// 0 = off. Two runs, both slower than this, end the timing: a candidate
  /// that far behind the best needs no precise time (the tuner passes a
  /// multiple of the best time so far). One slow run is not enough: it is
  /// as often a hiccup of the machine as a slow candidate.
  double slowCutoffSeconds = 0;
};

struct TimingSummary {
  std::vector<double> seconds;
  double median = 0;
  /// (p90 - p10) / median.
  double spread = 0;
};

/// Times `run` (one call of the kernel) as `options` says.
TimingSummary timeRepeatedly(const std::function<void()> &run,
                             const TimingOptions &options);

/// Median and spread of a list of times.
TimingSummary summarize(std::vector<double> seconds);

} // namespace cwm

#endif // CWM_RUNTIME_TIMING_H
