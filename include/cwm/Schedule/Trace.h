//===- Trace.h - Schedules as ordered lists of actions ----------*- C++ -*-===//
//
// A schedule is a Trace: an ordered list of Actions. Each action has a kind,
// the task op it targets (by its `cwm.op` index) and named decisions (tile
// sizes, vector sizes, unroll factor, lowering strategy, ...). A trace has a
// stable, versioned JSON form and is turned into Transform-dialect IR by
// TransformEmitter. Traces never touch IR themselves.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SCHEDULE_TRACE_H
#define CWM_SCHEDULE_TRACE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cwm {

/// The current version of the trace JSON form; bumped on incompatible change.
constexpr int64_t kTraceVersion = 1;

/// What an action does. The Transform IR each kind emits is documented in
/// docs/schedules.md.
enum class ActionKind {
  /// tile_using_forall on the target (the task root) and fuse every other op
  /// of the task into the loop nest; becomes multi-core parallelism.
  Parallelize,
  /// tile_using_for on the target; decision "sizes" (one per loop, 0 = not
  /// tiled), optional "interchange" (a permutation of the tiled loops).
  Tile,
  /// Pad the target's operands with zeros up to multiples of its last tile
  /// sizes, so partial tiles (sizes that do not divide the extents) get static
  /// shapes and can be vectorized. Matmul / batch_matmul / conv anchors only.
  Pad,
  /// Rewrite a 2-D convolution tile with unit kh/oh into a 1-D convolution.
  Decompose,
  /// Vectorize the target; decision "contraction" picks the lowering of
  /// vector.contract (outerproduct, dot, matmulintrinsics, parallelarith).
  Vectorize,
  /// Generalize the target and fold its unit loops away (a grouped
  /// convolution tile with unit group, output-row and window loops becomes a
  /// plain contraction the vectorizer handles). Only vectorize, hoist and
  /// unroll may follow on the same op.
  DropUnitDims,
  /// Keep accumulators and loop-invariant vector transfers in registers.
  Hoist,
  /// Unroll the innermost loop created by the target's last Tile action by
  /// "factor".
  Unroll,
  /// GPU: tile_using_forall on the task root mapped to thread blocks
  /// (decision "sizes": the block tile, at most 3 tiled loops, innermost
  /// tiled loop = x) and fuse every other op into it. Makes the trace a GPU
  /// schedule: it ends with bufferization and gpu.launch generation.
  MapBlocks,
  /// GPU: tile_using_forall of the target (inside its block tile) mapped to
  /// threads; "sizes" is each thread's tile. Every op of a GPU trace is
  /// mapped to threads; the root's mapping sets the block dimensions.
  MapThreads,
  /// GPU: stage the inputs of the target (a matmul or batch_matmul anchor,
  /// after map_blocks and before its map_threads) in shared memory: its
  /// reduction loop is tiled at block level by "k", and each k-slice of
  /// both inputs is copied cooperatively by all threads of the block (vector
  /// copies where rows allow) into workgroup memory before the threads
  /// compute from it.
  Promote,
  /// GPU tensor cores: the target (a promoted matmul or batch_matmul anchor
  /// with f16 inputs, or f32 ones with "tf32" = 1) is tiled over the block's
  /// warps, each warp computing a "warp" tile ([1 x] m x n, 0 for the
  /// reduction) with mma.sync (m16n8k16, f16 or f32 accumulators; m16n8k8
  /// for tf32) on fragments loaded from the shared-memory slices. The block
  /// has 32 x warps threads.
  Mma,
  /// GPU row reductions (softmax, norms), instead of every map_threads: one
  /// row per block (map_blocks tiles every other loop by 1) and "threads"
  /// threads that split the row cyclically; cwm-gpu-distribute-rows
  /// rewrites the row ops onto each thread's elements and combines the row
  /// reductions across the block with gpu.all_reduce.
  DistributeRows,
  /// GPU split-K, the first action of a trace on a matmul anchor: its
  /// reduction is split into "factor" partial sums computed by separate
  /// blocks (transform.structured.split_reduction), which a second kernel
  /// adds up together with the task's epilogue. Every later action
  /// schedules the main grid, seen as the task splitKTask() describes: the
  /// anchor's reduction loop is K / factor long and the ops after the anchor
  /// are outside it.
  SplitK,
  /// GPU, Hopper (sm_90a) tensor cores, the only action of its trace: the
  /// target (a matmul of f16 inputs and an f32 result, alone with its fill)
  /// runs as one kernel of 128 x 128 output tiles, each computed by one
  /// warpgroup with warpgroup MMA (wgmma) from k-slices of 64 that the
  /// Tensor Memory Accelerator loads into a ring of "stages" shared-memory
  /// buffers (mbarrier-synchronized). cwm-gpu-wgmma builds the kernel.
  Wgmma,
  /// GPU CUDA cores, the only action of its trace: the target (an f32
  /// matmul alone with its fill) runs as one kernel of "bm" x "bn" output
  /// tiles, each thread accumulating an 8 x 8 register tile from k-slices
  /// of "bk" double-buffered in shared memory. cwm-gpu-simt-gemm builds it.
  SimtGemm,
  /// CPU, the first action of a trace on a grouped convolution
  /// (conv_2d_nhwgc_gfhwc) anchor: the weights are relaid out once, before
  /// the schedule runs, from G x F x KH x KW x C to G x KH x KW x C x F (a
  /// linalg.transpose; folded into a new constant where the weights are
  /// one), and the convolution reads them through a linalg.generic with the
  /// same loops. The output channels a vector covers are then contiguous in
  /// the weights instead of KH*KW*C elements apart. Every later action
  /// schedules the same loops; they see the task packWeightsTask()
  /// describes.
  PackWeights,
  /// CPU row reductions: the target's reduction (its one reduction loop, the
  /// innermost) accumulates into "lanes" partial sums per output element
  /// (transform.structured.tile_reduction_using_for), which the loop over
  /// the row adds to with whole vectors; one horizontal reduction of the
  /// lanes per output element follows it. Only vectorize and hoist may
  /// follow on the same op (vectorize covers the partial op, its init and
  /// the combining reduction).
  TileReduction,
  /// CPU, the first action of a trace on a 3 x 3, stride-1 f32
  /// convolution (conv_2d_nhwc_hwcf) anchor: the convolution runs as
  /// Winograd's F("tile" x "tile", 3 x 3) (tile 2 or 4): cwm builds the
  /// filter transform, the input transform (from the pad's result) and the
  /// output transform (with the task's elementwise epilogue) as vectorized
  /// parallel loops of its own around a batch matmul of (tile + 2)^2
  /// products, which every later action schedules: they see the task
  /// winogradTask() describes. 4x (tile 4) or 2.25x (tile 2) fewer
  /// multiplies in the matmul, at the transforms' cost and a larger f32
  /// rounding error (the candidate's check decides).
  Winograd,
  /// CPU, on a matmul anchor after its register tile (the last action of
  /// the trace): the schedule's reads of B (K x N, read along n in vectors
  /// of NR, the register tile's columns, at offsets that are multiples of
  /// NR) read a copy of B packed as N/NR x K x NR panels instead, so that a
  /// register tile's k steps walk one contiguous panel (B's rows are N
  /// elements apart: every k step touched a new page). The packing is a
  /// vectorized parallel loop of its own before the task, once per call
  /// (once per model where B is a weight: cwm-prepare-weights moves it).
  PackB,
};

/// Whether an action of `kind` is a whole kernel built from a template by
/// a pass of cwm-lower-gpu (wgmma, simt_gemm): the only action of its
/// trace, on a matmul that the schedule only marks and bufferizes.
inline bool isKernelTemplate(ActionKind kind) {
  return kind == ActionKind::Wgmma || kind == ActionKind::SimtGemm;
}

llvm::StringRef stringifyActionKind(ActionKind kind);
std::optional<ActionKind> parseActionKind(llvm::StringRef name);

/// One decision value: an integer, a list of integers, or a string.
class Decision {
public:
  enum class Kind { Int, IntList, String };

  Decision() = default;
  /*implicit*/ Decision(int64_t value) : kind(Kind::Int), intValue(value) {}
  /*implicit*/ Decision(std::vector<int64_t> values)
      : kind(Kind::IntList), listValue(std::move(values)) {}
  /*implicit*/ Decision(std::string value)
      : kind(Kind::String), stringValue(std::move(value)) {}
  /*implicit*/ Decision(const char *value)
      : kind(Kind::String), stringValue(value) {}

  Kind getKind() const { return kind; }
  int64_t getInt() const { return intValue; }
  llvm::ArrayRef<int64_t> getList() const { return listValue; }
  llvm::StringRef getString() const { return stringValue; }

  /// The JSON form: a number, an array of numbers or a string.
  llvm::json::Value toJSON() const;

  bool operator==(const Decision &other) const {
    return kind == other.kind && intValue == other.intValue &&
           listValue == other.listValue && stringValue == other.stringValue;
  }
  bool operator!=(const Decision &other) const { return !(*this == other); }

private:
  Kind kind = Kind::Int;
  int64_t intValue = 0;
  std::vector<int64_t> listValue;
  std::string stringValue;
};

/// One step of a schedule.
struct Action {
  ActionKind kind = ActionKind::Tile;
  /// The task op this action applies to (its `cwm.op` index).
  int64_t target = 0;
  /// Named decisions, ordered by name so that the JSON form is stable.
  std::map<std::string, Decision> decisions;

  /// Typed accessors; return the default when the decision is absent or of
  /// another kind.
  int64_t getInt(llvm::StringRef name, int64_t defaultValue = 0) const;
  std::vector<int64_t> getList(llvm::StringRef name) const;
  std::string getString(llvm::StringRef name,
                        llvm::StringRef defaultValue = "") const;
  bool has(llvm::StringRef name) const {
    return decisions.count(name.str()) != 0;
  }

  bool operator==(const Action &other) const {
    return kind == other.kind && target == other.target &&
           decisions == other.decisions;
  }
  bool operator!=(const Action &other) const { return !(*this == other); }
};

/// An ordered list of actions: the unit that is searched, scored, measured
/// and stored.
class Trace {
public:
  Trace() = default;
  explicit Trace(std::vector<Action> actions) : actions(std::move(actions)) {}

  llvm::ArrayRef<Action> getActions() const { return actions; }
  std::vector<Action> &getMutableActions() { return actions; }
  void push_back(Action action) { actions.push_back(std::move(action)); }
  size_t size() const { return actions.size(); }
  bool empty() const { return actions.empty(); }

  /// The versioned JSON form: {"version": 1, "actions": [...]}.
  llvm::json::Value toJSON() const;
  /// Parses the JSON form; errors name the offending action and field.
  static llvm::Expected<Trace> fromJSON(const llvm::json::Value &value);
  static llvm::Expected<Trace> parse(llvm::StringRef text);

  /// The sampler's recorded choices that produced this trace (empty for a
  /// hand-written trace); mutators replay them with one choice changed.
  const std::vector<int64_t> &getChoices() const { return choices; }
  void setChoices(std::vector<int64_t> values) { choices = std::move(values); }

  /// Compact one-line JSON text of the actions (stable: equal traces give
  /// equal strings; the sampler's choices are not part of it).
  std::string str() const;
  /// A short, stable hash of str(), for de-duplication.
  uint64_t fingerprint() const;

  bool operator==(const Trace &other) const { return actions == other.actions; }
  bool operator!=(const Trace &other) const { return !(*this == other); }

private:
  std::vector<Action> actions;
  std::vector<int64_t> choices;
};

} // namespace cwm

#endif // CWM_SCHEDULE_TRACE_H
