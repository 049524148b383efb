//===- fuzz-trace-apply.cpp - Fuzz schedules against fixed tasks ----------===//
//
// The input picks one of a fixed set of small valid tasks (matmul with fill
// and relu, batch_matmul, conv, depthwise conv, reduction, elementwise,
// mixed-precision matmul, softmax) and builds a trace for it: either random
// (action kinds from every ActionKind, targets, decisions of the right JSON
// kind: sizes lists mostly made of divisors of the loop extents,
// interchanges, factors, contraction strings), or, for half of the inputs,
// one sampled by cwm's CPU search space and then mutated by the bytes
// (mostly valid, so applied and lowered). Every trace goes through
// cwm::shapesBeforeEachAction; one that cwm::checkTrace accepts is applied
// (cwm::applyTrace) to a clone of the task module and, if it applied and is
// a CPU schedule, lowered as cwm-worker lowers it (cwm::lowerToLLVMDialect,
// out-params, OpenMP). Diagnostics are swallowed; a crash or assertion is a
// finding. GPU traces (map_blocks, ...) are applied but not lowered: the CPU
// pipeline is not meant for gpu.launch, and the CUDA pipeline is beyond a
// fuzzer's time per input.
//
// CWM_FUZZ_PRINT=1 prints each accepted trace and its task's name.
//
//===----------------------------------------------------------------------===//

#include "LinalgProgram.h"

#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Schedule/Trace.h"
#include "cwm/Schedule/Validity.h"
#include "cwm/SearchSpace/SearchSpace.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <random>

using namespace mlir;

/// The fixed tasks, one per function. Small shapes keep the lowering fast.
static const char *const kTasks = R"mlir(
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @matmul_relu(%A: tensor<24x16xf32>, %B: tensor<16x32xf32>) -> tensor<24x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<24x32xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<24x32xf32>) -> tensor<24x32xf32>
  %M = linalg.matmul ins(%A, %B : tensor<24x16xf32>, tensor<16x32xf32>) outs(%C : tensor<24x32xf32>) -> tensor<24x32xf32>
  %e2 = tensor.empty() : tensor<24x32xf32>
  %R = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%M : tensor<24x32xf32>) outs(%e2 : tensor<24x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.maximumf %x, %z : f32
    linalg.yield %y : f32
  } -> tensor<24x32xf32>
  return %R : tensor<24x32xf32>
}
func.func @batch_matmul(%A: tensor<2x16x8xf32>, %B: tensor<2x8x12xf32>) -> tensor<2x16x12xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x12xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<2x16x12xf32>) -> tensor<2x16x12xf32>
  %M = linalg.batch_matmul ins(%A, %B : tensor<2x16x8xf32>, tensor<2x8x12xf32>) outs(%C : tensor<2x16x12xf32>) -> tensor<2x16x12xf32>
  return %M : tensor<2x16x12xf32>
}
func.func @conv(%I: tensor<1x10x10x4xf32>, %F: tensor<3x3x4x8xf32>) -> tensor<1x8x8x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %O = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%I, %F : tensor<1x10x10x4xf32>, tensor<3x3x4x8xf32>) outs(%C : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %O : tensor<1x8x8x8xf32>
}
func.func @depthwise(%I: tensor<1x9x9x8xf32>, %F: tensor<3x3x8xf32>) -> tensor<1x4x4x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x8xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %O = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%I, %F : tensor<1x9x9x8xf32>, tensor<3x3x8xf32>) outs(%C : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %O : tensor<1x4x4x8xf32>
}
func.func @row_sum(%S: tensor<16x64xf32>) -> tensor<16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %R = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%S : tensor<16x64xf32>) outs(%C : tensor<16xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %x, %acc : f32
    linalg.yield %y : f32
  } -> tensor<16xf32>
  return %R : tensor<16xf32>
}
func.func @add(%X: tensor<32x48xf32>, %Y: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %e = tensor.empty() : tensor<32x48xf32>
  %R = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%X, %Y : tensor<32x48xf32>, tensor<32x48xf32>) outs(%e : tensor<32x48xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<32x48xf32>
  return %R : tensor<32x48xf32>
}
func.func @matmul_f16(%A: tensor<16x32xf16>, %B: tensor<32x16xf16>) -> tensor<16x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %M = linalg.matmul ins(%A, %B : tensor<16x32xf16>, tensor<32x16xf16>) outs(%C : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %M : tensor<16x16xf32>
}
func.func @softmax(%S: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<8x32xf32>
  %R = linalg.softmax dimension(1) ins(%S : tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %R : tensor<8x32xf32>
}
)mlir";

namespace {
struct Fixture {
  MLIRContext *context = nullptr;
  std::vector<::cwm::ExtractedTask> tasks;
};
} // namespace

static Fixture &fixture() {
  static Fixture *instance = [] {
    ::cwm::registerPipelines();
    DialectRegistry registry;
    ::cwm::registerDialects(registry);
    auto *created = new Fixture;
    created->context = new MLIRContext(registry);
    created->context->loadAllAvailableDialects();
    created->context->disableMultithreading();
    created->context->getDiagEngine().registerHandler(
        [](Diagnostic &) { return success(); });
    OwningOpRef<ModuleOp> payload = parseSourceString<ModuleOp>(
        kTasks, ParserConfig(created->context));
    FailureOr<std::vector<::cwm::ExtractedTask>> tasks = failure();
    if (payload)
      tasks = ::cwm::extractTasks(*payload, "cpu");
    if (failed(tasks) || tasks->empty()) {
      llvm::errs() << "fuzz-trace-apply: the fixed tasks do not extract\n";
      std::abort();
    }
    created->tasks = std::move(*tasks);
    return created;
  }();
  return *instance;
}

/// A tile size for a loop of `extent`: mostly a divisor, sometimes 0 (not
/// tiled), the extent, or something invalid.
static int64_t pickSize(::cwm::fuzz::ByteReader &bytes, int64_t extent) {
  switch (bytes.below(8)) {
  case 0:
    return 0;
  case 1:
    return extent;
  case 2:
    return bytes.pick(std::vector<int64_t>{-1, 3, 5, 7, extent + 1,
                                           int64_t(1) << 40,
                                           std::numeric_limits<int64_t>::max(),
                                           std::numeric_limits<int64_t>::min()});
  default: {
    std::vector<int64_t> divisors;
    for (int64_t d = 1; d <= extent && d <= 4096; ++d)
      if (extent % d == 0)
        divisors.push_back(d);
    return divisors.empty() ? 1 : bytes.pick(divisors);
  }
  }
}

static std::vector<int64_t> pickSizes(::cwm::fuzz::ByteReader &bytes,
                                      const ::cwm::TaskOp *op) {
  size_t loops = op ? op->loops.size() : 0;
  // Sometimes the wrong number of sizes.
  if (bytes.below(8) == 0)
    loops = bytes.below(9);
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < loops; ++i)
    sizes.push_back(pickSize(bytes, op && i < op->loops.size()
                                        ? op->loops[i].extent
                                        : 1 + int64_t(bytes.below(64))));
  return sizes;
}

static std::vector<int64_t> pickPermutation(::cwm::fuzz::ByteReader &bytes,
                                            size_t size) {
  std::vector<int64_t> permutation;
  for (size_t i = 0; i < size; ++i)
    permutation.push_back(i);
  for (size_t i = size; i > 1; --i)
    std::swap(permutation[i - 1], permutation[bytes.below(i)]);
  if (bytes.below(8) == 0 && !permutation.empty())
    permutation[bytes.below(size)] = int64_t(bytes.below(10)) - 1;
  return permutation;
}

static ::cwm::Trace buildTrace(::cwm::fuzz::ByteReader &bytes,
                             const ::cwm::TaskInfo &task) {
  using ::cwm::ActionKind;
  static const std::vector<ActionKind> cpuKinds = {
      ActionKind::Parallelize, ActionKind::Tile,    ActionKind::Tile,
      ActionKind::Pad,         ActionKind::Decompose, ActionKind::Vectorize,
      ActionKind::DropUnitDims, ActionKind::Hoist,  ActionKind::Unroll};
  static const std::vector<ActionKind> gpuKinds = {
      ActionKind::MapBlocks, ActionKind::MapThreads, ActionKind::Promote,
      ActionKind::Mma, ActionKind::DistributeRows, ActionKind::SplitK};
  bool gpu = bytes.below(8) == 0;
  ::cwm::Trace trace;
  size_t length = 1 + bytes.below(7);
  for (size_t i = 0; i < length; ++i) {
    ::cwm::Action action;
    action.kind = gpu && bytes.flip() ? bytes.pick(gpuKinds)
                                      : bytes.pick(cpuKinds);
    // Mostly the anchor or the root; sometimes any op or none.
    switch (bytes.below(4)) {
    case 0:
      action.target = task.anchor;
      break;
    case 1:
      action.target = task.root;
      break;
    case 2:
      action.target = bytes.below(task.ops.size());
      break;
    default:
      action.target = bytes.below(task.ops.size() + 3);
    }
    const ::cwm::TaskOp *op = size_t(action.target) < task.ops.size()
                                ? &task.ops[action.target]
                                : nullptr;
    switch (action.kind) {
    case ActionKind::Parallelize:
    case ActionKind::MapBlocks:
    case ActionKind::MapThreads:
      action.decisions["sizes"] = pickSizes(bytes, op);
      break;
    case ActionKind::Tile:
      action.decisions["sizes"] = pickSizes(bytes, op);
      if (bytes.below(3) == 0)
        action.decisions["interchange"] =
            pickPermutation(bytes, op ? op->loops.size() : bytes.below(5));
      break;
    case ActionKind::Vectorize:
      if (bytes.flip())
        action.decisions["contraction"] = bytes.pick(std::vector<std::string>{
            "outerproduct", "dot", "matmulintrinsics", "parallelarith", "",
            "bogus"});
      break;
    case ActionKind::Unroll:
    case ActionKind::SplitK:
      action.decisions["factor"] = bytes.pick(
          std::vector<int64_t>{1, 2, 4, 8, 16, 3, 0, -1, 64, 1 << 30});
      break;
    case ActionKind::Promote:
      action.decisions["k"] =
          bytes.pick(std::vector<int64_t>{1, 2, 4, 8, 16, 32, 0, -4, 3});
      break;
    case ActionKind::Mma:
      action.decisions["warp"] = pickSizes(bytes, op);
      if (bytes.flip())
        action.decisions["tf32"] = int64_t(bytes.below(3));
      break;
    case ActionKind::DistributeRows:
      action.decisions["threads"] =
          bytes.pick(std::vector<int64_t>{32, 64, 128, 256, 1024, 0, 7, 2048});
      break;
    case ActionKind::Pad:
    case ActionKind::Decompose:
    case ActionKind::DropUnitDims:
    case ActionKind::Hoist:
      break;
    }
    trace.push_back(std::move(action));
  }
  return trace;
}

/// A trace that cwm's CPU search space sampled (seeded from the bytes),
/// then mutated by the bytes: decisions replaced, actions dropped,
/// duplicated, swapped or retargeted. Most stay valid, so this mode reaches
/// applyTrace and the lowering far more often than random traces do.
static ::cwm::Trace mutateSample(::cwm::fuzz::ByteReader &bytes,
                                 const ::cwm::TaskInfo &task) {
  static const std::unique_ptr<::cwm::SearchSpace> space =
      ::cwm::createCpuSearchSpace(::cwm::CpuSpaceOptions());
  uint64_t seed = 0;
  for (int i = 0; i < 4; ++i)
    seed = (seed << 8) | bytes.byte();
  std::mt19937_64 rng(seed);
  ::cwm::Trace trace = space->sample(task, rng);
  std::vector<::cwm::Action> &actions = trace.getMutableActions();
  size_t mutations = bytes.below(4);
  for (size_t m = 0; m < mutations && !actions.empty(); ++m) {
    size_t at = bytes.below(actions.size());
    ::cwm::Action &action = actions[at];
    const ::cwm::TaskOp *op = size_t(action.target) < task.ops.size()
                                  ? &task.ops[action.target]
                                  : nullptr;
    switch (bytes.below(7)) {
    case 0:
      actions.erase(actions.begin() + at);
      break;
    case 1:
      actions.insert(actions.begin() + bytes.below(actions.size() + 1),
                     action);
      break;
    case 2:
      std::swap(action, actions[bytes.below(actions.size())]);
      break;
    case 3:
      action.target = bytes.below(task.ops.size() + 1);
      break;
    case 4:
      if (action.has("sizes"))
        action.decisions["sizes"] = pickSizes(bytes, op);
      else if (action.has("factor"))
        action.decisions["factor"] = int64_t(bytes.below(9));
      break;
    case 5:
      if (action.has("sizes")) {
        std::vector<int64_t> sizes = action.getList("sizes");
        if (!sizes.empty()) {
          size_t loop = bytes.below(sizes.size());
          sizes[loop] = pickSize(bytes, op && loop < op->loops.size()
                                            ? op->loops[loop].extent
                                            : 1);
          action.decisions["sizes"] = sizes;
        }
      }
      break;
    default:
      if (action.kind == ::cwm::ActionKind::Vectorize)
        action.decisions["contraction"] = bytes.pick(std::vector<std::string>{
            "outerproduct", "dot", "matmulintrinsics", "parallelarith"});
      break;
    }
  }
  return trace;
}

static bool isGpuTrace(const ::cwm::Trace &trace) {
  using ::cwm::ActionKind;
  return llvm::any_of(trace.getActions(), [](const ::cwm::Action &action) {
    switch (action.kind) {
    case ActionKind::MapBlocks:
    case ActionKind::MapThreads:
    case ActionKind::Promote:
    case ActionKind::Mma:
    case ActionKind::DistributeRows:
    case ActionKind::SplitK:
      return true;
    default:
      return false;
    }
  });
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Fixture &f = fixture();
  ::cwm::fuzz::ByteReader bytes(data, size);
  ::cwm::ExtractedTask &task = f.tasks[bytes.below(f.tasks.size())];
  ::cwm::Trace trace = bytes.flip() ? mutateSample(bytes, task.info)
                                    : buildTrace(bytes, task.info);
  (void)::cwm::shapesBeforeEachAction(trace, task.info);
  if (llvm::Error error = ::cwm::checkTrace(trace, task.info)) {
    llvm::consumeError(std::move(error));
    return 0;
  }
  (void)::cwm::tiledShapes(trace, task.info);
  static const bool print = std::getenv("CWM_FUZZ_PRINT") != nullptr;
  if (print)
    llvm::errs() << "// task " << task.info.name << " trace " << trace.str()
                 << "\n";
  OwningOpRef<ModuleOp> module(cast<ModuleOp>(task.module->clone()));
  if (failed(::cwm::applyTrace(*module, trace, task.info, /*instance=*/0)))
    return 0;
  if (isGpuTrace(trace))
    return 0;
  // As cwm-worker lowers a candidate (lib/Measure/Worker.cpp).
  func::FuncOp function = *module->getOps<func::FuncOp>().begin();
  function->setAttr("llvm.emit_c_interface", UnitAttr::get(f.context));
  ::cwm::LowerCpuOptions lowering;
  lowering.outParams = true;
  lowering.openmp = true;
  (void)::cwm::lowerToLLVMDialect(*module, lowering);
  return 0;
}
