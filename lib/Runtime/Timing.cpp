//===- Timing.cpp - Repeated timing with warm-up --------------------------===//

#include "cwm/Runtime/Timing.h"

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

/// Writes and reads a buffer larger than any last-level cache here.
static void flushCaches() {
  static constexpr size_t kBytes = 256u << 20;
  static char *buffer = static_cast<char *>(std::malloc(kBytes));
  static volatile char sink;
  if (!buffer)
    return;
  std::memset(buffer, sink + 1, kBytes);
  sink = buffer[kBytes / 2];
}

TimingSummary timeRepeatedly(const std::function<void()> &run,
                             const TimingOptions &options) {
  using Clock = std::chrono::steady_clock;
  for (int64_t i = 0; i < options.warmupRuns; ++i)
    run();
  std::vector<double> seconds;
  double total = 0;
  while (int64_t(seconds.size()) < options.maxRepeats) {
    if (int64_t(seconds.size()) >= options.minRepeats &&
        (total >= options.minTotalSeconds || total >= options.maxTotalSeconds))
      break;
    if (options.flushCache)
      flushCaches();
    auto start = Clock::now();
    run();
    double elapsed =
        std::chrono::duration<double>(Clock::now() - start).count();
    seconds.push_back(elapsed);
    total += elapsed;
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
