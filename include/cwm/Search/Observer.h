//===- Observer.h - Follow and stop tuning from the embedding program -*- C++ -*-===//
//
// A program that embeds cwm (the Python package, a framework calling
// cwm::tuneModule) follows tuning through an observer: it is called after
// every measured trial with the task's progress, and returning false stops
// the run cleanly (every result so far is in the database; the candidate being
// measured finishes first, nothing else starts). Install one for a scope with
// ScopedTuningObserver; the tuner asks tuningObserver() for it.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_OBSERVER_H
#define CWM_SEARCH_OBSERVER_H

#include <cstdint>
#include <functional>
#include <string>

namespace cwm {

/// One trial's progress, as the tuner's progress line prints it.
struct TuningProgress {
  std::string task;
  int64_t trial = 0;       ///< trials of this task recorded so far
  int64_t trials = 0;      ///< the task's goal
  std::string status;      ///< this trial: "ok" or its failure kind
  double seconds = 0;      ///< this trial's median (0 unless ok)
  double bestSeconds = 0;  ///< the task's best so far (0: none yet)
  double gflops = 0;       ///< at the best time (0 if unknown)
  double elapsedSeconds = 0; ///< this task in this run
  double etaSeconds = -1;  ///< to the task's goal (-1: unknown)
};

/// Returns false to stop tuning.
using TuningObserver = std::function<bool(const TuningProgress &)>;

/// Installs `observer` while alive (one at a time; the previous one is
/// restored after). A stop request lasts as long as the observer that made
/// it.
class ScopedTuningObserver {
public:
  explicit ScopedTuningObserver(TuningObserver observer);
  ~ScopedTuningObserver();
  ScopedTuningObserver(const ScopedTuningObserver &) = delete;
  ScopedTuningObserver &operator=(const ScopedTuningObserver &) = delete;

private:
  TuningObserver observer;
  const TuningObserver *previous;
};

/// Reports a trial to the installed observer, if any; remembers a stop.
void notifyTuningObserver(const TuningProgress &progress);

/// Whether the installed observer asked to stop.
bool tuningStopRequested();

} // namespace cwm

#endif // CWM_SEARCH_OBSERVER_H
