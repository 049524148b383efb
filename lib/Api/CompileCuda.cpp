//===- CompileCuda.cpp - A whole payload to a GPU shared object -----------===//
//
// A GPU schedule bufferizes and maps the payload it is applied to, so the
// tasks of a model cannot be scheduled in place one after another (as on the
// CPU). Each task instance is compiled on its own, exactly as a measured
// candidate is (apply, out-params, cwm-lower-gpu), under a unique name; the
// payload keeps calls to those functions, is bufferized with device buffers
// between them, lowered, and linked with the tasks' objects.
//
//===----------------------------------------------------------------------===//

#include "CompileCuda.h"

#include "cwm/Measure/GpuBuilder.h"
#include "cwm/Pipelines/Compile.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/SearchSpace/SearchSpace.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <random>

using namespace mlir;

namespace cwm {

static llvm::Error cudaError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// How many samples of the CUDA rules an untuned task may try before the
/// compilation gives up on it.
static constexpr int kDefaultScheduleTries = 16;

/// Lowers a copy of `task`'s module under the name `name` with `trace`.
static llvm::Expected<OwningOpRef<ModuleOp>>
lowerTaskCopy(const ExtractedTask &task, const Trace &trace,
              llvm::StringRef name, const GpuBuildOptions &gpu) {
  ModuleOp original = task.module.get();
  OwningOpRef<ModuleOp> copy = original.clone();
  for (func::FuncOp function : copy->getOps<func::FuncOp>())
    if (function.getSymName() == "task")
      function.setSymName(name);
  if (llvm::Error error = lowerGpuCandidate(*copy, trace, task.info, gpu))
    return std::move(error);
  return std::move(copy);
}

/// Glue ops that stay on the host side of a compiled GPU model: everything
/// else must have been taken into a task.
static bool isGlueOp(Operation *op) {
  return isa<func::CallOp, func::ReturnOp, tensor::EmptyOp,
             tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op) ||
         op->hasTrait<OpTrait::ConstantLike>();
}

/// The compiled tasks take their results as out-params (as measured
/// candidates do): each call to a task gets a fresh buffer per result, which
/// the device-buffers pass later puts in device memory. (MLIR's
/// buffer-results-to-out-params leaves declarations alone.)
static void passTaskResultsAsOutParams(ModuleOp module) {
  for (func::FuncOp callee : module.getOps<func::FuncOp>()) {
    if (!callee.isExternal() || !callee.getSymName().starts_with("cwm_task_"))
      continue;
    SmallVector<Type> inputs(callee.getArgumentTypes());
    llvm::append_range(inputs, callee.getResultTypes());
    callee.setType(FunctionType::get(module.getContext(), inputs, {}));
  }
  SmallVector<func::CallOp> calls;
  module.walk([&](func::CallOp call) {
    if (call.getCallee().starts_with("cwm_task_"))
      calls.push_back(call);
  });
  for (func::CallOp call : calls) {
    OpBuilder builder(call);
    SmallVector<Value> operands(call.getOperands());
    SmallVector<Value> buffers;
    for (Type type : call.getResultTypes())
      buffers.push_back(memref::AllocOp::create(builder, call.getLoc(),
                                                cast<MemRefType>(type)));
    llvm::append_range(operands, buffers);
    func::CallOp::create(builder, call.getLoc(), call.getCallee(),
                         TypeRange{}, operands);
    call.replaceAllUsesWith(buffers);
    call.erase();
  }
}

llvm::Error compileCudaModule(ModuleOp module, llvm::StringRef outputPath,
                              const CompileOptions &options,
                              const Database *database, CompileOutput &output) {
  MLIRContext *context = module.getContext();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error &&
        diagnostics.size() < 4000) {
      llvm::raw_string_ostream os(diagnostics);
      os << d.getLocation() << ": " << d << "\n";
    }
    return success();
  });
  auto failWith = [&](const llvm::Twine &what) {
    return cudaError(what + (diagnostics.empty() ? "" : ": " + diagnostics));
  };
  auto runPipeline = [&](llvm::StringRef pipeline,
                         llvm::StringRef what) -> llvm::Error {
    PassManager pm(context);
    if (failed(parsePassPipeline(pipeline, pm)))
      return cudaError("internal error: the pipeline for " + what);
    if (failed(pm.run(module)))
      return failWith(what + " failed");
    return llvm::Error::success();
  };

  FailureOr<std::vector<ExtractedTask>> tasks = extractTasks(module, "cuda");
  if (failed(tasks))
    return failWith("cannot split the module into tasks");

  GpuBuildOptions gpu;
  gpu.chip = options.chip;
  gpu.features = options.gpuFeatures;
  gpu.format = options.gpuFormat;
  std::unique_ptr<SearchSpace> rules = createCudaSearchSpace({});

  llvm::SmallString<128> workDir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("cwm-cuda-model", workDir))
    return cudaError("cannot create a temporary directory: " + ec.message());
  std::vector<std::string> objects;
  llvm::scope_exit cleanUp([&] {
    for (const std::string &object : objects)
      llvm::sys::fs::remove(object);
    llvm::sys::fs::remove(workDir);
  });
  auto emitObject = [&](ModuleOp lowered, llvm::StringRef name,
                        llvm::StringRef signature) -> llvm::Error {
    llvm::SmallString<128> path(workDir);
    llvm::sys::path::append(path, name + ".o");
    ObjectOptions object;
    object.cpu = "x86-64"; // the GPU machine's CPU is not this one
    object.moduleName = name.str();
    object.signature = signature.str();
    if (llvm::Error error = emitObjectFile(lowered, path, object))
      return error;
    objects.push_back(path.str().str());
    return llvm::Error::success();
  };

  // The tasks, each on its own.
  for (const ExtractedTask &task : *tasks) {
    ++output.tasks;
    std::string name = "cwm_task_" + std::to_string(task.instance);
    std::optional<OwningOpRef<ModuleOp>> lowered;
    if (database) {
      std::vector<const TuningRecord *> best =
          database->getBestRecords(task.key, 1);
      if (!best.empty() && !best.front()->baseline) {
        llvm::Expected<OwningOpRef<ModuleOp>> tuned =
            lowerTaskCopy(task, best.front()->trace, name, gpu);
        if (tuned) {
          lowered = std::move(*tuned);
          ++output.tunedTasks;
        } else {
          llvm::errs() << "cwm: warning: the best GPU schedule of '"
                       << task.info.name << "' does not build ("
                       << llvm::toString(tuned.takeError())
                       << "); using a default schedule\n";
        }
      }
    }
    if (!lowered) {
      output.defaultTasks.push_back(task.info.name);
      std::string lastError;
      for (int seed = 0; seed < kDefaultScheduleTries && !lowered; ++seed) {
        std::mt19937_64 rng(seed);
        Trace trace = rules->sample(task.info, rng);
        llvm::Expected<OwningOpRef<ModuleOp>> attempt =
            lowerTaskCopy(task, trace, name, gpu);
        if (attempt)
          lowered = std::move(*attempt);
        else
          lastError = llvm::toString(attempt.takeError());
      }
      if (!lowered)
        return cudaError("no GPU schedule of the CUDA rules builds for task '" +
                         task.info.name + "' (" +
                         llvm::Twine(kDefaultScheduleTries) +
                         " tried; last: " + lastError + ")");
    }
    if (llvm::Error error = emitObject(**lowered, name, ""))
      return error;
  }

  // The glue: calls to the tasks, device buffers between them.
  if (failed(outlineTaskInstances(module, *tasks, "cwm_task_")))
    return failWith("cannot replace the tasks by calls");
  stripTaskTags(module);
  // A task reads its arguments and writes only its results: without this,
  // bufferization would assume an external callee writes its arguments and
  // copy every tensor that is read again later.
  for (func::FuncOp callee : module.getOps<func::FuncOp>())
    if (callee.isExternal() && callee.getSymName().starts_with("cwm_task_"))
      for (unsigned i = 0; i < callee.getNumArguments(); ++i)
        callee.setArgAttr(i, "bufferization.access",
                          StringAttr::get(context, "read"));
  if (llvm::Error error =
          runPipeline("canonicalize", "canonicalizing the model's glue"))
    return error;
  for (func::FuncOp function : module.getOps<func::FuncOp>()) {
    if (function.isExternal())
      continue;
    for (Operation &op : function.getBody().front())
      if (!isGlueOp(&op)) {
        op.emitError("this op is in no GPU task (cwm has no GPU schedule "
                     "for it on its own)");
        return failWith("the model has ops no GPU task covers");
      }
  }
  if (llvm::Error error = runPipeline(
          "one-shot-bufferize{bufferize-function-boundaries "
          "function-boundary-type-conversion=identity-layout-map}",
          "bufferizing the model's glue"))
    return error;
  passTaskResultsAsOutParams(module);
  if (llvm::Error error = runPipeline(
          "buffer-results-to-out-params{hoist-static-allocs "
          "modify-public-functions},canonicalize",
          "turning the model's results into out-params"))
    return error;
  // Copies left in the glue (a result into its out-param) are between device
  // buffers: device-to-device copies, synchronized at once.
  SmallVector<memref::CopyOp> copies;
  module.walk([&](memref::CopyOp copy) { copies.push_back(copy); });
  for (memref::CopyOp copy : copies) {
    OpBuilder builder(copy);
    Location loc = copy.getLoc();
    auto tokenType = builder.getType<gpu::AsyncTokenType>();
    Value start = gpu::WaitOp::create(builder, loc, tokenType, ValueRange{})
                      .getAsyncToken();
    Value done = gpu::MemcpyOp::create(builder, loc, tokenType,
                                       ValueRange{start}, copy.getTarget(),
                                       copy.getSource())
                     .getAsyncToken();
    gpu::WaitOp::create(builder, loc, Type(), ValueRange{done});
    copy.erase();
  }
  for (func::FuncOp function : module.getOps<func::FuncOp>())
    if (function.isPublic() && !function.isExternal())
      function->setAttr("llvm.emit_c_interface", UnitAttr::get(context));
  {
    PassManager pm(context);
    if (llvm::Error error = addGpuLowering(pm, gpu))
      return error;
    if (failed(pm.run(module)) || !diagnostics.empty())
      return failWith("lowering the model's glue failed");
  }
  if (llvm::Error error = emitObject(module, "cwm_model", output.signature))
    return error;
  // The mgpu* runtime stays undefined: the loading process provides it
  // (libcwm_cuda_runtime.so, loaded globally first).
  return linkSharedObject(objects, outputPath, {});
}

} // namespace cwm
