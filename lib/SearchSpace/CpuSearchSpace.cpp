//===- CpuSearchSpace.cpp - Schedule rules for multi-core CPUs ------------===//
//
// Rules, applied in order to every task:
//   parallelize  tile the root over its outer parallel loops (scf.forall ->
//                OpenMP), fusing every other op of the task into the tiles;
//   tiling       per op class: cache-level reduction tiling and a register
//                tile for contractions; unit kh/oh tiles for convolutions
//                and poolings;
//                row / column tiles for reductions and elementwise ops;
//   companions   fills and epilogues take the register tile of the anchor's
//                output, so they vectorize along with it;
//   decompose    2-D convolutions and poolings become 1-D ones;
//   vectorize    with the contraction lowering strategy as a decision;
//   hoist        accumulators stay in registers across reduction loops;
//   unroll       optional unrolling of the innermost reduction loop;
//   pack_weights grouped convolutions: weights relaid out with the output
//                channels innermost (three samples in four);
//   tile_reduction row reductions: whole rows accumulated into 1, 2 or 4
//                vectors of partial sums (three samples in four);
//   pack_b       matmuls of a model's weights reading B as K x N rows: the
//                schedule's reads of B pointed at a copy packed as panels
//                of the register tile's columns, made once per model (one
//                sample in two);
//   winograd     3x3 stride-1 f32 convolutions as F(2x2, 3x3) or F(4x4,
//                3x3) (one sample in four each), the rules above then
//                applied to the batch matmul of the transformed tiles.
//
//===----------------------------------------------------------------------===//

#include "cwm/SearchSpace/SearchSpace.h"

#include "RuleSearchSpace.h"

#include "cwm/Schedule/Validity.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

namespace cwm {

SearchSpace::~SearchSpace() = default;

std::optional<Trace> SearchSpace::crossover(const TaskInfo &task,
                                            const Trace &a, const Trace &b,
                                            std::mt19937_64 &rng) const {
  const std::vector<int64_t> &left = a.getChoices(), &right = b.getChoices();
  if (left.empty() || right.empty())
    return std::nullopt;
  std::vector<int64_t> choices(std::max(left.size(), right.size()));
  std::bernoulli_distribution coin(0.5);
  for (size_t i = 0; i < choices.size(); ++i) {
    bool fromLeft = i >= right.size() || (i < left.size() && coin(rng));
    choices[i] = fromLeft ? left[i] : right[i];
  }
  return replay(task, std::move(choices), rng);
}

int64_t Sampler::choose(llvm::ArrayRef<int64_t> candidates) {
  assert(!candidates.empty() && "a rule offered no choice");
  if (candidates.empty())
    return 0;
  size_t position = choices.size();
  int64_t index;
  if (position < guide.size()) {
    // The nearest candidate: by ratio between positive values (sizes), by
    // difference otherwise (flags, enumerations); the first of equals.
    int64_t want = guide[position];
    auto distance = [&](int64_t candidate) {
      if (candidate > 0 && want > 0)
        return std::abs(std::log(double(candidate) / double(want)));
      return 1e6 + std::abs(double(candidate) - double(want));
    };
    index = 0;
    for (size_t i = 1; i < candidates.size(); ++i)
      if (distance(candidates[i]) < distance(candidates[index]))
        index = int64_t(i);
  } else if (position < replay.size())
    index = replay[position] % int64_t(candidates.size());
  else
    index = std::uniform_int_distribution<int64_t>(
        0, int64_t(candidates.size()) - 1)(rng);
  if (index < 0)
    index += candidates.size();
  choices.push_back(index);
  values.push_back(candidates[index]);
  return candidates[index];
}

namespace {

class CpuSearchSpace final : public RuleSearchSpace {
public:
  explicit CpuSearchSpace(CpuSpaceOptions options) : options(options) {}

protected:
  /// The minimal schedule: parallelize only.
  Trace fallback(const TaskInfo &task, Sampler &sampler) const override {
    Trace minimal;
    addParallelize(task, sampler, minimal);
    return minimal;
  }

private:

  static Action tile(int64_t target, std::vector<int64_t> sizes) {
    Action action = makeAction(ActionKind::Tile, target);
    action.decisions["sizes"] = Decision(std::move(sizes));
    return action;
  }

  /// Contractions, convolutions and pooling get addContractionSchedule's
  /// register tile; everything else addGenericSchedule's row and column
  /// tiles.
  static bool takesContractionSchedule(const TaskInfo &task) {
    return task.opClass != OpClass::Elementwise &&
           (task.opClass != OpClass::Reduction || task.anchorIsPooling());
  }

  /// The root's loop the register tile vectorizes along, where the last
  /// loop is not it: a contraction's or pooling's last parallel loop (a
  /// matmul's n, a convolution's filters, a depthwise conv's channels) when
  /// the root is the anchor itself; -1 otherwise (an elementwise root ends
  /// in the output's last dim, which the innermost rule covers).
  static int64_t vectorizedLoop(const TaskInfo &task) {
    const TaskOp &root = task.rootOp();
    if (!takesContractionSchedule(task) || task.root != task.anchor ||
        root.loops.empty() || !root.loops.back().reduction)
      return -1;
    for (int64_t loop = int64_t(root.loops.size()) - 1; loop >= 0; --loop)
      if (!root.loops[loop].reduction)
        return loop;
    return -1;
  }

  /// Tiles the root over its parallel loops into at least `threads` pieces
  /// where possible. Returns the root's tile sizes (0 = untiled).
  std::vector<int64_t> addParallelize(const TaskInfo &task, Sampler &sampler,
                                      Trace &trace) const {
    const TaskOp &root = task.rootOp();
    std::vector<int64_t> sizes(root.loops.size(), 0);
    int64_t pieces = 1;
    int64_t vectorLoop = vectorizedLoop(task);
    // Split the outer parallel loops first; stop once there is enough
    // parallel work (up to 8 tasks per thread for load balance).
    for (auto [loop, info] : llvm::enumerate(root.loops)) {
      if (info.reduction || info.extent == 1)
        continue;
      bool innermost = loop + 1 == root.loops.size();
      int64_t lo = innermost ? std::min<int64_t>(info.extent, 16) : 1;
      std::vector<int64_t> candidates = divisors(info.extent, lo, 512);
      // The vectorized output loop of a contraction (its last parallel
      // loop when the reduction comes last) is never cut into single
      // iterations where a larger piece divides it: the register tile over
      // it would be empty and the vector built across the other loops. In
      // the CPU training data (38,770 measured candidates, 1,382 workload
      // and machine pairs; bench/audit_vector_tiles.py) 820 of the 1,055
      // such candidates ran over 5x their workload's best, 149 over 50x
      // (the twentieth session measured Winograd batch matmuls at up to
      // 13,600x), and removing them takes no pair's best; a piece of 1
      // stays where the extent is prime (a GEMV's 2897 columns).
      if (int64_t(loop) == vectorLoop &&
          llvm::any_of(candidates, [&](int64_t size) {
            return size > 1 && size < info.extent;
          }))
        llvm::erase(candidates, 1);
      if (pieces >= options.threads)
        candidates.push_back(info.extent); // leave it whole
      int64_t size = sampler.choose(candidates);
      if (size < info.extent) {
        sizes[loop] = size;
        pieces *= info.extent / size;
      } else if (pieces < options.threads && !innermost) {
        sizes[loop] = size; // tile of the full extent: keep the loop whole
      }
      if (pieces >= 8 * options.threads)
        break;
    }
    if (llvm::all_of(sizes, [](int64_t s) { return s == 0; })) {
      // Nothing to split: make one whole tile so the task still runs in a
      // (single-iteration) parallel region.
      for (auto [loop, info] : llvm::enumerate(root.loops))
        if (!info.reduction) {
          sizes[loop] = info.extent;
          break;
        }
    }
    Action action = makeAction(ActionKind::Parallelize, task.root);
    action.decisions["sizes"] = Decision(sizes);
    trace.push_back(action);
    return sizes;
  }

  /// Register tile of an op's output dims, mapped from `anchorSizes` through
  /// the anchor's output loops; for a companion (fill, epilogue) whose loops
  /// index the output directly.
  static std::vector<int64_t> companionSizes(const TaskInfo &task,
                                             const TaskOp &companion,
                                             llvm::ArrayRef<int64_t> anchorSizes) {
    const TaskOp &anchor = task.anchorOp();
    std::vector<int64_t> sizes(companion.loops.size(), 0);
    for (auto [dim, loop] : llvm::enumerate(companion.outputLoops)) {
      if (loop < 0 || dim >= anchor.outputLoops.size())
        continue;
      int64_t anchorLoop = anchor.outputLoops[dim];
      if (anchorLoop >= 0 && anchorLoop < int64_t(anchorSizes.size()))
        sizes[loop] = anchorSizes[anchorLoop];
    }
    return sizes;
  }

  /// Tiles, vectorizes and hoists the anchor of a contraction or a 2-D
  /// convolution; `shape` is its iteration space after parallelization.
  void addContractionSchedule(const TaskInfo &task, Sampler &sampler,
                              Trace &trace,
                              const std::vector<int64_t> &shape) const {
    const TaskOp &anchor = task.anchorOp();
    int64_t lanes = options.vectorLanes;
    std::vector<int64_t> registerSizes(shape.size(), 0);
    // The tile of the fill and the epilogue, where not the register tile
    // (empty): a padded register tile's are the largest that divide.
    std::vector<int64_t> companionTile;
    bool isGroupConv = task.opClass == OpClass::GroupConv2D;
    bool isPooling = task.anchorIsPooling();
    bool isConv = task.opClass == OpClass::Conv2D ||
                  task.opClass == OpClass::Depthwise2D || isGroupConv ||
                  isPooling;
    if (task.opClass == OpClass::Matmul ||
        task.opClass == OpClass::BatchMatmul) {
      size_t m = shape.size() - 3, n = m + 1, k = m + 2;
      // Cache tile of the reduction (0 = keep K whole).
      std::vector<int64_t> kCandidates = divisors(shape[k], 32, 512);
      kCandidates.push_back(0);
      int64_t kc = sampler.choose(kCandidates);
      if (kc > 0 && kc < shape[k]) {
        std::vector<int64_t> sizes(shape.size(), 0);
        sizes[k] = kc;
        trace.push_back(tile(anchor.index, sizes));
      }
      for (size_t b = 0; b < m; ++b)
        registerSizes[b] = 1;
      std::vector<int64_t> rows = divisors(shape[m], 1, 16);
      std::vector<int64_t> columns =
          divisors(shape[n], lanes, 4 * lanes, lanes);
      // Register tiles that do not divide the extents, padded to full tiles
      // (`pad` after the row and column tile, before the k loop): where the
      // rows have no divisor from 4 to 16 (a prime 233) or the columns no
      // multiple of the vector (1000 with 16 lanes), the dividing tiles are
      // single rows or odd-width vectors. Each tile copies its rows of A
      // (1 / (2 x columns) of its multiply-adds) and its accumulator.
      if (options.raggedTiles && task.opClass == OpClass::Matmul) {
        if (shape[m] > 8 && rows.back() < 4)
          llvm::append_range(rows, std::vector<int64_t>{4, 8});
        if (shape[n] > lanes && columns.back() % lanes != 0)
          for (int64_t vectors : {1, 2})
            if (vectors * lanes < shape[n])
              columns.push_back(vectors * lanes);
      }
      registerSizes[m] = sampler.choose(rows);
      registerSizes[n] = sampler.choose(columns);
      registerSizes[k] = 1;
      if (shape[m] % registerSizes[m] != 0 ||
          shape[n] % registerSizes[n] != 0) {
        std::vector<int64_t> outer(shape.size(), 0);
        outer[m] = registerSizes[m];
        outer[n] = registerSizes[n];
        trace.push_back(tile(anchor.index, outer));
        trace.push_back(makeAction(ActionKind::Pad, anchor.index));
        // The fill and the epilogue are not padded: their tiles are the
        // largest that divide, up to the padded tile's.
        companionTile = outer;
        companionTile[m] = divisors(shape[m], 1, outer[m]).back();
        companionTile[n] = divisors(shape[n], 1, outer[n]).back();
        registerSizes = std::vector<int64_t>(shape.size(), 0);
        registerSizes[k] = 1;
      }
    } else if (task.opClass == OpClass::Conv2D) {
      // Loops: n, oh, ow, f, kh, kw, c.
      registerSizes = {1, 1, 0, 0, 1, 0, 0};
      registerSizes[2] = sampler.choose(divisors(shape[2], 1, 16));
      registerSizes[3] = sampler.choose(divisors(shape[3], lanes, 4 * lanes, lanes));
      registerSizes[5] = sampler.choose({0, 1});
      registerSizes[6] = sampler.choose(divisors(shape[6], 1, 64));
    } else if (task.opClass == OpClass::Depthwise2D || isPooling) {
      // Loops: n, oh, ow, c, kh, kw.
      registerSizes = {1, 1, 0, 0, 1, 0};
      registerSizes[2] = sampler.choose(divisors(shape[2], 1, 16));
      registerSizes[3] = sampler.choose(divisors(shape[3], lanes, 4 * lanes, lanes));
      registerSizes[5] = sampler.choose({0, 1});
    } else if (isGroupConv) {
      // Loops: n, oh, ow, g, f, kh, kw, c. Unit group, row and window tiles
      // leave an (ow x f x c) contraction once the unit loops are dropped.
      registerSizes = {1, 1, 0, 1, 0, 1, 1, 0};
      int64_t strideW = task.strides.size() == 2 ? task.strides[1] : 1;
      registerSizes[2] =
          strideW == 1 ? sampler.choose(divisors(shape[2], 1, 16)) : 1;
      registerSizes[4] = sampler.choose(divisors(shape[4], lanes, 4 * lanes, lanes));
      // At least 4 input channels a loop trip (fewer where the group has
      // fewer): since drop_unit_dims contractions lower to broadcast FMAs,
      // tiles of 1 or 2 ran 1.6-3.6x slower than tiles of 8-32 on every
      // ow x f tile tried (group_conv_56x56x128_g4_k3, packed weights,
      // 2026-12-06). (With ow and c tiles of 1 nothing was left to contract
      // over a vector and the lowering left casts LLVM cannot translate.)
      registerSizes[7] = sampler.choose(
          divisors(shape[7], std::min<int64_t>(shape[7], 4), 64));
    }
    // Never tile a loop to more than its (parallelized) extent.
    for (auto [loop, size] : llvm::enumerate(registerSizes))
      if (size >= shape[loop] && size != 0 && shape[loop] == 1)
        size = 0;
    trace.push_back(tile(anchor.index, registerSizes));
    // Companions: the fill of the accumulator and an elementwise epilogue.
    for (const TaskOp &op : task.ops) {
      if (op.index == anchor.index || op.loops.empty() || op.isPad)
        continue;
      bool companion = op.isFill || (op.index == task.root && op.elementwise);
      if (!companion)
        continue;
      std::vector<int64_t> sizes = companionSizes(
          task, op, companionTile.empty() ? registerSizes : companionTile);
      if (llvm::any_of(sizes, [](int64_t s) { return s != 0; }))
        trace.push_back(tile(op.index, sizes));
    }
    // Unit loops of the register tile (a group conv's group, row and window;
    // a batch matmul's batch) dropped, so that the tile contracts like a
    // plain matmul: bmm_12x128x128x64 ran 148-171 us with it against 325 us
    // for the 64-trial search's best without it, re-timed together
    // (2026-12-06, a 2-core AMD EPYC VM). Not for a batch matmul fused into
    // the loops of another op's parallelization (an attention block's
    // transpose), where the rewrite does not apply.
    bool anchorParallelized = llvm::none_of(
        trace.getActions(), [&](const Action &action) {
          return action.kind == ActionKind::Parallelize &&
                 action.target != anchor.index;
        });
    if (isGroupConv ||
        (task.opClass == OpClass::BatchMatmul && anchorParallelized))
      trace.push_back(makeAction(ActionKind::DropUnitDims, anchor.index));
    else if (isConv)
      trace.push_back(makeAction(ActionKind::Decompose, anchor.index));
    Action vectorize = makeAction(ActionKind::Vectorize, anchor.index);
    vectorize.decisions["contraction"] = Decision(
        sampler.choose({0, 0, 0, 1}) == 0 ? "outerproduct" : "parallelarith");
    trace.push_back(vectorize);
    for (const Action &action : std::vector<Action>(trace.getActions()))
      if (action.kind == ActionKind::Tile && action.target != anchor.index)
        trace.push_back(makeAction(ActionKind::Vectorize, action.target));
    trace.push_back(makeAction(ActionKind::Hoist, anchor.index));
    int64_t unroll = sampler.choose({0, 0, 2, 4});
    if (unroll > 0 && !isConv) {
      Action action = makeAction(ActionKind::Unroll, anchor.index);
      action.decisions["factor"] = Decision(unroll);
      trace.push_back(action);
    }
  }

  /// Row/column tiles and vectorization for reductions, elementwise ops and
  /// anything without a dedicated rule.
  void addGenericSchedule(const TaskInfo &task, Sampler &sampler, Trace &trace,
                          const std::vector<std::vector<int64_t>> &shapes) const {
    int64_t lanes = options.vectorLanes;
    int64_t rows = sampler.choose({1, 2, 4, 8});
    int64_t chunk = sampler.choose({lanes, 4 * lanes, 16 * lanes, 64 * lanes});
    std::vector<int64_t> vectorized;
    for (const TaskOp &op : task.ops) {
      if (op.loops.empty() || op.isPad)
        continue;
      const std::vector<int64_t> &shape = shapes[op.index];
      std::vector<int64_t> sizes(shape.size(), 0);
      int64_t last = int64_t(shape.size()) - 1;
      for (int64_t loop = 0; loop <= last; ++loop) {
        if (loop == last)
          sizes[loop] = divisors(shape[loop], 1, chunk).back();
        else
          sizes[loop] = divisors(shape[loop], 1, rows).back();
      }
      // Tiles equal to the extent of a size-1 loop add nothing.
      for (auto [loop, size] : llvm::enumerate(sizes))
        if (shape[loop] == 1)
          size = 0;
      if (llvm::any_of(sizes, [](int64_t s) { return s != 0; }))
        trace.push_back(tile(op.index, sizes));
      vectorized.push_back(op.index);
    }
    bool vectorize = sampler.choose({1, 1, 1, 0}) == 1;
    if (vectorize && options.tileReduction)
      addTileReductions(task, sampler, trace, shapes);
    if (vectorize)
      for (int64_t index : vectorized)
        trace.push_back(makeAction(ActionKind::Vectorize, index));
  }

  /// Row reductions whose rows the tiles above cut into chunks (one
  /// horizontal reduction per chunk and row) may instead keep each row
  /// whole and accumulate it into partial sums of 1, 2 or 4 vectors
  /// (tile_reduction); drawn after the other choices, so those replay as
  /// before.
  void
  addTileReductions(const TaskInfo &task, Sampler &sampler, Trace &trace,
                    const std::vector<std::vector<int64_t>> &shapes) const {
    int64_t lanes = options.vectorLanes;
    std::vector<Action> &actions = trace.getMutableActions();
    for (const TaskOp &op : task.ops) {
      if (op.loops.empty() || op.isPad || !op.loops.back().reduction ||
          llvm::count_if(op.loops, [](const LoopInfo &loop) {
            return loop.reduction;
          }) != 1)
        continue;
      int64_t row = shapes[op.index].back();
      int64_t split = sampler.choose({0, lanes, 2 * lanes, 4 * lanes});
      if (split == 0 || split >= row || row % split != 0)
        continue;
      // The op's tile keeps the row whole.
      auto tile = llvm::find_if(actions, [&](const Action &action) {
        return action.kind == ActionKind::Tile && action.target == op.index;
      });
      size_t position = actions.size();
      if (tile != actions.end()) {
        std::vector<int64_t> sizes = tile->getList("sizes");
        sizes.back() = 0;
        if (llvm::all_of(sizes, [](int64_t size) { return size == 0; })) {
          position = tile - actions.begin();
          actions.erase(tile);
        } else {
          tile->decisions["sizes"] = Decision(sizes);
          position = tile - actions.begin() + 1;
        }
      }
      Action action = makeAction(ActionKind::TileReduction, op.index);
      action.decisions["lanes"] = Decision(split);
      actions.insert(actions.begin() + position, action);
    }
  }

  Trace build(const TaskInfo &task, Sampler &sampler) const override {
    Trace trace;
    addParallelize(task, sampler, trace);
    std::vector<std::vector<int64_t>> shapes = tiledShapes(trace, task);
    if (takesContractionSchedule(task))
      addContractionSchedule(task, sampler, trace, shapes[task.anchor]);
    else
      addGenericSchedule(task, sampler, trace, shapes);
    // B read from packed panels, drawn after the other choices so that they
    // replay as before; it rewrites the vectorized anchor's reads, last.
    // Only where B is a model's weight, packed once per model: packed at
    // every call it gained 3-14% on 1024^3 and 128 x 3072 x 768 but lost on
    // two held-out dense layers of 64 and 256 rows, where the shipped model
    // (which cannot tell pack_b apart) also spent 16-31 of 32 trials on it
    // (docs/status.md, twenty-seventh session).
    if (options.packB && task.anchorInputIsWeight(1) &&
        packBUnsupportedReason(task).empty() &&
        llvm::none_of(trace.getActions(),
                      [](const Action &action) {
                        return action.kind == ActionKind::Pad;
                      }) &&
        llvm::any_of(trace.getActions(),
                     [&](const Action &action) {
                       return action.kind == ActionKind::Vectorize &&
                              action.target == task.anchor;
                     }) &&
        sampler.choose({0, 1}) == 1)
      trace.push_back(makeAction(ActionKind::PackB, task.anchor));
    // The weight layout of a grouped convolution, drawn last so that the
    // other choices replay as before; the action leads the trace.
    if (options.packWeights && packWeightsUnsupportedReason(task).empty() &&
        sampler.choose({0, 1, 1, 1}) == 1) {
      std::vector<Action> actions = {
          makeAction(ActionKind::PackWeights, task.anchor)};
      llvm::append_range(actions, trace.getActions());
      return Trace(std::move(actions));
    }
    // Winograd, drawn last for the same reason; the actions after it
    // schedule the batch matmul of the transformed tiles (winogradTask).
    if (options.winograd && task.opClass == OpClass::Conv2D) {
      int64_t tile = sampler.choose({0, 0, 2, 4});
      if (tile != 0 && winogradUnsupportedReason(task, tile).empty()) {
        Action winograd = makeAction(ActionKind::Winograd, task.anchor);
        winograd.decisions["tile"] = Decision(tile);
        std::vector<Action> actions = {winograd};
        llvm::append_range(actions,
                           build(winogradTask(task, tile), sampler).getActions());
        return Trace(std::move(actions));
      }
    }
    return trace;
  }

  /// pack_weights, pack_b, tile_reduction, pad, winograd (each tile size): a
  /// model trained before them cannot tell them apart, so one of each is
  /// measured in a workload's first round. On a convolution Winograd can take,
  /// the schedules without it are a family too ("direct"): a model that ranks
  /// every Winograd candidate first (it sees the batch matmul's 2.25x fewer
  /// flops, not the transforms' traffic) would otherwise never measure a
  /// direct one, and online learning could not correct it
  /// (conv3x3_7x7x512x512, 2026-12-06: 32 of 32 trials Winograd, 1.35x
  /// slower than the direct schedules the one-first searches found).
  llvm::StringRef mustTryFamily(const TaskInfo &task,
                                const Trace &trace) const override {
    for (const Action &action : trace.getActions()) {
      if (action.kind == ActionKind::PackWeights ||
          action.kind == ActionKind::PackB ||
          action.kind == ActionKind::TileReduction ||
          action.kind == ActionKind::Pad)
        return stringifyActionKind(action.kind);
      if (action.kind == ActionKind::Winograd)
        return action.getInt("tile", 0) == 2 ? "winograd F(2x2, 3x3)"
                                             : "winograd F(4x4, 3x3)";
    }
    if (options.directFamily && takesWinograd(task))
      return "direct";
    return "";
  }

  /// Five of each Winograd tile size and of the direct schedules beside
  /// them: whether Winograd wins hangs on the batch matmul's schedule,
  /// which shipped models rank poorly (nothing was trained on it), and one
  /// or two slow members made the online correction drop the family for
  /// good. On conv3x3-v1 (ten 3x3 convs x 3 seeds, 32 trials, re-timed
  /// together; docs/world-model.md) 1, 2, 3 and 5 Winograd members reached
  /// 0.64, 0.73, 0.72 and 0.80 of the best known.
  int64_t mustTryMembers(llvm::StringRef family) const override {
    return family.starts_with("winograd") || family == "direct" ? 5 : 1;
  }

  /// Whether the rules draw Winograd for `task` (some tile size fits).
  bool takesWinograd(const TaskInfo &task) const {
    return options.winograd && task.opClass == OpClass::Conv2D &&
           (winogradUnsupportedReason(task, 2).empty() ||
            winogradUnsupportedReason(task, 4).empty());
  }

  CpuSpaceOptions options;
};
} // namespace

std::unique_ptr<SearchSpace> createCpuSearchSpace(CpuSpaceOptions options) {
  return std::make_unique<CpuSearchSpace>(options);
}

} // namespace cwm
