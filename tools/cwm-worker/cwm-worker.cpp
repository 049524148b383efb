//===- cwm-worker.cpp - Builds, checks and times one candidate ------------===//
//
// Started by the tuner once per candidate so that a crash, an LLVM ERROR abort
// or a hang costs that candidate only.
//
//===----------------------------------------------------------------------===//

#include "cwm/Measure/Runner.h"
#include "cwm/Pipelines/Pipelines.h"

int main(int argc, char **argv) {
  cwm::registerPipelines();
  return cwm::runWorkerMain(argc, argv);
}
