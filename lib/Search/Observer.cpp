//===- Observer.cpp - Follow and stop tuning from the embedding program ---===//

#include "cwm/Search/Observer.h"

#include <atomic>
#include <mutex>

namespace cwm {

namespace {
std::mutex observerMutex;
const TuningObserver *installed = nullptr;
std::atomic<bool> stopRequested{false};
} // namespace

ScopedTuningObserver::ScopedTuningObserver(TuningObserver observer)
    : observer(std::move(observer)) {
  std::lock_guard<std::mutex> lock(observerMutex);
  previous = installed;
  installed = &this->observer;
  stopRequested = false;
}

ScopedTuningObserver::~ScopedTuningObserver() {
  std::lock_guard<std::mutex> lock(observerMutex);
  installed = previous;
  stopRequested = false;
}

void notifyTuningObserver(const TuningProgress &progress) {
  std::lock_guard<std::mutex> lock(observerMutex);
  if (installed && *installed && !(*installed)(progress))
    stopRequested = true;
}

bool tuningStopRequested() { return stopRequested; }

} // namespace cwm
