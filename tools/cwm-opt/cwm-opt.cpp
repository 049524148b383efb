//===- cwm-opt.cpp - MLIR optimizer driver with the cwm passes ------------===//

#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Transforms/Passes.h"
#include "cwm/Version.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  cwm::setVersionPrinter("cwm-opt");
  cwm::registerAllPasses();
  mlir::DialectRegistry registry;
  cwm::registerDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "cwm optimizer driver: MLIR passes plus cwm's auto-scheduler",
      registry));
}
