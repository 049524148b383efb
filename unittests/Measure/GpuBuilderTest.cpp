//===- GpuBuilderTest.cpp - GPU candidates built into shared objects ------===//

#include "cwm/Measure/GpuBuilder.h"

#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Runtime/CudaRuntime.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <dlfcn.h>

using namespace cwm;

namespace {

const char *kTask = R"mlir(
func.func @task(%A: tensor<256x128xf32>, %B: tensor<128x256xf32>) -> tensor<256x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill {cwm.op = 0 : i64, cwm.task = 0 : i64} ins(%z : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.matmul {cwm.op = 1 : i64, cwm.task = 0 : i64} ins(%A, %B : tensor<256x128xf32>, tensor<128x256xf32>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
)mlir";

Trace gpuTrace() {
  llvm::Expected<Trace> trace = Trace::parse(R"json({"version": 1, "actions": [
    {"kind": "map_blocks", "target": 1, "decisions": {"sizes": [64, 32, 0]}},
    {"kind": "map_threads", "target": 1, "decisions": {"sizes": [4, 2, 0]}},
    {"kind": "map_threads", "target": 0, "decisions": {"sizes": [4, 2]}}]})json");
  EXPECT_TRUE(static_cast<bool>(trace));
  return trace ? *trace : Trace();
}

TEST(GpuBuilderTest, BuildsASharedObjectWithTheEntryPoint) {
  registerPipelines();
  mlir::DialectRegistry registry;
  registerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kTask, &context);
  ASSERT_TRUE(module);
  mlir::FailureOr<TaskInfo> info = analyzeTaskModule(*module);
  ASSERT_TRUE(succeeded(info));
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("cwm-candidate", "so", path));
  llvm::Error error = buildGpuCandidate(*module, gpuTrace(), *info, path);
  ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  // Loading runs the kernel-loading constructor against cwm's runtime (no
  // GPU here: it reports that and returns null); the entry point exists.
  void *library = dlopen(path.c_str(), RTLD_NOW);
  ASSERT_NE(library, nullptr) << dlerror();
  EXPECT_NE(dlsym(library, "_mlir_ciface_task"), nullptr);
  llvm::sys::fs::remove(path);
}

TEST(GpuBuilderTest, ACpuScheduleIsRefused) {
  mlir::DialectRegistry registry;
  registerDialects(registry);
  mlir::MLIRContext context(registry);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kTask, &context);
  ASSERT_TRUE(module);
  mlir::FailureOr<TaskInfo> info = analyzeTaskModule(*module);
  ASSERT_TRUE(succeeded(info));
  llvm::Error error = buildGpuCandidate(*module, Trace(), *info, "/tmp/x.so");
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("not a GPU schedule"),
            std::string::npos);
}

} // namespace
