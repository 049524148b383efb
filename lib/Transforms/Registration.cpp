//===- Registration.cpp - Register cwm passes and pipelines ---------------===//

#include "cwm/Transforms/Passes.h"

#include "cwm/Pipelines/Pipelines.h"

namespace cwm {

void registerAllPasses() {
  registerPipelines();
  mlir::cwm::registerCWMPasses();
}

} // namespace cwm
