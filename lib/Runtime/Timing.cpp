//===- Timing.cpp - Repeated timing with warm-up --------------------------===//

#include "cwm/Runtime/Timing.h"

#include "cwm/Runtime/HostCpu.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace cwm {

TimingSummary summarize(std::vector<double> seconds) {
  TimingSummary summary;
  summary.seconds = seconds;
  if (seconds.empty())
    return summary;
  std::sort(seconds.begin(), seconds.end());
  size_t n = seconds.size();
  summary.median = n % 2 ? seconds[n / 2]
                         : 0.5 * (seconds[n / 2 - 1] + seconds[n / 2]);
  double p10 = seconds[size_t(0.1 * (n - 1))];
  double p90 = seconds[size_t(0.9 * (n - 1) + 0.5)];
  summary.spread = summary.median > 0 ? (p90 - p10) / summary.median : 0;
  return summary;
}

/// Bytes written to push a kernel's operands out of every cache: twice the
/// last-level cache (per-core caches added), at least 32 MB and at most
/// 256 MB. A fixed 256 MB cost about 15 ms per run, which made flushed
/// timings of microsecond kernels outlast their time limit.
static size_t flushBytes() {
  HostCpuFacts cpu = readHostCpu();
  int64_t cores = std::max<int64_t>(cpu.cores, 1);
  int64_t cached = cpu.l3Bytes + cores * (cpu.l2Bytes + cpu.l1dBytes);
  int64_t bytes = std::clamp<int64_t>(2 * cached, int64_t(32) << 20,
                                      int64_t(256) << 20);
  return static_cast<size_t>(bytes);
}

/// Writes and reads a buffer larger than the caches here.
static void flushCaches() {
  static const size_t bytes = flushBytes();
  static char *buffer = static_cast<char *>(std::malloc(bytes));
  static volatile char sink;
  if (!buffer)
    return;
  std::memset(buffer, sink + 1, bytes);
  sink = buffer[bytes / 2];
}

TimingSummary timeRepeatedly(const std::function<void()> &run,
                             const TimingOptions &options) {
  using Clock = std::chrono::steady_clock;
  for (int64_t i = 0; i < options.warmupRuns; ++i)
    run();
  std::vector<double> seconds;
  // `total` is the time of the runs; `spent` adds the flushes between them.
  // With flushing the run count is set by `spent`: a run of a few
  // microseconds after a flush of milliseconds would otherwise be repeated
  // tens of thousands of times to fill minTotalSeconds. Each flushed run
  // starts from the same cold state, so fewer repeats are as informative.
  double total = 0, spent = 0;
  auto began = Clock::now();
  while (int64_t(seconds.size()) < options.maxRepeats) {
    double budget = options.flushCache ? spent : total;
    if (int64_t(seconds.size()) >= options.minRepeats &&
        (budget >= options.minTotalSeconds ||
         budget >= options.maxTotalSeconds))
      break;
    if (options.flushCache)
      flushCaches();
    auto start = Clock::now();
    run();
    auto end = Clock::now();
    double elapsed = std::chrono::duration<double>(end - start).count();
    seconds.push_back(elapsed);
    total += elapsed;
    spent = std::chrono::duration<double>(end - began).count();
    // Cut only when two runs are both over the limit: one slow run is often
    // a hiccup of the machine (another process, a page-fault storm, thread
    // start-up), and a candidate cut on it would keep that time as its label.
    if (options.slowCutoffSeconds > 0 && seconds.size() >= 2 &&
        *std::min_element(seconds.begin(), seconds.end()) >
            options.slowCutoffSeconds)
      break;
  }
  return summarize(std::move(seconds));
}

} // namespace cwm
