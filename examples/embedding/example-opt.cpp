//===- example-opt.cpp - an opt driver that embeds cwm --------------------===//
//
// What a framework's own MLIR tool does to use cwm: register cwm's dialects,
// passes and pipelines next to its own, then use --cwm-autotune inside its
// own pipelines. This one adds
//   --example-count-linalg   a pass of its own (remarks with op counts), and
//   --example-compile        its own pipeline: count, canonicalize, tune with
//                            cwm (trials=, db=), count again, lower for the
//                            CPU with cwm-lower-cpu.
//
//===----------------------------------------------------------------------===//

#include "cwm/Api/Api.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace {

/// Reports how many Linalg ops each function holds, as a remark.
struct CountLinalgPass
    : PassWrapper<CountLinalgPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CountLinalgPass)
  StringRef getArgument() const final { return "example-count-linalg"; }
  StringRef getDescription() const final {
    return "Remark with the number of Linalg ops in each function";
  }
  void runOnOperation() final {
    int64_t count = 0;
    getOperation().walk([&](linalg::LinalgOp) { ++count; });
    emitRemark(getOperation().getLoc())
        << "@" << getOperation().getSymName() << ": " << count
        << " linalg ops";
  }
};

struct CompileOptions : PassPipelineOptions<CompileOptions> {
  Option<int64_t> trials{*this, "trials",
                         llvm::cl::desc("measured trials per task"),
                         llvm::cl::init(16)};
  Option<std::string> database{*this, "db",
                               llvm::cl::desc("cwm tuning database (JSONL)"),
                               llvm::cl::init("example-tuning.jsonl")};
};

/// The framework's pipeline. cwm's passes are used by their registered names,
/// with cwm-autotune's own option syntax.
void buildCompilePipeline(OpPassManager &pm, const CompileOptions &options) {
  pm.addNestedPass<func::FuncOp>(std::make_unique<CountLinalgPass>());
  pm.addPass(createCanonicalizerPass());
  std::string autotune = "cwm-autotune{target=cpu trials=" +
                         std::to_string(options.trials) +
                         " db=" + options.database + " min-time=0.01}";
  if (failed(parsePassPipeline(autotune, pm, llvm::errs())))
    llvm::report_fatal_error("example-compile: cwm-autotune does not parse");
  pm.addNestedPass<func::FuncOp>(std::make_unique<CountLinalgPass>());
  if (failed(parsePassPipeline("cwm-lower-cpu", pm, llvm::errs())))
    llvm::report_fatal_error("example-compile: cwm-lower-cpu does not parse");
}

} // namespace

int main(int argc, char **argv) {
  DialectRegistry registry;
  cwm::registerEverything(registry);
  PassRegistration<CountLinalgPass>();
  PassPipelineRegistration<CompileOptions>(
      "example-compile",
      "The example framework's pipeline: tune with cwm, lower for the CPU",
      buildCompilePipeline);
  return asMainReturnCode(MlirOptMain(
      argc, argv,
      "example-opt (cwm " + std::string(cwm::getVersion()) + " embedded)",
      registry));
}
