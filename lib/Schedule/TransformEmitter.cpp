//===- TransformEmitter.cpp - Trace to Transform-dialect IR ---------------===//

#include "cwm/Schedule/TransformEmitter.h"

#include "cwm/Schedule/Validity.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

using namespace llvm;

namespace cwm {

namespace {
/// Writes the body of the named sequence while tracking which transform
/// value currently holds each task op and the loops of its last tiling.
class Emitter {
public:
  Emitter(const TaskInfo &task, int64_t instance, raw_ostream &os)
      : task(task), instance(instance), os(os) {}

  void emit(const Trace &trace) {
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
    for (const Action &action : trace.getActions()) {
      deduplicate(action.target);
      switch (action.kind) {
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
      case ActionKind::Unroll:
        emitUnroll(action);
        break;
      case ActionKind::DropUnitDims:
        emitDropUnitDims(action);
        break;
      case ActionKind::Pad:
        emitPad(action);
        break;
      }
    }
    if (gpu)
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
    emitParallelize(action, gpuMapping(blockTile, "block"));
  }

  void emitMapThreads(const Action &action) {
    std::vector<int64_t> sizes = action.getList("sizes");
    std::string tiled = fresh("tiled"), forall = fresh("threads");
    line() << tiled << ", " << forall
           << " = transform.structured.tile_using_forall "
           << handles[action.target] << " tile_sizes " << sizesToString(sizes)
           << gpuMapping(sizes, "thread")
           << " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)";
    handles[action.target] = tiled;
    lastTileSizes[action.target] = sizes;
    if (action.target == task.root) {
      // Threads per mapped dimension, innermost (x) first.
      const TaskOp &root = task.rootOp();
      std::vector<int64_t> perDim;
      for (size_t loop = 0; loop < sizes.size(); ++loop)
        if (sizes[loop] > 0) {
          int64_t tile = loop < blockTile.size() && blockTile[loop] > 0
                             ? blockTile[loop]
                             : root.loops[loop].extent;
          perDim.push_back(tile / sizes[loop]);
        }
      blockDims.assign(perDim.rbegin(), perDim.rend());
    }
  }

  /// Bufferize, turn the block forall into gpu.launch and the thread foralls
  /// into thread ids (the block is the root's thread mapping).
  void emitGpuLowering() {
    std::vector<int64_t> dims = blockDims;
    dims.resize(3, 1);
    // Vectorized thread tiles: contractions to FMAs, transfers to plain
    // (1-D, in-bounds) vector loads and stores the NVVM lowering handles.
    std::string strategy =
        contractionLowering.empty() ? "outerproduct" : contractionLowering;
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.lower_contraction "
              "lowering_strategy = \""
           << strategy << "\"";
    line() << "  transform.apply_patterns.vector.lower_outerproduct";
    line() << "  transform.apply_patterns.vector.transfer_permutation_patterns";
    line() << "  transform.apply_patterns.canonicalization";
    line() << "} : !transform.any_op";

    line() << "transform.apply_cse to %func : !transform.any_op";
    line() << "%bufferized = transform.bufferization.one_shot_bufferize %root "
              "{bufferize_function_boundaries = true, "
              "function_boundary_type_conversion = 1 : i32} : "
              "(!transform.any_op) -> !transform.any_op";
    line() << "%gpu_func = transform.structured.match ops{[\"func.func\"]} in "
              "%bufferized : (!transform.any_op) -> !transform.any_op";
    line() << "transform.apply_patterns to %gpu_func {";
    line() << "  transform.apply_patterns.canonicalization";
    line() << "} : !transform.any_op";
    line() << "transform.apply_cse to %gpu_func : !transform.any_op";
    // On buffers: 2-D transfers to unrolled 1-D ones, then to plain vector
    // loads and stores.
    line() << "transform.apply_patterns to %gpu_func {";
    line() << "  transform.apply_patterns.vector.transfer_to_scf "
              "max_transfer_rank = 1 full_unroll = true";
    line() << "} : !transform.any_op";
    line() << "transform.apply_patterns to %gpu_func {";
    line() << "  transform.apply_patterns.vector.lower_transfer "
              "max_transfer_rank = 1";
    line() << "  transform.apply_patterns.canonicalization";
    line() << "} : !transform.any_op";
    line() << "%launch = transform.gpu.map_forall_to_blocks %gpu_func "
              "generate_gpu_launch : (!transform.any_op) -> !transform.any_op";
    line() << "%mapped = transform.gpu.map_nested_forall_to_threads %launch "
              "block_dims = "
           << sizesToString(dims)
           << " : (!transform.any_op) -> !transform.any_op";
  }

  void emitParallelize(const Action &action, StringRef mapping = "") {
    std::vector<int64_t> sizes = action.getList("sizes");
    std::string tiled = fresh("tiled"), forall = fresh("forall");
    line() << tiled << ", " << forall
           << " = transform.structured.tile_using_forall "
           << handles[action.target] << " tile_sizes " << sizesToString(sizes)
           << mapping
           << " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)";
    handles[action.target] = tiled;
    // Fuse every other op, consumers before their producers.
    for (const TaskOp &op : llvm::reverse(task.ops)) {
      if (op.index == action.target || !handles.count(op.index))
        continue;
      deduplicate(op.index);
      std::string fused = fresh("fused"), loop = fresh("forall");
      line() << fused << ", " << loop
             << " = transform.structured.fuse_into_containing_op "
             << handles[op.index] << " into " << forall
             << " : (!transform.any_op, !transform.any_op) -> "
                "(!transform.any_op, !transform.any_op)";
      handles[op.index] = fused;
      forall = loop;
    }
    // A fused producer's scratch tensor is a slice of a tensor.empty made
    // outside the forall; fold it to a tensor.empty inside, so that each
    // thread gets its own buffer instead of racing on a shared one.
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.tensor.fold_tensor_empty";
    line() << "} : !transform.any_op";
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
      std::string tag = "cwm.loop_" + loop.substr(1);
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
    // handles may be stale after earlier pattern rewrites).
    const std::string &tag = loopTags[lastLoops[action.target].back().first];
    std::string generic = fresh("generic");
    line() << generic << " = transform.structured.generalize "
           << handles[action.target]
           << " : (!transform.any_op) -> !transform.any_op";
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.linalg.fold_unit_extent_dims_via_slices";
    line() << "} : !transform.any_op";
    std::string loop = fresh("unit_loop"), folded = fresh("folded");
    line() << loop << " = transform.structured.match attributes{" << tag
           << "} in %func : (!transform.any_op) -> !transform.any_op";
    line() << folded << " = transform.structured.match ops{[\"linalg.generic\"]} in "
           << loop << " : (!transform.any_op) -> !transform.any_op";
    handles[action.target] = folded;
  }

  void emitVectorize(const Action &action) {
    line() << "transform.structured.vectorize " << handles[action.target]
           << " : !transform.any_op";
    handles.erase(action.target);
    if (action.target == task.anchor || contractionLowering.empty())
      contractionLowering = action.getString("contraction", "outerproduct");
    // Fold the vectorized form so later hoisting sees one read and one write
    // of each accumulator.
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.reduction_to_contract";
    line() << "  transform.apply_patterns.vector.cast_away_vector_leading_one_dim";
    line() << "  transform.apply_patterns.tensor.fold_tensor_subset_ops_into_"
              "vector_transfers";
    line() << "  transform.apply_patterns.tensor.merge_consecutive_insert_"
              "extract_slice";
    line() << "  transform.apply_patterns.canonicalization";
    line() << "} : !transform.any_op";
    // Separately: together with the two sets above, the permutation
    // patterns can rewrite transposed transfers back and forth forever.
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.transfer_permutation_patterns";
    line() << "  transform.apply_patterns.canonicalization";
    line() << "} : !transform.any_op";
    line() << "transform.apply_cse to %func : !transform.any_op";
  }

  void emitHoist(const Action &action) {
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
    line() << "} : !transform.any_op";
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

  void emitFinalLowering() {
    std::string strategy =
        contractionLowering.empty() ? "outerproduct" : contractionLowering;
    line() << "transform.apply_patterns to %func {";
    line() << "  transform.apply_patterns.vector.lower_contraction "
              "lowering_strategy = \""
           << strategy << "\"";
    line() << "  transform.apply_patterns.vector.lower_outerproduct";
    line() << "  transform.apply_patterns.vector.transfer_permutation_patterns";
    line() << "  transform.apply_patterns.tensor.fold_tensor_subset_ops_into_"
              "vector_transfers";
    line() << "  transform.apply_patterns.canonicalization";
    line() << "} : !transform.any_op";
    line() << "transform.apply_cse to %func : !transform.any_op";
  }

  const TaskInfo &task;
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
  std::vector<int64_t> blockTile, blockDims;
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
    return action.kind == ActionKind::MapBlocks;
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
