//===- TransformEmitter.cpp - Trace to Transform-dialect IR ---------------===//

#include "cwm/Schedule/TransformEmitter.h"

#include "cwm/Schedule/Validity.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
#include <tuple>

using namespace llvm;

namespace cwm {

namespace {
/// Rewrites one greedy pattern application may make per sweep: far more
/// than any schedule's lowering needs, so that patterns rewriting each
/// other's results forever (vector extracts of a permuted GPU output's
/// unit dimensions did: 4 GB in 40 s) fail the script in a moment instead
/// of exhausting memory.
constexpr int64_t kMaxPatternRewrites = 100000;
constexpr int64_t kMaxPatternIterations = 10;

/// Writes the body of the named sequence while tracking which transform
/// value currently holds each task op and the loops of its last tiling.
class Emitter {
public:
  Emitter(const TaskInfo &task, int64_t instance, raw_ostream &os)
      : task(task), original(task), instance(instance), os(os) {}

  /// Ends a transform.apply_patterns region, bounded.
  void closePatterns() {
    line() << "} {max_iterations = " << kMaxPatternIterations
           << " : i64, max_num_rewrites = " << kMaxPatternRewrites
           << " : i64} : !transform.any_op";
  }

  void emit(const Trace &trace) {
    // winograd (always first): the payload's convolution was rewritten
    // before this script runs (applyTrace); the script schedules the batch
    // matmul and its fill, the only ops of the view that keep loops.
    if (!trace.empty() &&
        trace.getActions().front().kind == ActionKind::Winograd)
      task = winogradTask(original,
                          trace.getActions().front().getInt("tile", 0));
    // Match every op up front: later transforms clone ops, and a late match
    // by tag could also find stale originals.
    for (const TaskOp &op : task.ops) {
      if (op.loops.empty() && !op.isPad)
        continue;
      std::string handle = fresh("op" + std::to_string(op.index));
      line() << handle << " = transform.structured.match attributes{cwm.op = "
             << op.index << " : i64, cwm.task = " << instance
             << " : i64} in %root : (!transform.any_op) -> !transform.any_op";
      handles[op.index] = handle;
    }
    // The function that holds this task: a payload can hold several, and
    // patterns, CSE and loop matches must stay inside this one.
    line() << "%func = transform.get_parent_op " << handles[task.anchor]
           << " {op_name = \"func.func\"} : (!transform.any_op) -> "
              "!transform.any_op";
    // split_k (always first): every later action sees the main grid's task.
    if (!trace.empty() &&
        trace.getActions().front().kind == ActionKind::SplitK) {
      splitFactor = trace.getActions().front().getInt("factor", 2);
      task = splitKTask(original, splitFactor);
    }
    // pack_weights (always first): the payload's weights were relaid out
    // before this script runs (applyTrace); later actions see the same loops.
    if (!trace.empty() &&
        trace.getActions().front().kind == ActionKind::PackWeights)
      task = packWeightsTask(original);
    // The threads of the main grid's blocks (cooperative copies use them
    // all, before the root's map_threads is emitted).
    std::vector<int64_t> rootBlock;
    bool promotes = false;
    for (const Action &action : trace.getActions()) {
      promotes |= action.kind == ActionKind::Promote;
      if (action.kind == ActionKind::MapBlocks)
        rootBlock = action.getList("sizes");
      if (action.kind == ActionKind::MapThreads && action.target == task.root)
        for (int64_t threads :
             rootThreadsPerLoop(rootBlock, action.getList("sizes")))
          blockThreads *= threads;
      if (action.kind == ActionKind::Mma)
        blockThreads = 32 * warpsPerBlock(rootBlock, action.getList("warp"));
    }
    // Only promote needs the tile shapes before each action.
    std::vector<std::vector<std::vector<int64_t>>> shapes;
    if (promotes)
      shapes = shapesBeforeEachAction(trace, original);
    ArrayRef<Action> actions = trace.getActions();
    for (auto [position, action] : llvm::enumerate(actions)) {
      deduplicate(action.target);
      // On the GPU a hoist right after a vectorize runs before the
      // permutation patterns: they rewrite a rank-reduced accumulator write
      // (transpose + broadcast) so that it no longer pairs with its read.
      hoistBeforePermutations =
          gpu && action.kind == ActionKind::Vectorize &&
          position + 1 < actions.size() &&
          actions[position + 1].kind == ActionKind::Hoist &&
          actions[position + 1].target == action.target;
      switch (action.kind) {
      case ActionKind::Promote:
        emitPromote(action, shapes[position][action.target]);
        break;
      case ActionKind::Parallelize:
        emitParallelize(action);
        break;
      case ActionKind::Tile:
        emitTile(action);
        break;
      case ActionKind::Decompose:
        emitDecompose(action);
        break;
      case ActionKind::Vectorize:
        emitVectorize(action);
        break;
      case ActionKind::Hoist:
        emitHoist(action);
        break;
      case ActionKind::MapBlocks:
        emitMapBlocks(action);
        break;
      case ActionKind::MapThreads:
        emitMapThreads(action);
        break;
      case ActionKind::Mma:
        emitMma(action);
        break;
      case ActionKind::DistributeRows:
        // Every thread of the block runs the row; cwm-lower-gpu's
        // cwm-gpu-distribute-rows splits it (the launch is marked below).
        distributedRowThreads = action.getInt("threads", 32);
        grids[0] = {distributedRowThreads};
        break;
      case ActionKind::Unroll:
        emitUnroll(action);
        break;
      case ActionKind::SplitK:
        emitSplitK();
        break;
      case ActionKind::Wgmma:
        emitWgmma(action);
        break;
      case ActionKind::SimtGemm:
        emitSimtGemm(action);
        break;
      case ActionKind::DropUnitDims:
        emitDropUnitDims(action);
        break;
      case ActionKind::Pad:
        emitPad(action);
        break;
      case ActionKind::TileReduction:
        emitTileReduction(action);
        break;
      case ActionKind::Winograd:
        line() << "// winograd: op " << action.target
               << " is the batch matmul of F(" << action.getInt("tile", 0)
               << "x" << action.getInt("tile", 0)
               << ", 3x3) (built before this script by cwm's applyTrace)";
        break;
      case ActionKind::PackB:
        line() << "// pack_b: op " << action.target
               << " reads B from packed panels (rewritten after this script "
                  "by cwm's applyTrace)";
        break;
      case ActionKind::PackWeights:
        line() << "// pack_weights: op " << action.target
               << " reads its weights as G x KH x KW x C x F (relaid out "
                  "before this script by cwm's applyTrace)";
        break;
      }
    }
    if (kernelTemplate)
      emitBufferizeForGpu(); // a pass of cwm-lower-gpu builds the kernel
    else if (gpu)
      emitGpuLowering();
    else
      emitFinalLowering();
    line() << "transform.yield";
  }

private:
  raw_ostream &line() { return os << "\n    "; }

  std::string fresh(StringRef stem) {
    return ("%" + stem + "_" + Twine(counter++)).str();
  }

  static std::string sizesToString(ArrayRef<int64_t> sizes) {
    std::string text = "[";
    for (auto [i, size] : llvm::enumerate(sizes))
      text += (i ? ", " : "") + std::to_string(size);
    return text + "]";
  }

  static std::string anyOpTypes(size_t count) {
    std::string text = "(";
    for (size_t i = 0; i < count; ++i)
      text += (i ? ", " : "") + std::string("!transform.any_op");
    return text + ")";
  }

  /// Pattern rewrites (CSE, canonicalization) can merge two payload ops that
  /// one handle tracks, for example two identical fused copies of a producer;
  /// an op that consumes the handle then fails. Keep each op once.
  void deduplicate(int64_t index) {
    auto it = handles.find(index);
    if (it == handles.end())
      return;
    std::string unique = fresh("unique");
    line() << unique << " = transform.merge_handles deduplicate " << it->second
           << " : !transform.any_op";
    it->second = unique;
  }

  /// `mapping = [...]` for the nonzero sizes: the innermost tiled loop is x,
  /// then y, then z (kind: "block" or "thread").
  static std::string gpuMapping(ArrayRef<int64_t> sizes, StringRef kind) {
    static const char *const dims[] = {"x", "y", "z"};
    size_t count = llvm::count_if(sizes, [](int64_t s) { return s > 0; });
    std::string text = " (mapping = [";
    for (size_t i = 0; i < count; ++i)
      text += (i ? ", " : "") + ("#gpu." + kind + "<" +
                                 dims[count - 1 - i] + ">")
                                    .str();
    return text + "])";
  }

  void emitMapBlocks(const Action &action) {
    gpu = true;
    blockTile = action.getList("sizes");
    // Pads and input-side elementwise producers are not fused: each gets a
    // grid of its own (emitOwnGrid; TaskInfo::ownsGpuGrid).
    std::string forall = emitParallelize(action, gpuMapping(blockTile, "block"),
                                         /*gpuFusion=*/true);
    grids.push_back({}); // block dims come with the root's map_threads
    line() << "transform.annotate " << forall << " \"cwm.grid_0\" : "
           << "!transform.any_op";
    for (const TaskOp &op : task.ops)
      if (task.ownsGpuGrid(op))
        emitOwnGrid(op);
    if (splitFactor > 0)
      emitSplitGrids();
  }

  /// split_k: the anchor becomes partial sums over [s, m, n, k / s] (its
  /// split-off fill zeroes them) and a combining reduction over s into the
  /// original fill's result, which the ops after the anchor read.
  void emitSplitK() {
    std::string init = fresh("split_init"), fill = fresh("split_fill"),
                partial = fresh("partial"), combine = fresh("combine");
    line() << init << ", " << fill << ", " << partial << ", " << combine
           << " = transform.structured.split_reduction " << handles[task.anchor]
           << " {split_factor = " << splitFactor
           << ", insert_split_dimension = 0} : (!transform.any_op) -> "
           << anyOpTypes(4);
    // A generic fill: it loses its unit loop with the partial op's (below).
    std::string generic = fresh("split_fill_generic");
    line() << generic << " = transform.structured.generalize " << fill
           << " : (!transform.any_op) -> !transform.any_op";
    // The combining kernel: the original fill, the combiner, the consumers.
    for (const TaskOp &op : original.ops)
      if (op.index != task.anchor && handles.count(op.index)) {
        combineHandles.push_back(handles[op.index]);
        handles.erase(op.index);
        if (op.index < task.anchor)
          combineHandles.push_back(combine); // program order
      }
    handles[task.anchor] = partial;
    handles[splitFillIndex()] = generic;
  }

  /// The op the main grid's view (splitKTask) calls the anchor's fill.
  int64_t splitFillIndex() const {
    for (const TaskOp &op : task.ops)
      if (op.index < task.anchor && op.isFill)
        return op.index;
    return task.anchor;
  }

  /// After the main grid's block tiling (the split loop by 1): its unit
  /// loop folded away, so the partial op and its fill are a plain matmul
  /// tile and its fill tile for every later action; then the combining
  /// kernel.
  void emitSplitGrids() {
    // The input slices first become plain slices of the unsplit inputs
    // (left as slices of the expanded ones they bufferize to views that
    // fold_memref_alias_ops rewrites back and forth forever); then the unit
    // loop goes through reshapes, which fold with those of the inputs.
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.tensor.bubble_up_extract_slice";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.linalg.fold_unit_extent_dims_via_reshapes";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    // The partial tile's reshapes into rank-reducing slices (views of one
    // layout, so the tile is written in place).
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.tensor.reassociative_reshape_folding";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    std::string grid = fresh("split_grid"), ops = fresh("split_ops"),
                fill = fresh("partial_fill"), partial = fresh("partial");
    line() << grid << " = transform.structured.match attributes{cwm.grid_0} "
                      "in %func : (!transform.any_op) -> !transform.any_op";
    line() << ops << " = transform.structured.match interface{LinalgOp} in "
           << grid << " : (!transform.any_op) -> !transform.any_op";
    line() << fill << ", " << partial << " = transform.split_handle " << ops
           << " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)";
    handles[splitFillIndex()] = fill;
    handles[task.anchor] = partial;
    emitCombineGrid();
  }

  /// The combining kernel of split_k: the last op (the root, or the
  /// combiner when the anchor was the root) tiled over blocks and threads
  /// like a grid of its own (one element per thread), the ops before it
  /// fused at both levels.
  void emitCombineGrid() {
    std::vector<std::string> producers = combineHandles;
    std::string last = producers.back();
    producers.pop_back();
    // The last op's loops: the root's [m, n], or the combiner's [s, m, n]
    // (s, the reduction, stays whole).
    int64_t m = original.rootOp().loops[0].extent,
            n = original.rootOp().loops[1].extent;
    std::vector<int64_t> shape = {m, n};
    std::vector<size_t> mapped = {0, 1};
    if (!original.hasConsumer()) {
      shape.insert(shape.begin(), splitFactor);
      mapped = {1, 2};
    }
    std::vector<int64_t> blockSizes, threadSizes;
    std::vector<int64_t> dims =
        ownGridTiles(shape, mapped, blockSizes, threadSizes);
    auto [tiled, forall] = emitTileUsingForall(
        last, "tile_sizes " + sizesToString(blockSizes),
        gpuMapping(blockSizes, "block"), "combine_tiled", "combine_grid");
    std::vector<std::string> fused;
    for (const std::string &producer : llvm::reverse(producers)) {
      auto [op, loop] = emitFuseInto(producer, forall);
      fused.push_back(op);
      forall = loop;
    }
    line() << "transform.annotate " << forall << " \"cwm.grid_"
           << grids.size() << "\" : !transform.any_op";
    std::string threads =
        emitTileUsingForall(tiled, "tile_sizes " + sizesToString(threadSizes),
                            gpuMapping(threadSizes, "thread"),
                            "combine_threads_tiled", "combine_threads")
            .second;
    for (const std::string &producer : fused)
      threads = emitFuseInto(producer, threads).second;
    grids.push_back(dims);
  }

  /// A grid of its own for an op (a pad is rewritten to a gather by the
  /// builder): up to three dimensions (the innermost and the two largest
  /// others) map to blocks and threads, at most 256 threads per block
  /// filled innermost first, one element per thread and block dimension;
  /// the other dimensions loop inside each thread.
  void emitOwnGrid(const TaskOp &op) {
    std::vector<int64_t> shape = task.iterationShape(op);
    std::vector<int64_t> blockSizes, threadSizes;
    // Mapped: the innermost dimension (coalesced accesses) and the two
    // largest others; the rest loop inside each thread.
    std::vector<size_t> candidates;
    for (size_t d = 0; d < shape.size(); ++d)
      if (shape[d] > 1)
        candidates.push_back(d);
    if (candidates.empty())
      candidates.push_back(shape.size() - 1);
    if (candidates.size() > 3) {
      size_t innermost = candidates.back();
      candidates.pop_back();
      std::stable_sort(candidates.begin(), candidates.end(),
                       [&](size_t a, size_t b) { return shape[a] > shape[b]; });
      candidates.resize(2);
      candidates.push_back(innermost);
    }
    std::vector<int64_t> dims =
        ownGridTiles(shape, candidates, blockSizes, threadSizes);
    auto [tiled, forall] = emitTileUsingForall(
        handles[op.index], "tile_sizes " + sizesToString(blockSizes),
        gpuMapping(blockSizes, "block"), "own_tiled", "own_grid");
    line() << "transform.annotate " << forall << " \"cwm.grid_"
           << grids.size() << "\" : !transform.any_op";
    handles[op.index] =
        emitTileUsingForall(tiled, "tile_sizes " + sizesToString(threadSizes),
                            gpuMapping(threadSizes, "thread"), "own_threads",
                            "own_forall")
            .first;
    grids.push_back(dims);
  }

  /// The tiles of a grid of its own over `shape`: the `mapped` dimensions,
  /// innermost first, fill up to kOwnGridThreads threads per block, one
  /// element per thread (the others are not tiled: 0). Returns the block
  /// size, x first.
  static std::vector<int64_t> ownGridTiles(ArrayRef<int64_t> shape,
                                           ArrayRef<size_t> mapped,
                                           std::vector<int64_t> &blockSizes,
                                           std::vector<int64_t> &threadSizes) {
    blockSizes.assign(shape.size(), 0);
    threadSizes.assign(shape.size(), 0);
    int64_t threads = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      if (!llvm::is_contained(mapped, d))
        continue;
      int64_t tile = largestDivisorAtMost(shape[d], kOwnGridThreads / threads);
      blockSizes[d] = tile;
      threadSizes[d] = 1;
      threads *= tile;
    }
    std::vector<int64_t> dims;
    for (size_t d = shape.size(); d-- > 0;)
      if (blockSizes[d] > 0)
        dims.push_back(blockSizes[d]);
    return dims;
  }

  /// `producer` fused into `loop`; returns the fused op's and the new
  /// loop's handles.
  std::pair<std::string, std::string> emitFuseInto(const std::string &producer,
                                                   const std::string &loop) {
    std::string fused = fresh("fused"), containing = fresh("forall");
    line() << fused << ", " << containing
           << " = transform.structured.fuse_into_containing_op " << producer
           << " into " << loop
           << " : (!transform.any_op, !transform.any_op) -> "
              "(!transform.any_op, !transform.any_op)";
    return {fused, containing};
  }

  /// The thread mapping of an op other than the root: each tiled loop takes
  /// the thread dimension of the root loop that indexes the same output
  /// dimension (by position), so that, say, a row reduction's rows run on
  /// the same threads as the root's rows. Falls back to innermost-is-x when
  /// the correspondence does not give distinct dimensions.
  std::string threadMappingOf(const TaskOp &op, ArrayRef<int64_t> sizes) {
    static const char *const dims[] = {"x", "y", "z"};
    std::vector<std::string> names;
    std::set<int> used;
    for (size_t loop = 0; loop < sizes.size(); ++loop) {
      if (sizes[loop] <= 0)
        continue;
      int dim = -1;
      for (size_t d = 0; d < op.outputLoops.size(); ++d)
        if (op.outputLoops[d] == int64_t(loop) &&
            d < task.rootOp().outputLoops.size()) {
          auto it = rootThreadDim.find(task.rootOp().outputLoops[d]);
          if (it != rootThreadDim.end())
            dim = it->second;
        }
      if (dim < 0 || !used.insert(dim).second)
        return gpuMapping(sizes, "thread");
      names.push_back(std::string("#gpu.thread<") + dims[dim] + ">");
    }
    std::string text = " (mapping = [";
    for (auto [i, name] : llvm::enumerate(names))
      text += (i ? ", " : "") + name;
    return text + "])";
  }

  void emitMapThreads(const Action &action) {
    std::vector<int64_t> sizes = action.getList("sizes");
    if (action.target == task.root) {
      int count = llvm::count_if(sizes, [](int64_t s) { return s > 0; });
      int next = count - 1; // outermost mapped loop: the highest dimension
      for (size_t loop = 0; loop < sizes.size(); ++loop)
        if (sizes[loop] > 0)
          rootThreadDim[loop] = next--;
    }
    std::string mapping = action.target == task.root
                              ? gpuMapping(sizes, "thread")
                              : threadMappingOf(task.ops[action.target], sizes);
    handles[action.target] =
        emitTileUsingForall(handles[action.target],
                            "tile_sizes " + sizesToString(sizes), mapping,
                            "tiled", "threads")
            .first;
    lastTileSizes[action.target] = sizes;
    if (action.target == task.root) {
      // Threads per mapped dimension, innermost (x) first.
      std::vector<int64_t> perLoop = rootThreadsPerLoop(blockTile, sizes);
      grids.front().assign(perLoop.rbegin(), perLoop.rend());
    }
  }

  /// The root's threads along each thread-mapped loop (outermost first):
  /// its block tile (the extent where the loop is not block-tiled) over its
  /// thread tile.
  std::vector<int64_t> rootThreadsPerLoop(ArrayRef<int64_t> block,
                                          ArrayRef<int64_t> threadTile) const {
    std::vector<int64_t> threads;
    for (size_t loop = 0; loop < threadTile.size(); ++loop)
      if (threadTile[loop] > 0)
        threads.push_back((loop < block.size() && block[loop] > 0
                               ? block[loop]
                               : task.rootOp().loops[loop].extent) /
                          threadTile[loop]);
    return threads;
  }

  /// The largest divisor of `n` that is at most `limit` (at least 1).
  static int64_t largestDivisorAtMost(int64_t n, int64_t limit) {
    int64_t best = 1;
    for (int64_t d = 1; d <= n && d <= limit; ++d)
      if (n % d == 0)
        best = d;
    return best;
  }

  /// `result, loop = tile_using_forall target <how> <mapping>`; returns the
  /// tiled op's and the loop's handles. `how` is "tile_sizes [...]" or
  /// "num_threads [...]".
  std::pair<std::string, std::string>
  emitTileUsingForall(const std::string &target, const std::string &how,
                      StringRef mapping, StringRef tiledStem = "tiled",
                      StringRef loopStem = "forall") {
    std::string tiled = fresh(tiledStem), forall = fresh(loopStem);
    line() << tiled << ", " << forall
           << " = transform.structured.tile_using_forall " << target << " "
           << how << mapping
           << " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)";
    return {tiled, forall};
  }

  /// How `threads` threads copy a rows x columns tile: vectors of up to
  /// 16 bytes along the rows, then as many threads along the columns as
  /// divide them, then along the rows; returns {row threads, column threads}.
  std::pair<int64_t, int64_t> copyThreads(int64_t rows, int64_t columns,
                                          int64_t elementBytes) const {
    int64_t vector = std::max<int64_t>(1, 16 / elementBytes);
    while (vector > 1 && columns % vector != 0)
      vector /= 2;
    int64_t columnThreads = largestDivisorAtMost(columns / vector, blockThreads);
    int64_t rowThreads =
        largestDivisorAtMost(rows, blockThreads / columnThreads);
    return {rowThreads, columnThreads};
  }

  /// Shared-memory staging of a matmul's inputs (see ActionKind::Promote):
  /// a block-level loop over k-slices; in it, "nofold" pads (of zero size)
  /// of the two input slices become workgroup buffers filled by
  /// linalg.copy, and each copy is spread over all the block's threads.
  void emitPromote(const Action &action, ArrayRef<int64_t> shape) {
    const TaskOp &op = task.ops[action.target];
    size_t rank = op.loops.size(); // [b,] m, n, k
    int64_t k = action.getInt("k", 0);
    std::vector<int64_t> sizes(rank, 0);
    sizes.back() = k;
    std::string tiled = fresh("staged"), loop = fresh("k_loop");
    line() << tiled << ", " << loop << " = transform.structured.tile_using_for "
           << handles[action.target] << " tile_sizes " << sizesToString(sizes)
           << " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)";
    std::string input = task.anchorInputType(), output = task.elementType;
    std::string dims;
    for (size_t d = 0; d < rank; ++d)
      dims += (d ? ", " : "") + std::to_string(d);
    std::string padded = fresh("padded"), pads = fresh("pads");
    line() << padded << ", " << pads << ", " << fresh("copy_back")
           << " = transform.structured.pad " << tiled
           << " {padding_values = [0.0 : " << input << ", 0.0 : " << input
           << ", 0.0 : " << output << "], padding_dimensions = [" << dims
           << "], nofold_flags = [1, 1, 0], copy_back_op = \"none\"} : "
              "(!transform.any_op) -> "
           << anyOpTypes(3);
    line() << fresh("buffers") << ", " << fresh("staging")
           << " = transform.structured.bufferize_to_allocation " << pads
           << " {memory_space = #gpu.address_space<workgroup>, memcpy_op = "
              "\"linalg.copy\", alloc_op = \"memref.alloca\"} : "
              "!transform.any_op";
    std::string copies = fresh("copies"), copyA = fresh("copy_a"),
                copyB = fresh("copy_b");
    line() << copies
           << " = transform.structured.match ops{[\"linalg.copy\"]} in "
           << loop << " : (!transform.any_op) -> !transform.any_op";
    line() << copyA << ", " << copyB << " = transform.split_handle " << copies
           << " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)";
    // Slices: A is [1 x] m x k, B is [1 x] k x n, each in its operand's
    // layout (permuted where transposes were folded into the maps: the
    // later of its two tiled dimensions is the contiguous one).
    int64_t m = shape[rank - 3], n = shape[rank - 2];
    int64_t bytes = elementTypeBytes(input);
    std::vector<int64_t> extent(rank, 1);
    extent[rank - 3] = m;
    extent[rank - 2] = n;
    extent[rank - 1] = k;
    std::vector<std::tuple<std::string, int64_t, int64_t, int64_t>> slices = {
        {copyA, 0, int64_t(rank - 3), int64_t(rank - 1)},
        {copyB, 1, int64_t(rank - 1), int64_t(rank - 2)}};
    for (auto &[copy, operand, rowLoop, columnLoop] : slices) {
      int64_t rowDim = rank - 3, columnDim = rank - 2;
      if (size_t(operand) < op.inputLoops.size()) {
        const std::vector<int64_t> &loops = op.inputLoops[operand];
        auto rowAt = llvm::find(loops, rowLoop),
             columnAt = llvm::find(loops, columnLoop);
        if (loops.size() == rank - 1 && rowAt != loops.end() &&
            columnAt != loops.end()) {
          rowDim = rowAt - loops.begin();
          columnDim = columnAt - loops.begin();
          if (rowDim > columnDim) {
            std::swap(rowDim, columnDim);
            std::swap(rowLoop, columnLoop);
          }
        }
      }
      auto [rowThreads, columnThreads] =
          copyThreads(extent[rowLoop], extent[columnLoop], bytes);
      std::vector<int64_t> counts(rank - 1, 0);
      counts[rowDim] = rowThreads;
      counts[columnDim] = columnThreads;
      emitTileUsingForall(copy, "num_threads " + sizesToString(counts),
                          " (mapping = [#gpu.thread<linear_dim_1>, "
                          "#gpu.thread<linear_dim_0>])",
                          "copy_tiled", "copy_threads");
    }
    handles[action.target] = padded;
    promoted = true;
  }

  /// The warps of a block: its tile over the warp tile, per m and n loop.
  static int64_t warpsPerBlock(ArrayRef<int64_t> block, ArrayRef<int64_t> warp) {
    int64_t warps = 1;
    for (size_t loop = 0; loop < warp.size() && loop < block.size(); ++loop)
      if (warp[loop] > 1 && block[loop] > 0)
        warps *= block[loop] / warp[loop];
    return warps;
  }

  /// Tensor cores (see ActionKind::Mma): the promoted op is tiled over the
  /// block's warps and vectorized; its contraction, with the f16 -> f32
  /// extensions folded in, is unrolled to the m16n8k16 shape of mma.sync
  /// (m16n8k8 for f32 inputs on tf32 tensor cores, which cwm-gpu-mma-tf32
  /// then marks).
  /// After bufferization convert-vector-to-gpu turns those contractions
  /// and their shared-memory reads into nvgpu.mma.sync and nvgpu.ldmatrix.
  void emitMma(const Action &action) {
    std::vector<int64_t> warp = action.getList("warp");
    size_t rank = warp.size();
    std::vector<int64_t> sizes(rank, 0);
    sizes[rank - 3] = warp[rank - 3];
    sizes[rank - 2] = warp[rank - 2];
    std::string tiled =
        emitTileUsingForall(handles[action.target],
                            "tile_sizes " + sizesToString(sizes),
                            " (mapping = [#gpu.warp<linear_dim_1>, "
                            "#gpu.warp<linear_dim_0>])",
                            "warp_tiled", "warps")
            .first;
    line() << "transform.structured.vectorize " << tiled
           << " : !transform.any_op";
    handles.erase(action.target);
    emitVectorFolding();
    // Broadcasting reads become broadcasts that fold into the contraction,
    // and so do the f16 -> f32 extensions (a mixed-precision contraction).
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.transfer_permutation_patterns";
    line() << "  transform.apply_patterns.vector.reduction_to_contract";
    line() << "  transform.apply_patterns.vector.fold_arith_extension";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.gpu.unroll_vectors_subgroup_mma "
           << (action.getInt("tf32", 0) ? "[16, 8, 8]" : "[16, 8, 16]");
    closePatterns();
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_cse to %func : !transform.any_op";
    // The block: 32 lanes along x, one warp per y.
    grids.front() = {32, warpsPerBlock(blockTile, warp)};
    mma = true;
  }

  /// Bufferize, turn the block forall into gpu.launch and the thread foralls
  /// into thread ids (the block is the root's thread mapping).
  void emitGpuLowering() {
    // Vectorized thread tiles: contractions to FMAs (transfers become plain
    // 1-D vector loads and stores on buffers, below). With mma the only
    // contraction is the tensor-core one.
    if (!mma)
      emitContractionLowering(/*foldSubsetsIntoTransfers=*/false);
    emitBufferizeForGpu();
    if (promoted) {
      // The staging copies vectorize on buffers (their source is a strided
      // view of the input there).
      line() << "%staging_copies = transform.structured.match "
                "ops{[\"linalg.copy\"]} in %gpu_func : (!transform.any_op) "
                "-> !transform.any_op";
      line() << "transform.structured.vectorize %staging_copies : "
                "!transform.any_op";
    }
    // One kernel per grid (found by its annotation, which bufferization
    // keeps), each with its own block size.
    for (auto [index, gridDims] : llvm::enumerate(grids)) {
      std::vector<int64_t> dims = gridDims;
      dims.resize(3, 1);
      std::string grid = fresh("grid"), launch = fresh("launch");
      line() << grid << " = transform.structured.match attributes{cwm.grid_"
             << index << "} in %gpu_func : (!transform.any_op) -> "
                         "!transform.any_op";
      line() << launch << " = transform.gpu.map_forall_to_blocks " << grid
             << " generate_gpu_launch : (!transform.any_op) -> "
                "!transform.any_op";
      std::string mapped = fresh("mapped");
      line() << mapped << " = transform.gpu.map_nested_forall_to_threads "
             << launch << " block_dims = " << sizesToString(dims)
             << " : (!transform.any_op) -> !transform.any_op";
      if (index == 0 && distributedRowThreads > 0)
        line() << "transform.annotate " << mapped
               << " \"cwm.distribute_rows\" : !transform.any_op";
    }
    // Accumulators stay in registers across the reduction loops (views are
    // folded first: hoisting skips transfers on subviews).
    line() << "%kernels = transform.structured.match ops{[\"func.func\"]} in "
              "%bufferized : (!transform.any_op) -> !transform.any_op";
    line() << "transform.apply_patterns to %kernels {";
    line() << "  transform.apply_patterns.memref.fold_memref_alias_ops";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_cse to %kernels : !transform.any_op";
    line() << "%hoisted = transform.structured.hoist_redundant_vector_"
              "transfers %kernels : (!transform.any_op) -> !transform.any_op";
    // Tensor-core contractions (their accumulators now loop-carried) to
    // nvgpu.mma.sync, their operand reads to ldmatrix or plain loads.
    std::string hoisted = "%hoisted";
    if (mma) {
      hoisted = "%mma_kernels";
      line() << hoisted
             << " = transform.apply_registered_pass \"convert-vector-to-gpu\" "
                "with options = {\"use-nvgpu\" = true} to %hoisted : "
                "(!transform.any_op) -> !transform.any_op";
    }
    // On buffers: 2-D transfers to unrolled 1-D ones, then to plain vector
    // loads and stores.
    line() << "transform.apply_patterns to " << hoisted << " {";
    line() << "  transform.apply_patterns.vector.transfer_to_scf "
              "max_transfer_rank = 1 full_unroll = true";
    closePatterns();
    line() << "transform.apply_patterns to " << hoisted << " {";
    line() << "  transform.apply_patterns.vector.lower_transfer "
              "max_transfer_rank = 1";
    line() << "  transform.apply_patterns.vector.lower_broadcast";
    line() << "  transform.apply_patterns.vector.lower_shape_cast";
    line() << "  transform.apply_patterns.vector.lower_transpose";
    line() << "  transform.apply_patterns.vector.lower_multi_reduction "
              "lowering_strategy = \"innerreduction\"";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    // n-D vectors left by elementwise ops (NVVM takes 1-D only); alone: with
    // canonicalization in the same set it can run away.
    line() << "transform.apply_patterns to " << hoisted << " {";
    line() << "  transform.apply_patterns.vector.unroll_from_elements";
    closePatterns();
    if (mma) {
      // The staging copies become 16-byte cp.async (bypassing L1 and the
      // registers): mma's tiles make every copied row start 16-byte aligned
      // (k slices of 16 halves or 8 floats, n a multiple of 8).
      line() << "%async_kernels = transform.nvgpu.create_async_groups "
             << hoisted << " {bypass_l1} : (!transform.any_op) -> "
                           "!transform.any_op";
      hoisted = "%async_kernels";
    }
    if (promoted) {
      // Workgroup buffers become shared-memory globals (left as allocas they
      // would silently become per-thread stack slots), 16-byte aligned for
      // the vector accesses.
      line() << "%allocas = transform.structured.match "
                "ops{[\"memref.alloca\"]} in " << hoisted << " : (!transform.any_op) "
                "-> !transform.op<\"memref.alloca\">";
      line() << "%shared_uses, %shared_globals = transform.memref.alloca_to_"
                "global %allocas : (!transform.op<\"memref.alloca\">) -> "
                "(!transform.any_op, !transform.any_op)";
      line() << "%align16 = transform.param.constant 16 : i64 -> "
                "!transform.any_param";
      line() << "transform.annotate %shared_globals \"alignment\" = %align16 "
                ": !transform.any_op, !transform.any_param";
    }
  }

  /// Tiles the target into an scf.forall and fuses every other op into it;
  /// returns the forall's handle.
  std::string emitParallelize(const Action &action, StringRef mapping = "",
                              bool gpuFusion = false) {
    std::vector<int64_t> sizes = action.getList("sizes");
    // split_k: the partial op's leading split loop, one slice per block.
    bool splitGrid = splitFactor > 0 && gpuFusion;
    if (splitGrid)
      sizes.insert(sizes.begin(), 1);
    std::string loopMapping =
        splitGrid ? gpuMapping(sizes, "block") : mapping.str();
    auto [tiled, forall] = emitTileUsingForall(
        handles[action.target], "tile_sizes " + sizesToString(sizes),
        loopMapping);
    handles[action.target] = tiled;
    // Fuse every other op, consumers before their producers.
    for (const TaskOp &op : llvm::reverse(task.ops)) {
      if (op.index == action.target || !handles.count(op.index) ||
          (gpuFusion && task.ownsGpuGrid(op)))
        continue;
      deduplicate(op.index);
      std::tie(handles[op.index], forall) =
          emitFuseInto(handles[op.index], forall);
    }
    // A fused producer's scratch tensor is a slice of a tensor.empty made
    // outside the forall; fold it to a tensor.empty inside, so that each
    // thread gets its own buffer instead of racing on a shared one.
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.tensor.fold_tensor_empty";
    closePatterns();
    return forall;
  }

  void emitTile(const Action &action) {
    std::vector<int64_t> sizes = action.getList("sizes");
    size_t numLoops = llvm::count_if(sizes, [](int64_t s) { return s != 0; });
    std::string tiled = fresh("tiled");
    std::vector<std::string> loops;
    for (size_t i = 0; i < numLoops; ++i)
      loops.push_back(fresh("loop"));
    line() << tiled;
    for (const std::string &loop : loops)
      os << ", " << loop;
    std::vector<int64_t> interchange = action.getList("interchange");
    os << " = transform.structured.tile_using_for " << handles[action.target]
       << " tile_sizes " << sizesToString(sizes);
    if (!interchange.empty())
      os << " interchange = " << sizesToString(interchange);
    os << " : (!transform.any_op) -> " << anyOpTypes(numLoops + 1);
    handles[action.target] = tiled;
    lastTileSizes[action.target] = sizes;
    for (const std::string &loop : loops) {
      // Unique per task instance: applyBestSchedules runs one script per
      // task on the same function, and a later task's match by this tag must
      // not find an earlier task's loop (handle names repeat across scripts).
      std::string tag =
          "cwm.loop_" + std::to_string(instance) + "_" + loop.substr(1);
      line() << "transform.annotate " << loop << " \"" << tag
             << "\" : !transform.any_op";
      loopTags[loop] = tag;
    }
    // Remember which loops carry a reduction, innermost last.
    // The loops come outermost first, in interchanged order.
    std::vector<int64_t> order = interchange;
    if (order.empty())
      for (size_t loop = 0; loop < sizes.size(); ++loop)
        order.push_back(loop);
    std::vector<std::pair<std::string, bool>> loopInfo;
    size_t next = 0;
    for (int64_t loop : order)
      if (sizes[loop] != 0)
        loopInfo.push_back(
            {loops[next++], task.ops[action.target].loops[loop].reduction});
    lastLoops[action.target] = std::move(loopInfo);
  }

  /// tile_reduction: "lanes" partial sums per output element, added to
  /// with whole vectors along the row, then one combining reduction; the
  /// target's handle covers the partial sums' init, the partial op and the
  /// combiner, which a vectorize of the target vectorizes together.
  void emitTileReduction(const Action &action) {
    std::vector<int64_t> sizes(task.ops[action.target].loops.size(), 0);
    sizes.back() = action.getInt("lanes", 16);
    std::string init = fresh("partial_init"), partial = fresh("partial"),
                combine = fresh("combine"), loop = fresh("row_loop"),
                merged = fresh("split_reduction");
    line() << init << ", " << partial << ", " << combine << ", " << loop
           << " = transform.structured.tile_reduction_using_for "
           << handles[action.target]
           << " by tile_sizes = " << sizesToString(sizes)
           << " : (!transform.any_op) -> " << anyOpTypes(4);
    line() << merged << " = transform.merge_handles " << init << ", " << partial
           << ", " << combine << " : !transform.any_op";
    handles[action.target] = merged;
  }

  void emitDecompose(const Action &action) {
    std::string decomposed = fresh("decomposed");
    line() << decomposed << " = transform.structured.decompose "
           << handles[action.target]
           << " : (!transform.any_op) -> !transform.any_op";
    handles[action.target] = decomposed;
  }

  void emitPad(const Action &action) {
    // Pad every dimension of every operand up to a multiple of the op's last
    // tile, so partial tiles get the static shape of a full one.
    const TaskOp &op = task.ops[action.target];
    std::vector<int64_t> multiples = lastTileSizes[action.target];
    for (int64_t &m : multiples)
      m = std::max<int64_t>(m, 1);
    std::string dims, values;
    for (size_t loop = 0; loop < op.loops.size(); ++loop)
      dims += (loop ? ", " : "") + std::to_string(loop);
    std::string type = task.elementType.empty() ? "f32" : task.elementType;
    for (size_t operand = 0; operand < op.operandLoopStrides.size(); ++operand)
      values += (operand ? ", " : "") + ("0.0 : " + type);
    std::string padded = fresh("padded");
    line() << padded << ", " << fresh("pad") << ", " << fresh("copy")
           << " = transform.structured.pad " << handles[action.target]
           << " pad_to_multiple_of " << sizesToString(multiples)
           << " {padding_dimensions = [" << dims << "], padding_values = ["
           << values << "], copy_back_op = \"none\"} : (!transform.any_op) -> "
           << anyOpTypes(3);
    handles[action.target] = padded;
  }

  void emitDropUnitDims(const Action &action) {
    // The rewrite replaces the op and drops its tags, so find the result
    // inside the innermost loop of the op's last tiling (by annotation: loop
    // handles may be stale after earlier pattern rewrites). The patterns run
    // inside that loop only: on the whole function they would also rewrite
    // the ops of tasks not scheduled yet (a model's later epilogues, whose
    // unit batch dimension they fold), which then lose their tags and are
    // never fused.
    const std::string &tag = loopTags[lastLoops[action.target].back().first];
    std::string generic = fresh("generic");
    line() << generic << " = transform.structured.generalize "
           << handles[action.target]
           << " : (!transform.any_op) -> !transform.any_op";
    std::string loop = fresh("unit_loop"), folded = fresh("folded");
    line() << loop << " = transform.structured.match attributes{" << tag
           << "} in %func : (!transform.any_op) -> !transform.any_op";
    line() << "transform.apply_patterns to " << loop << " {";
    line() << "  transform.apply_patterns.linalg.fold_unit_extent_dims_via_slices";
    closePatterns();
    line() << folded << " = transform.structured.match ops{[\"linalg.generic\"]} in "
           << loop << " : (!transform.any_op) -> !transform.any_op";
    handles[action.target] = folded;
    unitDimsDropped.insert(action.target);
  }

  void emitVectorize(const Action &action) {
    line() << "transform.structured.vectorize " << handles[action.target]
           << " : !transform.any_op";
    // A contraction drop_unit_dims made (a grouped convolution tile) reads
    // its inputs with broadcasts folded into the transfers; as explicit
    // broadcasts they fold into the contraction's maps (an (ow, c) x (c, f)
    // contraction the outer-product lowering vectorizes along f), where
    // left in the transfers the contraction multiplies whole broadcast
    // tiles and reduces each output on its own.
    if (!gpu && unitDimsDropped.count(action.target))
      emitPermutationPatterns();
    handles.erase(action.target);
    if (action.target == task.anchor || contractionLowering.empty())
      contractionLowering = action.getString("contraction", "outerproduct");
    emitVectorFolding();
    if (hoistBeforePermutations)
      emitSubsetHoisting();
    emitPermutationPatterns();
  }

  void emitPermutationPatterns() {
    // Separately: together with the folding sets, the permutation
    // patterns can rewrite transposed transfers back and forth forever.
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.transfer_permutation_patterns";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_cse to %func : !transform.any_op";
  }

  /// Folds a freshly vectorized op: multi-reductions to contractions,
  /// leading unit dimensions dropped, tensor slices folded into transfers
  /// (so later hoisting sees one read and one write of each accumulator).
  void emitVectorFolding() {
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.reduction_to_contract";
    line() << "  transform.apply_patterns.vector.cast_away_vector_leading_one_dim";
    line() << "  transform.apply_patterns.tensor.fold_tensor_subset_ops_into_"
              "vector_transfers";
    line() << "  transform.apply_patterns.tensor.merge_consecutive_insert_"
              "extract_slice";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
  }

  void emitHoist(const Action &action) {
    if (hoistedWithVectorize) {
      hoistedWithVectorize = false; // done by the vectorize just before (GPU)
      return;
    }
    emitSubsetHoisting();
  }

  void emitSubsetHoisting() {
    hoistedWithVectorize = hoistBeforePermutations;
    // Loop handles go stale once patterns rewrite the loops, so match every
    // scf.for afresh. Each round hoists one more nesting level (innermost
    // first): hoisting loop-invariant subsets is always legal.
    for (int round = 0; round < kHoistRounds; ++round) {
      std::string loops = fresh("loops");
      line() << loops << " = transform.structured.match ops{[\"scf.for\"]} in "
             << "%func : (!transform.any_op) -> !transform.any_op";
      line() << "transform.loop.hoist_loop_invariant_subsets " << loops
             << " : !transform.any_op";
    }
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_cse to %func : !transform.any_op";
  }

  void emitUnroll(const Action &action) {
    auto it = lastLoops.find(action.target);
    if (it == lastLoops.end() || it->second.empty())
      return;
    // The innermost loop of the op's last tiling, found by its annotation
    // (its handle may be stale after pattern rewrites).
    const std::string &tag = loopTags[it->second.back().first];
    if (tag.empty() || consumedLoops.count(tag))
      return;
    std::string loop = fresh("unrolled");
    line() << loop << " = transform.structured.match attributes{" << tag
           << "} in %func : (!transform.any_op) -> !transform.any_op";
    line() << "transform.loop.unroll " << loop
           << " {factor = " << action.getInt("factor", 2)
           << " : i64} : !transform.any_op";
    consumedLoops.insert(tag);
  }

  /// Marks the target with "cwm.<prefix><name>" = value for each decision
  /// (a kernel template's pass reads them after bufferization).
  void annotateDecisions(
      const Action &action, llvm::StringRef prefix,
      std::initializer_list<std::pair<const char *, int64_t>> decisions) {
    kernelTemplate = true;
    for (auto [name, value] : decisions) {
      std::string param = fresh(name);
      line() << param << " = transform.param.constant " << value
             << " : i64 -> !transform.param<i64>";
      line() << "transform.annotate " << handles[action.target] << " \"cwm."
             << prefix << name << "\" = " << param
             << " : !transform.any_op, !transform.param<i64>";
    }
  }

  /// wgmma: the matmul is marked with its decisions; cwm-gpu-wgmma (the
  /// first pass of cwm-lower-gpu) builds its kernel on buffers. `producer`
  /// and `raster` stay implicit at 0: earlier schedules' scripts are
  /// unchanged.
  void emitWgmma(const Action &action) {
    WgmmaConfig config = WgmmaConfig::of(action);
    annotateDecisions(action, "wgmma_",
                      {{"stages", config.stages},
                       {"n", config.blockN},
                       {"warpgroups", config.warpgroups}});
    if (config.producer)
      annotateDecisions(action, "wgmma_", {{"producer", config.producer}});
    if (config.raster)
      annotateDecisions(action, "wgmma_", {{"raster", config.raster}});
  }

  /// simt_gemm: the matmul is marked with its decisions; cwm-gpu-simt-gemm
  /// (a pass of cwm-lower-gpu) builds its kernel on buffers.
  void emitSimtGemm(const Action &action) {
    SimtGemmConfig config = SimtGemmConfig::of(action);
    annotateDecisions(action, "simt_gemm_",
                      {{"bm", config.bm}, {"bn", config.bn}, {"bk", config.bk}});
    if (config.split > 1)
      annotateDecisions(action, "simt_gemm_", {{"split", config.split}});
  }

  /// GPU schedules end on buffers: one-shot bufferization of the payload
  /// (%bufferized), then canonicalization and CSE of its functions
  /// (%gpu_func).
  void emitBufferizeForGpu() {
    line() << "%bufferized = transform.bufferization.one_shot_bufferize %root "
              "{bufferize_function_boundaries = true, "
              "function_boundary_type_conversion = 1 : i32} : "
              "(!transform.any_op) -> !transform.any_op";
    line() << "%gpu_func = transform.structured.match ops{[\"func.func\"]} in "
              "%bufferized : (!transform.any_op) -> !transform.any_op";
    line() << "transform.apply_patterns to %gpu_func {";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_cse to %gpu_func : !transform.any_op";
  }

  void emitFinalLowering() {
    emitContractionLowering(/*foldSubsetsIntoTransfers=*/true);
  }

  /// vector.contract by the chosen lowering (outerproduct by default), then
  /// CSE; on the CPU, tensor subsets also fold into the transfers.
  void emitContractionLowering(bool foldSubsetsIntoTransfers) {
    std::string strategy =
        contractionLowering.empty() ? "outerproduct" : contractionLowering;
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.lower_contraction "
              "lowering_strategy = \""
           << strategy << "\"";
    line() << "  transform.apply_patterns.vector.lower_outerproduct";
    line() << "  transform.apply_patterns.vector.transfer_permutation_patterns";
    if (foldSubsetsIntoTransfers)
      line() << "  transform.apply_patterns.tensor.fold_tensor_subset_ops_"
                "into_vector_transfers";
    line() << "  transform.apply_patterns.canonicalization";
    closePatterns();
    line() << "transform.apply_cse to %func : !transform.any_op";
  }

  /// The task the actions see: after split_k, the main grid's (splitKTask).
  TaskInfo task;
  const TaskInfo original;
  /// split_k: the split factor (0: none) and the handles of the combining
  /// kernel's ops in program order (the original fill, the combiner, the
  /// consumers).
  int64_t splitFactor = 0;
  std::vector<std::string> combineHandles;
  int64_t instance;
  raw_ostream &os;
  unsigned counter = 0;
  std::map<int64_t, std::string> handles;
  std::map<int64_t, std::vector<std::pair<std::string, bool>>> lastLoops;
  std::map<int64_t, std::vector<int64_t>> lastTileSizes;
  std::set<std::string> consumedLoops;
  std::map<std::string, std::string> loopTags;
  static constexpr int kHoistRounds = 3;
  std::string contractionLowering;
  bool gpu = false;
  /// The next action hoists the op being vectorized (GPU): hoist before the
  /// permutation patterns; the hoist action itself then emits nothing.
  bool hoistBeforePermutations = false;
  bool hoistedWithVectorize = false;
  /// Ops drop_unit_dims rewrote (CPU: their vectorize makes broadcasts
  /// explicit before folding, emitVectorize).
  std::set<int64_t> unitDimsDropped;
  /// distribute_rows: the threads of the main grid's blocks (0: unused).
  int64_t distributedRowThreads = 0;
  std::vector<int64_t> blockTile;
  int64_t blockThreads = 1;
  bool promoted = false;
  bool mma = false;
  /// A wgmma or simt_gemm trace: its kernel is built after bufferization.
  bool kernelTemplate = false;
  /// For each thread-mapped loop of the root, its thread dimension (0 = x).
  std::map<int64_t, int> rootThreadDim;
  /// The block size of each GPU grid (x first): grid 0 is the task's main
  /// kernel, then one per op with a grid of its own.
  std::vector<std::vector<int64_t>> grids;
  static constexpr int64_t kOwnGridThreads = 256;
};
} // namespace

Expected<std::string> emitTransformScript(const Trace &trace,
                                          const TaskInfo &task,
                                          int64_t instance) {
  if (Error error = checkTrace(trace, task))
    return std::move(error);
  std::string text;
  raw_string_ostream os(text);
  // A GPU schedule bufferizes the payload, which consumes the root handle.
  bool gpu = llvm::any_of(trace.getActions(), [](const Action &action) {
    return action.kind == ActionKind::MapBlocks ||
           isKernelTemplate(action.kind);
  });
  os << "module attributes {transform.with_named_sequence} {\n"
     << "  transform.named_sequence @__transform_main("
        "%root: !transform.any_op {transform."
     << (gpu ? "consumed" : "readonly") << "}) {";
  Emitter(task, instance, os).emit(trace);
  os << "\n  }\n}\n";
  return text;
}

} // namespace cwm
