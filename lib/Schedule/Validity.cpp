//===- Validity.cpp - Static checks of a trace against its task -----------===//

#include "cwm/Schedule/Validity.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

using namespace llvm;

namespace cwm {

namespace {
/// What the checker knows about one op while it walks the trace.
struct OpState {
  std::vector<int64_t> shape;
  bool tiled = false;
  bool vectorized = false;
  bool decomposed = false;
  bool unitDimsDropped = false;
  /// tile_reduction split the reduction into partial sums.
  bool reductionTiled = false;
  bool threadMapped = false;
  bool promoted = false;
  /// Some tile size does not divide its loop: the tiles have dynamic shapes
  /// until the op is padded.
  bool ragged = false;
  std::vector<int64_t> lastTileSizes;
};
} // namespace

static std::vector<int64_t> extentsOf(const TaskOp &op) {
  std::vector<int64_t> extents;
  for (const LoopInfo &loop : op.loops)
    extents.push_back(loop.extent);
  return extents;
}

static std::string listToString(ArrayRef<int64_t> values) {
  std::string text = "[";
  for (auto [i, v] : llvm::enumerate(values))
    text += (i ? ", " : "") + std::to_string(v);
  return text + "]";
}

/// Applies a parallel tiling of the root's output to every op: a loop that
/// indexes output dimension d of an op takes the root's tile of dimension d.
static void applyParallelTiles(const TaskInfo &task, ArrayRef<int64_t> sizes,
                               std::vector<OpState> &states) {
  const TaskOp &root = task.rootOp();
  // Tile per root output dimension.
  std::vector<int64_t> outputTiles;
  for (int64_t loop : root.outputLoops)
    outputTiles.push_back(loop >= 0 && loop < int64_t(sizes.size())
                              ? sizes[loop]
                              : 0);
  for (auto [index, op] : llvm::enumerate(task.ops)) {
    OpState &state = states[index];
    for (auto [dim, loop] : llvm::enumerate(op.outputLoops)) {
      if (loop < 0 || dim >= outputTiles.size() || outputTiles[dim] == 0)
        continue;
      state.shape[loop] = std::min(state.shape[loop], outputTiles[dim]);
    }
  }
}

static Error fail(size_t index, const Action &action, const Twine &why) {
  return createStringError(inconvertibleErrorCode(),
                           "action " + Twine(index) + " (" +
                               stringifyActionKind(action.kind) + " of op " +
                               Twine(action.target) + "): " + why);
}

/// Every op's shape, as the checker knows it now.
static std::vector<std::vector<int64_t>>
currentShapes(const std::vector<OpState> &states) {
  std::vector<std::vector<int64_t>> shapes;
  for (const OpState &state : states)
    shapes.push_back(state.shape);
  return shapes;
}

/// Every op untiled: its full loop extents.
static std::vector<OpState> initialStates(const TaskInfo &task) {
  std::vector<OpState> states;
  for (const TaskOp &op : task.ops)
    states.push_back(OpState{extentsOf(op)});
  return states;
}

/// A lower bound on the bytes of the block-level buffers a GPU schedule
/// allocates in shared memory: the block tiles of the ops fused into the
/// root's blocks whose results another op of the block reads (not the root,
/// whose result goes to global memory; not fills, which write into their
/// consumer's buffer; not ops that run in a grid of their own). Reductions
/// count once, the largest: bufferization may give the row results of
/// several (softmax's maximum and sum) one buffer. Checked against 7400
/// H200 records: it flags every trace the lowering refused for shared
/// memory and none that ran.
static int64_t blockBuffersBytes(const TaskInfo &task,
                                 const std::vector<OpState> &states) {
  int64_t width = elementTypeBytes(task.elementType);
  int64_t elementwise = 0, largestReduction = 0;
  for (auto [index, op] : llvm::enumerate(task.ops)) {
    if (int64_t(index) == task.root || op.isFill || op.loops.empty() ||
        task.ownsGpuGrid(op))
      continue;
    int64_t elements = 1;
    for (int64_t loop : op.outputLoops)
      if (loop >= 0 && loop < int64_t(states[index].shape.size()))
        elements *= states[index].shape[loop];
    bool reduction = llvm::any_of(
        op.loops, [](const LoopInfo &loop) { return loop.reduction; });
    if (reduction)
      largestReduction = std::max(largestReduction, elements * width);
    else
      elementwise += elements * width;
  }
  return elementwise + largestReduction;
}

/// Walks the trace; with `history`, records every op's shape before each
/// action (one entry per action that was reached).
static Error
simulateActions(ArrayRef<Action> actions, size_t first, const TaskInfo &task,
                std::vector<OpState> &states,
                std::vector<std::vector<std::vector<int64_t>>> *history) {
  states = initialStates(task);
  bool parallelized = false, gpu = false;
  // For the register estimate: the root's threads per block and the
  // largest per-thread vector of accumulators.
  int64_t blockThreads = 0, accumulators = 0;
  // For the shared-memory estimate: what the block tiles of the ops fused
  // into the root's blocks need as block-level buffers.
  int64_t blockBufferBytes = 0;
  bool distributed = false;
  for (auto [position, action] : llvm::enumerate(actions)) {
    size_t index = first + position;
    if (history)
      history->push_back(currentShapes(states));
    if (action.target >= int64_t(task.ops.size()))
      return fail(index, action,
                  "target is not an op of the task (it has " +
                      Twine(task.ops.size()) + ")");
    const TaskOp &op = task.ops[action.target];
    OpState &state = states[action.target];
    if (op.loops.empty())
      return fail(index, action, "'" + op.name + "' has no loops to schedule");
    if (state.vectorized && action.kind != ActionKind::Hoist &&
        action.kind != ActionKind::Unroll && action.kind != ActionKind::PackB)
      return fail(index, action, "op was already vectorized");
    if (state.reductionTiled && action.kind != ActionKind::Vectorize &&
        action.kind != ActionKind::Hoist)
      return fail(index, action,
                  "only vectorize and hoist may follow tile_reduction on the "
                  "same op");
    switch (action.kind) {
    case ActionKind::MapBlocks:
    case ActionKind::Parallelize: {
      if (index != first || parallelized)
        return fail(index, action, "parallelize must be the first action");
      if (action.target != task.root)
        return fail(index, action, "parallelize must target the task root (op " +
                                       Twine(task.root) + ")");
      std::vector<int64_t> sizes = action.getList("sizes");
      if (sizes.size() != op.loops.size())
        return fail(index, action,
                    "expected " + Twine(op.loops.size()) + " tile sizes, got " +
                        Twine(sizes.size()));
      bool any = false;
      for (auto [loop, size] : llvm::enumerate(sizes)) {
        if (size < 0 || size > op.loops[loop].extent)
          return fail(index, action, "tile size " + Twine(size) +
                                         " out of range for loop " +
                                         Twine(loop));
        if (size > 0 && op.loops[loop].reduction)
          return fail(index, action, "cannot parallelize reduction loop " +
                                         Twine(loop));
        if (size > 0 && op.loops[loop].extent % size != 0)
          return fail(index, action, "tile size " + Twine(size) +
                                         " does not divide extent " +
                                         Twine(op.loops[loop].extent));
        any |= size > 0;
      }
      if (!any)
        return fail(index, action, "no loop is parallelized");
      if (action.kind == ActionKind::MapBlocks) {
        if (llvm::count_if(sizes, [](int64_t s) { return s > 0; }) > 3)
          return fail(index, action, "at most 3 loops map to block dimensions");
        // A pad gets its own grid over its result shape (the emitter picks
        // it), which task descriptions recorded before 2026-11-22 lack.
        for (const TaskOp &other : task.ops)
          if (task.ownsGpuGrid(other) && task.iterationShape(other).empty())
            return fail(index, action,
                        "the task description has no shape for its "
                        "tensor.pad (re-extract the task)");
        gpu = true;
      }
      applyParallelTiles(task, sizes, states);
      if (gpu)
        blockBufferBytes = blockBuffersBytes(task, states);
      parallelized = true;
      break;
    }
    case ActionKind::Tile: {
      if (state.decomposed)
        return fail(index, action, "cannot tile a decomposed op");
      if (state.unitDimsDropped)
        return fail(index, action, "cannot tile after drop_unit_dims");
      std::vector<int64_t> sizes = action.getList("sizes");
      if (sizes.size() != state.shape.size())
        return fail(index, action,
                    "expected " + Twine(state.shape.size()) +
                        " tile sizes, got " + Twine(sizes.size()) + " " +
                        listToString(sizes));
      bool any = false;
      for (auto [loop, size] : llvm::enumerate(sizes)) {
        if (size < 0)
          return fail(index, action, "negative tile size");
        if (size == 0)
          continue;
        if (size > state.shape[loop])
          return fail(index, action,
                      "tile size " + Twine(size) + " exceeds extent " +
                          Twine(state.shape[loop]) + " of loop " + Twine(loop));
        if (state.shape[loop] % size != 0)
          state.ragged = true;
        any = true;
      }
      if (!any)
        return fail(index, action, "all tile sizes are zero");
      std::vector<int64_t> interchange = action.getList("interchange");
      if (!interchange.empty()) {
        std::vector<int64_t> sorted = interchange;
        llvm::sort(sorted);
        bool permutation = sorted.size() == sizes.size();
        for (auto [i, v] : llvm::enumerate(sorted))
          permutation &= v == int64_t(i);
        if (!permutation)
          return fail(index, action,
                      "interchange " + listToString(interchange) +
                          " is not a permutation of the " +
                          Twine(sizes.size()) + " loops");
      }
      for (auto [loop, size] : llvm::enumerate(sizes))
        if (size > 0)
          state.shape[loop] = size;
      state.tiled = true;
      state.lastTileSizes = sizes;
      break;
    }
    case ActionKind::Decompose: {
      if (task.opClass != OpClass::Conv2D &&
          task.opClass != OpClass::Depthwise2D && !task.anchorIsPooling())
        return fail(index, action, "decompose applies to 2-D (depthwise) "
                                   "convolutions and poolings only");
      if (action.target != task.anchor)
        return fail(index, action, "decompose must target the convolution");
      // conv_2d_nhwc_hwcf loops: n, oh, ow, f, kh, kw, c;
      // depthwise_conv_2d_nhwc_hwc and pooling_nhwc_* loops: n, oh, ow, c,
      // kh, kw.
      const int64_t kh = 4;
      if (state.shape.size() <= size_t(kh) || state.shape[1] != 1 ||
          state.shape[kh] != 1)
        return fail(index, action,
                    "needs unit output-height and kernel-height tiles, have " +
                        listToString(state.shape));
      state.decomposed = true;
      break;
    }
    case ActionKind::Vectorize: {
      if (state.ragged)
        return fail(index, action,
                    "tile sizes do not divide the loop extents, so the tiles "
                    "have dynamic shapes; pad the op first");
      // Vectors hold the parallel part of the tile; reduction loops are
      // unrolled by the vectorizer, so they only need to stay moderate.
      int64_t elements = 1, all = 1;
      for (auto [loop, extent] : llvm::enumerate(state.shape)) {
        all *= extent;
        if (!op.loops[loop].reduction)
          elements *= extent;
      }
      if (all > 16 * kMaxVectorElements)
        return fail(index, action,
                    "tile " + listToString(state.shape) +
                        " would unroll into too many vector operations");
      if (elements > kMaxVectorElements)
        return fail(index, action,
                    "tile " + listToString(state.shape) + " has " +
                        Twine(elements) + " elements; vectorizing more than " +
                        Twine(kMaxVectorElements) + " is rejected");
      if (gpu && action.target == task.anchor &&
          task.anchorReadsPermutedOperands() && !state.promoted)
        return fail(index, action,
                    "a contraction reading transposed inputs in place is "
                    "vectorized only from staged (promoted) slices");
      std::string strategy = action.getString("contraction", "outerproduct");
      if (strategy != "outerproduct" && strategy != "dot" &&
          strategy != "matmulintrinsics" && strategy != "parallelarith")
        return fail(index, action,
                    "unknown contraction lowering '" + strategy + "'");
      if (gpu)
        accumulators = std::max(accumulators, elements);
      state.vectorized = true;
      break;
    }
    case ActionKind::Hoist:
    case ActionKind::Unroll: {
      if (!state.tiled)
        return fail(index, action, "needs a tiled op (no loops to work on)");
      if (action.kind == ActionKind::Unroll) {
        int64_t factor = action.getInt("factor", 0);
        if (factor < 2 || factor > 64)
          return fail(index, action,
                      "unroll factor " + Twine(factor) + " not in [2, 64]");
      }
      break;
    }
    case ActionKind::DropUnitDims: {
      if (!state.tiled)
        return fail(index, action,
                    "needs a tiled op (its innermost tile loop holds it)");
      if (state.decomposed || state.unitDimsDropped)
        return fail(index, action, "op was already rewritten");
      bool convolution = task.opClass == OpClass::GroupConv2D ||
                         task.opClass == OpClass::Conv2D ||
                         task.opClass == OpClass::Depthwise2D;
      if (op.index == task.anchor && convolution) {
        // Loops: n, oh, ow, [g,] f or c, kh, kw[, c]. The input row is
        // oh * s + kh * d: it stays a plain loop only when both tiles are
        // 1; the column ow * s + kw * d needs kw = 1 and, with ow
        // vectorized, a unit stride.
        const std::vector<int64_t> &t = state.shape;
        size_t kh = task.opClass == OpClass::GroupConv2D ? 5 : 4;
        int64_t strideW = task.strides.size() == 2 ? task.strides[1] : 1;
        if (t.size() < kh + 2 || t[1] != 1 || t[kh] != 1 || t[kh + 1] != 1)
          return fail(index, action,
                      "needs unit output-row and window tiles, have " +
                          listToString(t));
        if (t[2] != 1 && strideW != 1)
          return fail(index, action,
                      "a strided convolution needs an output-column tile of "
                      "1, have " + listToString(t));
      }
      state.unitDimsDropped = true;
      break;
    }
    case ActionKind::MapThreads: {
      if (!gpu)
        return fail(index, action, "map_threads needs a map_blocks first");
      if (task.ownsGpuGrid(op))
        return fail(index, action,
                    "this op runs in a grid of its own (it is not fused "
                    "into the root's blocks)");
      if (state.threadMapped || state.tiled)
        return fail(index, action, "op was already tiled or mapped");
      std::vector<int64_t> sizes = action.getList("sizes");
      if (sizes.size() != state.shape.size())
        return fail(index, action,
                    "expected " + Twine(state.shape.size()) +
                        " thread tile sizes, got " + Twine(sizes.size()));
      int64_t mapped = 0, threads = 1;
      for (auto [loop, size] : llvm::enumerate(sizes)) {
        if (size == 0)
          continue;
        if (size < 0 || op.loops[loop].reduction)
          return fail(index, action, "loop " + Twine(loop) +
                                         " cannot be mapped to threads");
        if (state.shape[loop] % size != 0)
          return fail(index, action,
                      "thread tile " + Twine(size) + " does not divide the "
                      "block tile " + Twine(state.shape[loop]) + " of loop " +
                      Twine(loop));
        threads *= state.shape[loop] / size;
        state.shape[loop] = size;
        ++mapped;
      }
      if (mapped == 0 || mapped > 3)
        return fail(index, action, "map 1 to 3 loops to threads");
      if (threads > kMaxThreadsPerBlock)
        return fail(index, action, Twine(threads) +
                                       " threads per block; the limit is " +
                                       Twine(kMaxThreadsPerBlock));
      if (action.target == task.root)
        blockThreads = threads;
      state.threadMapped = true;
      break;
    }
    case ActionKind::Promote: {
      if (!gpu)
        return fail(index, action, "promote needs a map_blocks first");
      if (action.target != task.anchor ||
          (task.opClass != OpClass::Matmul &&
           task.opClass != OpClass::BatchMatmul))
        return fail(index, action,
                    "promote applies to the anchor of a matmul or "
                    "batch_matmul");
      if (state.threadMapped || state.tiled || state.promoted)
        return fail(index, action,
                    "promote comes before the op's map_threads and tiles");
      int64_t k = action.getInt("k", 0);
      int64_t extent = state.shape.back();
      if (k <= 0 || extent % k != 0)
        return fail(index, action, "k = " + Twine(k) +
                                       " does not divide the reduction "
                                       "extent " + Twine(extent));
      // The staged slices: [1 x] m x k of A and [1 x] k x n of B.
      size_t rank = state.shape.size();
      int64_t width = elementTypeBytes(task.anchorInputType());
      int64_t bytes =
          (state.shape[rank - 3] + state.shape[rank - 2]) * k * width;
      if (bytes > kMaxStaticSharedBytes)
        return fail(index, action,
                    "staging needs " + Twine(bytes) +
                        " bytes of shared memory per block; the limit is " +
                        Twine(kMaxStaticSharedBytes));
      state.shape.back() = k;
      state.promoted = true;
      break;
    }
    case ActionKind::Mma: {
      if (!gpu)
        return fail(index, action, "mma needs a map_blocks first");
      if (action.target != task.anchor || action.target != task.root ||
          (task.opClass != OpClass::Matmul &&
           task.opClass != OpClass::BatchMatmul))
        return fail(index, action,
                    "mma applies to a matmul or batch_matmul anchor that is "
                    "the task's root (no fused epilogue)");
      if (task.anchorReadsPermutedOperands())
        return fail(index, action,
                    "mma needs row-major operand slices; this contraction "
                    "reads transposed inputs in place");
      bool tf32 = action.getInt("tf32", 0) != 0;
      if (tf32 && !mmaTypesSupported(task, /*tf32=*/true))
        return fail(index, action,
                    "tf32 mma needs f32 inputs and an f32 result, have " +
                        Twine(task.anchorInputType()) + " -> " +
                        Twine(task.elementType));
      if (!tf32 && task.anchorInputType() == "f32")
        return fail(index, action,
                    "mma on f32 inputs rounds them to tf32: it needs the "
                    "decision tf32 = 1 (cwm-autotune option tf32=true)");
      if (!tf32 && !mmaTypesSupported(task, /*tf32=*/false))
        return fail(index, action,
                    "mma needs f16 inputs and an f16 or f32 result, have " +
                        Twine(task.anchorInputType()) + " -> " +
                        Twine(task.elementType));
      for (const TaskOp &other : task.ops)
        if (other.index != op.index && !other.loops.empty() &&
            !other.isFill)
          return fail(index, action,
                      "mma needs the task's other ops to be fills ('" +
                          other.name + "' is fused)");
      if (!state.promoted || state.threadMapped || state.tiled)
        return fail(index, action,
                    "mma comes after promote and replaces the op's "
                    "map_threads");
      std::vector<int64_t> warp = action.getList("warp");
      size_t rank = state.shape.size(); // [b,] m, n, k
      if (warp.size() != rank)
        return fail(index, action,
                    "expected " + Twine(rank) + " warp tile sizes, got " +
                        Twine(warp.size()));
      if (rank == 4 && state.shape[0] != 1)
        return fail(index, action,
                    "the batch loop needs a block tile of 1, have " +
                        Twine(state.shape[0]));
      int64_t wm = warp[rank - 3], wn = warp[rank - 2];
      if (warp.back() != 0 || (rank == 4 && warp[0] > 1))
        return fail(index, action,
                    "the warp tile covers m and n only, have " +
                        listToString(warp));
      if (wm <= 0 || wm % 16 != 0 || state.shape[rank - 3] % wm != 0)
        return fail(index, action,
                    "warp tile m = " + Twine(wm) +
                        " must be a multiple of 16 dividing the block tile " +
                        Twine(state.shape[rank - 3]));
      if (wn <= 0 || wn % 8 != 0 || state.shape[rank - 2] % wn != 0)
        return fail(index, action,
                    "warp tile n = " + Twine(wn) +
                        " must be a multiple of 8 dividing the block tile " +
                        Twine(state.shape[rank - 2]));
      // mma.sync's k: 16 halves or 8 tf32 values.
      int64_t mmaK = tf32 ? 8 : 16;
      if (state.shape.back() % mmaK != 0)
        return fail(index, action,
                    "the promoted k slice " + Twine(state.shape.back()) +
                        " is not a multiple of " + Twine(mmaK));
      // Accumulators: wm x wn values spread over the 32 lanes.
      if (wm * wn / 32 > kMaxMmaAccumulatorsPerThread)
        return fail(index, action,
                    "warp tile " + Twine(wm) + "x" + Twine(wn) + " needs " +
                        Twine(wm * wn / 32) +
                        " accumulator registers per thread; the limit is " +
                        Twine(kMaxMmaAccumulatorsPerThread));
      int64_t staging = mmaStagingBytes(
          state.shape[rank - 3], state.shape[rank - 2], state.shape.back(),
          elementTypeBytes(task.anchorInputType()));
      if (staging > kMaxStaticSharedBytes)
        return fail(index, action,
                    "double-buffered staging needs " + Twine(staging) +
                        " bytes of shared memory per block; the limit is " +
                        Twine(kMaxStaticSharedBytes));
      int64_t warps = (state.shape[rank - 3] / wm) * (state.shape[rank - 2] / wn);
      if (32 * warps > kMaxThreadsPerBlock)
        return fail(index, action,
                    Twine(warps) + " warps per block; the limit is " +
                        Twine(kMaxThreadsPerBlock / 32));
      state.shape[rank - 3] = wm;
      state.shape[rank - 2] = wn;
      state.threadMapped = true;
      state.vectorized = true;
      blockThreads = 32 * warps;
      accumulators = std::max(accumulators, wm * wn / 32);
      break;
    }
    case ActionKind::PackB: {
      if (gpu)
        return fail(index, action, "pack_b is CPU-only");
      std::string reason = packBUnsupportedReason(task);
      if (!reason.empty())
        return fail(index, action, reason);
      if (action.target != task.anchor)
        return fail(index, action,
                    "pack_b must target the task anchor (op " +
                        Twine(task.anchor) + ")");
      if (!state.vectorized || position + 1 != actions.size())
        return fail(index, action,
                    "pack_b must be the last action, after the anchor is "
                    "vectorized (it rewrites the schedule's vector reads)");
      break;
    }
    case ActionKind::SplitK:
      return fail(index, action, "split_k must be the first action");
    case ActionKind::PackWeights:
      return fail(index, action, "pack_weights must be the first action");
    case ActionKind::Winograd:
      return fail(index, action, "winograd must be the first action");
    case ActionKind::TileReduction: {
      if (gpu)
        return fail(index, action, "tile_reduction is CPU-only");
      int64_t reductions = llvm::count_if(
          op.loops, [](const LoopInfo &loop) { return loop.reduction; });
      if (reductions != 1 || !op.loops.back().reduction)
        return fail(index, action,
                    "tile_reduction needs an op with one reduction loop, the "
                    "innermost");
      int64_t lanes = action.getInt("lanes", 0);
      int64_t extent = state.shape.back();
      if (lanes < 2 || lanes >= extent || extent % lanes != 0)
        return fail(index, action,
                    "tile_reduction lanes " + Twine(lanes) +
                        " must be at least 2, below and dividing the "
                        "reduction's extent " +
                        Twine(extent));
      if (state.ragged)
        return fail(index, action,
                    "tile sizes do not divide the loop extents, so the tiles "
                    "have dynamic shapes");
      state.shape.back() = lanes;
      state.reductionTiled = true;
      state.tiled = true; // the loop over the row
      break;
    }
    case ActionKind::Wgmma:
    case ActionKind::SimtGemm:
      return fail(index, action,
                  stringifyActionKind(action.kind) +
                      " must be the only action of its trace");
    case ActionKind::DistributeRows: {
      if (!gpu)
        return fail(index, action, "distribute_rows needs a map_blocks first");
      if (action.target != task.root || task.opClass != OpClass::Reduction)
        return fail(index, action,
                    "distribute_rows applies to the root of a row-reduction "
                    "task (softmax, norms)");
      // One row per block: the anchor (the row reduction) and the root
      // keep only their last loop, the anchor's being the row.
      const std::vector<int64_t> &row = states[task.anchor].shape;
      for (const std::vector<int64_t> *shape :
           {&row, static_cast<const std::vector<int64_t> *>(&state.shape)})
        for (size_t d = 0; d + 1 < shape->size(); ++d)
          if ((*shape)[d] != 1)
            return fail(index, action,
                        "needs one row per block (a block tile of 1 on "
                        "every loop but the row), have " +
                            listToString(*shape));
      int64_t threads = action.getInt("threads", 0);
      if (threads < 32 || threads > kMaxThreadsPerBlock || threads % 32 != 0)
        return fail(index, action,
                    "threads = " + Twine(threads) +
                        " must be a multiple of 32 within " +
                        Twine(kMaxThreadsPerBlock));
      if (row.empty() || row.back() % threads != 0)
        return fail(index, action,
                    "the row of " + Twine(row.empty() ? 0 : row.back()) +
                        " elements is not a multiple of " + Twine(threads) +
                        " threads");
      for (auto [other, otherState] : llvm::zip(task.ops, states)) {
        if (other.loops.empty() || task.ownsGpuGrid(other))
          continue;
        if (otherState.threadMapped || otherState.tiled)
          return fail(index, action,
                      "distribute_rows replaces every map_threads, but op " +
                          Twine(other.index) + " was already tiled or mapped");
        otherState.threadMapped = true;
      }
      blockThreads = threads;
      distributed = true;
      break;
    }
    case ActionKind::Pad: {
      // Zero padding is exact only for sums of products.
      if (action.target != task.anchor ||
          (task.opClass != OpClass::Matmul &&
           task.opClass != OpClass::BatchMatmul &&
           task.opClass != OpClass::Conv2D))
        return fail(index, action,
                    "pad applies to the anchor of a matmul, batch_matmul or "
                    "2-D convolution (zero is the identity of their sums)");
      if (!state.tiled)
        return fail(index, action, "needs a tiled op (pads to its tile)");
      if (state.decomposed || state.unitDimsDropped)
        return fail(index, action, "op was already rewritten");
      state.ragged = false;
      break;
    }
    }
  }
  // distribute_rows keeps one row per block and its row scalars private.
  if (gpu && !distributed && blockBufferBytes > kMaxStaticSharedBytes)
    return createStringError(
        inconvertibleErrorCode(),
        "GPU schedule's block-level buffers (the block tiles of the ops "
        "fused into the root's blocks) need " +
            Twine(blockBufferBytes) +
            " bytes of shared memory; the limit is " +
            Twine(kMaxStaticSharedBytes) + " (smaller map_blocks tiles)");
  if (gpu && blockThreads > 0 && accumulators > 0) {
    int64_t registers = accumulators + kRegisterOverhead;
    if (registers > kMaxRegistersPerThread)
      return createStringError(
          inconvertibleErrorCode(),
          "GPU schedule needs about " + Twine(registers) +
              " registers per thread (" + Twine(accumulators) +
              " accumulators); the limit is " + Twine(kMaxRegistersPerThread));
    if (registers * blockThreads > kRegistersPerBlock)
      return createStringError(
          inconvertibleErrorCode(),
          "GPU schedule needs about " + Twine(registers) + " registers for "
              "each of " + Twine(blockThreads) + " threads, " +
              Twine(registers * blockThreads) + " per block; the limit is " +
              Twine(kRegistersPerBlock));
  }
  if (gpu)
    for (auto [index, op] : llvm::enumerate(task.ops))
      if (!states[index].threadMapped && !op.loops.empty() &&
          !task.ownsGpuGrid(op))
        return createStringError(
            inconvertibleErrorCode(),
            "GPU schedule leaves op " + Twine(index) + " ('" + op.name +
                "') unmapped: every op needs a map_threads (else every "
                "thread of a block would compute the whole block tile)");
  return Error::success();
}

/// Walks the trace. A leading split_k, pack_weights or winograd is checked
/// here; the actions after it see the task splitKTask() (the main grid),
/// packWeightsTask() or winogradTask() describes.
static Error simulate(const Trace &trace, const TaskInfo &task,
                      std::vector<OpState> &states,
                      std::vector<std::vector<std::vector<int64_t>>> *history =
                          nullptr) {
  ArrayRef<Action> actions = trace.getActions();
  // Tiling a loop of extent 0 divides by zero inside MLIR; a task that
  // iterates over nothing has nothing to schedule either.
  if (!actions.empty())
    for (const TaskOp &op : task.ops)
      if (llvm::is_contained(task.iterationShape(op), 0))
        return createStringError(
            inconvertibleErrorCode(),
            "invalid trace: op " + Twine(op.index) +
                " of the task has a loop of extent 0; there is nothing to "
                "schedule");
  // pack_weights and winograd rewrite the payload before the script (CPU
  // only); the actions after them see the rewritten task.
  if (!actions.empty() && (actions.front().kind == ActionKind::PackWeights ||
                           actions.front().kind == ActionKind::Winograd)) {
    const Action &lead = actions.front();
    bool pack = lead.kind == ActionKind::PackWeights;
    StringRef name = pack ? "pack_weights" : "winograd";
    states = initialStates(task);
    if (history)
      history->push_back(currentShapes(states));
    if (lead.target != task.anchor)
      return fail(0, lead,
                  name + " must target the task anchor (op " +
                      Twine(task.anchor) + ")");
    int64_t tile = lead.getInt("tile", 0);
    std::string reason = pack ? packWeightsUnsupportedReason(task)
                              : winogradUnsupportedReason(task, tile);
    if (!reason.empty())
      return fail(0, lead, reason);
    if (llvm::any_of(actions, [](const Action &action) {
          return action.kind == ActionKind::MapBlocks;
        }))
      return fail(0, lead,
                  pack ? "pack_weights is CPU-only: GPU schedules read the "
                         "weights as they are"
                       : "winograd is CPU-only");
    return simulateActions(actions.drop_front(), 1,
                           pack ? packWeightsTask(task)
                                : winogradTask(task, tile),
                           states, history);
  }
  if (actions.empty() || actions.front().kind != ActionKind::SplitK)
    return simulateActions(actions, 0, task, states, history);
  const Action &split = actions.front();
  states = initialStates(task);
  if (history)
    history->push_back(currentShapes(states));
  if (split.target != task.anchor)
    return fail(0, split,
                "split_k must target the task anchor (op " +
                    Twine(task.anchor) + ")");
  int64_t factor = split.getInt("factor", 0);
  std::string reason = splitKUnsupportedReason(task, factor);
  if (!reason.empty())
    return fail(0, split, reason);
  if (actions.size() < 2 || actions[1].kind != ActionKind::MapBlocks)
    return fail(0, split,
                "split_k is GPU-only: a map_blocks must follow it");
  // The split loop's unit tile is folded away with every other unit loop
  // of the block's partial op: m and n must keep theirs.
  std::vector<int64_t> blocks = actions[1].getList("sizes");
  for (size_t loop = 0; loop < 2 && loop < blocks.size(); ++loop)
    if (blocks[loop] == 1 || (blocks[loop] == 0 &&
                              task.anchorOp().loops[loop].extent == 1))
      return fail(1, actions[1],
                  "after split_k the block tile of loop " + Twine(loop) +
                      " must be larger than 1");
  return simulateActions(actions.drop_front(), 1, splitKTask(task, factor),
                         states, history);
}

bool mmaTypesSupported(const TaskInfo &task, bool tf32) {
  if (tf32)
    return task.anchorInputType() == "f32" && task.elementType == "f32";
  return task.anchorInputType() == "f16" &&
         (task.elementType == "f32" || task.elementType == "f16");
}

bool usesTf32(const Trace &trace) {
  return llvm::any_of(trace.getActions(), [](const Action &action) {
    return action.kind == ActionKind::Mma && action.getInt("tf32", 0) != 0;
  });
}

/// Why a kernel template `what` needing `input` inputs and an f32 result
/// cannot take `task` as a whole (empty: it can, shape aside).
/// Why a kernel template (`what`, with `input` inputs) cannot take `task`:
/// a matmul with its fills and, where `epilogue`, an elementwise root over
/// the matmul's output (cwm-gpu-simt-gemm computes it in the kernel's
/// stores; the pass checks its body and operands again on the buffers).
static std::string templateTaskReason(const TaskInfo &task, StringRef what,
                                      StringRef input, bool epilogue) {
  const char *alone = epilogue
                          ? " applies to a matmul (no batch) with at most an "
                            "elementwise epilogue"
                          : " applies to a matmul that is the task's root (no "
                            "batch, no fused epilogue)";
  if (task.opClass != OpClass::Matmul || task.anchorOp().loops.size() != 3)
    return (what + alone).str();
  // After the matmul: nothing, or (with `epilogue`) elementwise ops over
  // its output's two dimensions.
  const std::vector<LoopInfo> &loops = task.anchorOp().loops;
  for (const TaskOp &after : task.ops) {
    if (after.index <= task.anchor || after.isFill)
      continue;
    if (!epilogue || !after.elementwise || after.loops.size() != 2 ||
        after.loops[0].extent != loops[0].extent ||
        after.loops[1].extent != loops[1].extent ||
        after.outputLoops != std::vector<int64_t>{0, 1})
      return (what + alone).str();
  }
  if (task.anchorInputType() != input || task.elementType != "f32")
    return (what + " needs " + input + " inputs and an f32 result, have " +
            task.anchorInputType() + " -> " + task.elementType)
        .str();
  for (const TaskOp &other : task.ops)
    if (other.index < task.anchor && !other.loops.empty() && !other.isFill)
      return (what + " needs the task's other ops to be fills" +
              (epilogue ? " and an elementwise epilogue" : "") + " ('" +
              other.name + "' is fused)")
          .str();
  return "";
}

std::string wgmmaUnsupportedReason(const TaskInfo &task,
                                   const WgmmaConfig &config) {
  std::string reason = templateTaskReason(task, "wgmma", "f16", /*epilogue=*/false);
  if (!reason.empty())
    return reason;
  const std::vector<LoopInfo> &loops = task.anchorOp().loops;
  return wgmmaShapeUnsupportedReason(loops[0].extent, loops[1].extent,
                                     loops[2].extent, config);
}

std::string wgmmaShapeUnsupportedReason(int64_t m, int64_t n, int64_t k,
                                        const WgmmaConfig &config) {
  int64_t stages = config.stages;
  if (config.warpgroups != 1 && config.warpgroups != 2)
    return ("warpgroups = " + Twine(config.warpgroups) + " must be 1 or 2")
        .str();
  if (config.blockN != 128 && config.blockN != 256)
    return ("n = " + Twine(config.blockN) + " must be 128 or 256").str();
  if (config.producer != 0 && config.producer != 1)
    return ("producer = " + Twine(config.producer) + " must be 0 or 1").str();
  if (!llvm::is_contained(kWgmmaRasterGroups, config.raster))
    return ("raster = " + Twine(config.raster) +
            " must be 0, 4, 8 or 16 (block rows per group)")
        .str();
  if (config.blockN == 256 && config.warpgroups != 2)
    return "n = 256 needs two warpgroups (one holds at most 64 x 256 "
           "accumulators)";
  if (m <= 0 || n <= 0 || k <= 0 || m % kWgmmaTileM != 0 ||
      n % config.blockN != 0 || k % kWgmmaTileK != 0)
    return ("wgmma needs m a multiple of " + Twine(kWgmmaTileM) + ", n of " +
            Twine(config.blockN) + " and k of " + Twine(kWgmmaTileK) +
            ", have " + Twine(m) + " x " + Twine(n) + " x " + Twine(k))
        .str();
  if (stages < kWgmmaMinStages || stages > kWgmmaMaxStages)
    return ("stages = " + Twine(stages) + " must be within " +
            Twine(kWgmmaMinStages) + ".." + Twine(kWgmmaMaxStages))
        .str();
  if (k / kWgmmaTileK < stages)
    return ("stages = " + Twine(stages) + " exceeds the " +
            Twine(k / kWgmmaTileK) + " k-slices of " + Twine(kWgmmaTileK))
        .str();
  if (config.sharedBytes() > kWgmmaMaxSharedBytes)
    return ("stages = " + Twine(stages) + " of " +
            Twine(config.sliceBytes()) + " bytes need " +
            Twine(config.sharedBytes()) +
            " bytes of shared memory; the limit is " +
            Twine(kWgmmaMaxSharedBytes))
        .str();
  if (kWgmmaTileM * config.blockN * 4 > stages * config.sliceBytes())
    return ("stages = " + Twine(stages) +
            " cannot hold the f32 output tile for the epilogue")
        .str();
  return "";
}

std::optional<SimtGemmProblem> simtGemmProblem(const TaskInfo &task) {
  if (task.ops.empty())
    return std::nullopt;
  const std::vector<LoopInfo> &loops = task.anchorOp().loops;
  if (task.opClass == OpClass::Matmul && loops.size() == 3)
    return SimtGemmProblem{loops[0].extent, loops[1].extent, loops[2].extent,
                           0};
  // conv_2d_nhwc_hwcf: loops (n, oh, ow, f, kh, kw, c).
  if (task.opClass == OpClass::Conv2D &&
      task.anchorOp().name == "linalg.conv_2d_nhwc_hwcf" && loops.size() == 7)
    return SimtGemmProblem{loops[0].extent * loops[1].extent * loops[2].extent,
                           loops[3].extent,
                           loops[4].extent * loops[5].extent * loops[6].extent,
                           loops[6].extent};
  return std::nullopt;
}

/// Why simt_gemm cannot take the convolution `task` as a whole (empty: it
/// can, shape aside): its input's pad and fills before it, at most
/// elementwise ops over its output's four dimensions after it, f32.
static std::string simtConvTaskReason(const TaskInfo &task) {
  const char *alone = "simt_gemm applies to a conv_2d_nhwc_hwcf with at most "
                      "its input's pad before it and an elementwise epilogue";
  const std::vector<LoopInfo> &loops = task.anchorOp().loops;
  int64_t pads = 0;
  for (const TaskOp &op : task.ops) {
    if (op.index == task.anchor || op.isFill)
      continue;
    if (op.index < task.anchor) {
      if (!op.isPad || ++pads > 1)
        return alone;
      continue;
    }
    if (!op.elementwise || op.loops.size() != 4 ||
        op.outputLoops != std::vector<int64_t>{0, 1, 2, 3})
      return alone;
    for (size_t i = 0; i < 4; ++i)
      if (op.loops[i].extent != loops[i].extent)
        return alone;
  }
  if (task.anchorInputType() != "f32" || task.elementType != "f32")
    return ("simt_gemm needs f32 inputs and an f32 result, have " +
            task.anchorInputType() + " -> " + task.elementType);
  return "";
}

std::string simtGemmUnsupportedReason(const TaskInfo &task,
                                      const SimtGemmConfig &config) {
  std::optional<SimtGemmProblem> problem = simtGemmProblem(task);
  std::string reason =
      problem && problem->isConv()
          ? simtConvTaskReason(task)
          : templateTaskReason(task, "simt_gemm", "f32", /*epilogue=*/true);
  if (!reason.empty())
    return reason;
  if (!problem) // (templateTaskReason takes only 3-loop matmuls)
    return "simt_gemm applies to a matmul or a conv_2d_nhwc_hwcf";
  return simtGemmShapeUnsupportedReason(*problem, config);
}

std::string simtGemmShapeUnsupportedReason(const SimtGemmProblem &problem,
                                           const SimtGemmConfig &config) {
  int64_t m = problem.m, n = problem.n, k = problem.k;
  for (auto [name, value] : {std::pair<const char *, int64_t>{"bm", config.bm},
                             {"bn", config.bn}})
    if (value != 32 && value != 64 && value != 128)
      return (Twine(name) + " = " + Twine(value) + " must be 32, 64 or 128")
          .str();
  if (config.bk != 8 && config.bk != 16)
    return ("bk = " + Twine(config.bk) + " must be 8 or 16").str();
  if (config.threads() < 32 || config.threads() > 256)
    return ("bm x bn = " + Twine(config.bm) + " x " + Twine(config.bn) +
            " makes " + Twine(config.threads()) +
            " threads of 8 x 8 outputs; 32 to 256 are allowed")
        .str();
  if (config.sharedBytes() > kSimtMaxSharedBytes)
    return ("bk = " + Twine(config.bk) + " needs " +
            Twine(config.sharedBytes()) +
            " bytes of shared memory; the limit is " +
            Twine(kSimtMaxSharedBytes))
        .str();
  if (config.split != 1 && config.split != 2 && config.split != 4 &&
      config.split != 8)
    return ("split = " + Twine(config.split) + " must be 1, 2, 4 or 8").str();
  int64_t kStep = config.bk * config.split;
  // Ragged edges are masked: any m will do, and n in whole quads.
  if (m <= 0 || n <= 0 || k <= 0 || n % 4 != 0 || k % kStep != 0)
    return ("simt_gemm needs n a multiple of 4 and k of " + Twine(kStep) +
            (config.split > 1 ? " (bk x split)" : "") + ", have " + Twine(m) +
            " x " + Twine(n) + " x " + Twine(k))
        .str();
  if (problem.isConv() && problem.channels % 4 != 0)
    return ("simt_gemm loads a convolution's input 4 channels at a time: "
            "needs channels a multiple of 4, have " +
            Twine(problem.channels))
        .str();
  return "";
}

Error checkTrace(const Trace &trace, const TaskInfo &task) {
  ArrayRef<Action> actions = trace.getActions();
  auto kernel = llvm::find_if(actions, [](const Action &action) {
    return isKernelTemplate(action.kind);
  });
  if (kernel != actions.end()) {
    size_t index = size_t(kernel - actions.begin());
    std::string name = stringifyActionKind(kernel->kind).str();
    if (actions.size() != 1)
      return fail(index, *kernel, name + " must be the only action of its trace");
    if (kernel->target != task.anchor)
      return fail(index, *kernel,
                  name + " targets the task's matmul (op " +
                      Twine(task.anchor) + ")");
    std::string reason =
        kernel->kind == ActionKind::Wgmma
            ? wgmmaUnsupportedReason(task, WgmmaConfig::of(*kernel))
            : simtGemmUnsupportedReason(task, SimtGemmConfig::of(*kernel));
    if (!reason.empty())
      return fail(index, *kernel, reason);
    return Error::success();
  }
  std::vector<OpState> states;
  return simulate(trace, task, states);
}

std::vector<std::vector<int64_t>> tiledShapes(const Trace &trace,
                                              const TaskInfo &task) {
  std::vector<OpState> states;
  consumeError(simulate(trace, task, states));
  return currentShapes(states);
}

std::vector<std::vector<std::vector<int64_t>>>
shapesBeforeEachAction(const Trace &trace, const TaskInfo &task) {
  std::vector<OpState> states;
  std::vector<std::vector<std::vector<int64_t>>> history;
  consumeError(simulate(trace, task, states, &history));
  // After a failing action every later one sees the state where it failed
  // (what tiledShapes of each longer prefix gives).
  while (history.size() < trace.size())
    history.push_back(currentShapes(states));
  return history;
}

} // namespace cwm
