//===- CudaSearchSpace.cpp - Rules that sample GPU schedules --------------===//
//
// First GPU rules (docs/schedules.md): a block tile over up to three parallel
// output loops of the root (innermost first), each thread's tile inside it
// with a legal thread count, every op of the task mapped to threads
// through the output dimensions it shares with the root, and optionally the
// thread tiles vectorized (contractions after a short reduction tile).
// Reduction loops stay sequential in each thread; a matmul's input slices
// can be staged in shared memory (promote). A matmul with f16 inputs can
// run on tensor cores instead (promote + mma: warp tiles of mma.sync), and
// a convolution as per-thread contractions over one window tap at a time
// (buildWindowed). A matmul with a small output and a long reduction is
// split (split_k) half of the time, the rest of its trace built for the
// main grid's view of the task (splitKTask).
//
//===----------------------------------------------------------------------===//

#include "cwm/SearchSpace/SearchSpace.h"

#include "RuleSearchSpace.h"

#include <algorithm>
#include <numeric>

namespace cwm {

namespace {

class CudaSearchSpace final : public RuleSearchSpace {
public:
  explicit CudaSearchSpace(CudaSpaceOptions options) : options(options) {}

protected:
  Trace build(const TaskInfo &task, Sampler &sampler) const override {
    // Hopper's warpgroup MMA where the task allows it, half of the time.
    std::vector<WgmmaConfig> configs = wgmmaConfigs(task);
    if (!configs.empty() && sampler.choose({0, 1}) == 1) {
      std::vector<int64_t> indices(configs.size());
      std::iota(indices.begin(), indices.end(), 0);
      const WgmmaConfig &config = configs[sampler.choose(indices)];
      Action wgmma = makeAction(ActionKind::Wgmma, task.anchor);
      wgmma.decisions["stages"] = Decision(config.stages);
      wgmma.decisions["n"] = Decision(config.blockN);
      wgmma.decisions["warpgroups"] = Decision(config.warpgroups);
      wgmma.decisions["producer"] = Decision(config.producer);
      wgmma.decisions["raster"] = Decision(config.raster);
      Trace trace;
      trace.push_back(wgmma);
      return trace;
    }
    // The CUDA-core f32 GEMM kernel where the task allows it, half of the
    // time.
    std::vector<SimtGemmConfig> simt = simtGemmConfigs(task);
    if (!simt.empty() && sampler.choose({0, 1}) == 1) {
      std::vector<int64_t> indices(simt.size());
      std::iota(indices.begin(), indices.end(), 0);
      const SimtGemmConfig &config = simt[sampler.choose(indices)];
      Action gemm = makeAction(ActionKind::SimtGemm, task.anchor);
      gemm.decisions["bm"] = Decision(config.bm);
      gemm.decisions["bn"] = Decision(config.bn);
      gemm.decisions["bk"] = Decision(config.bk);
      if (config.split > 1)
        gemm.decisions["split"] = Decision(config.split);
      Trace trace;
      trace.push_back(gemm);
      return trace;
    }
    // Split-K where the output alone gives few blocks, half of the time:
    // the rest of the trace schedules the main grid's view of the task.
    std::vector<int64_t> factors = splitFactors(task);
    if (!factors.empty() && sampler.choose({0, 1}) == 1) {
      int64_t factor = sampler.choose(factors);
      Action split = makeAction(ActionKind::SplitK, task.anchor);
      split.decisions["factor"] = Decision(factor);
      Trace trace;
      trace.push_back(split);
      Trace mainGrid = buildUnsplit(splitKTask(task, factor), sampler);
      for (const Action &action : mainGrid.getActions())
        trace.push_back(action);
      return trace;
    }
    return buildUnsplit(task, sampler);
  }

  /// Split factors worth sampling: an output of at most kSplitKMaxOutput
  /// elements (at most a few hundred blocks of 32 x 32) with a reduction of
  /// at least 256, split into slices of at least 64.
  static std::vector<int64_t> splitFactors(const TaskInfo &task) {
    std::vector<int64_t> factors;
    if (task.opClass != OpClass::Matmul ||
        task.anchorOp().loops.size() != 3)
      return factors;
    const std::vector<LoopInfo> &loops = task.anchorOp().loops;
    int64_t k = loops[2].extent;
    if (loops[0].extent * loops[1].extent > kSplitKMaxOutput || k < 256)
      return factors;
    for (int64_t factor = 2; factor <= 16 && k / factor >= 64; factor *= 2)
      if (splitKUnsupportedReason(task, factor).empty())
        factors.push_back(factor);
    return factors;
  }

  /// `trace` with another split (0: none) and the same main-grid
  /// schedule, if the checks accept it; its choices are recorded when they
  /// replay to it (not for traces sampled before split_k existed).
  std::optional<Trace> resplit(const TaskInfo &task, const Trace &trace,
                               std::vector<int64_t> factors,
                               std::mt19937_64 &rng) const {
    llvm::ArrayRef<Action> actions = trace.getActions();
    bool split = !actions.empty() && actions[0].kind == ActionKind::SplitK;
    int64_t current = split ? actions[0].getInt("factor", 0) : 0;
    llvm::ArrayRef<Action> mainGrid = split ? actions.drop_front() : actions;
    // Choices after the split's own (a coin, then the factor if split).
    std::vector<int64_t> rest = trace.getChoices();
    size_t prefix = split ? 2 : 1;
    if (rest.size() < prefix)
      rest.clear();
    else
      rest.erase(rest.begin(), rest.begin() + prefix);
    std::vector<int64_t> tried = factors; // the rules' order, for the choice
    tried.push_back(0);
    std::shuffle(tried.begin(), tried.end(), rng);
    for (int64_t factor : tried) {
      if (factor == current)
        continue;
      Trace variant;
      std::vector<int64_t> choices;
      if (factor > 0) {
        Action action = makeAction(ActionKind::SplitK, task.anchor);
        action.decisions["factor"] = Decision(factor);
        variant.push_back(action);
        choices = {1, int64_t(llvm::find(factors, factor) - factors.begin())};
      } else {
        choices = {0};
      }
      if (factor > 0 && !split)
        for (const Action &action : mainGrid) {
          if (std::optional<Action> kept = toMainGrid(task, action))
            variant.push_back(*kept);
        }
      else if (factor > 0 || !task.hasConsumer())
        for (const Action &action : mainGrid)
          variant.push_back(action);
      else
        continue; // the consumers' own actions would be missing
      if (llvm::Error error = checkTrace(variant, task)) {
        llvm::consumeError(std::move(error));
        continue;
      }
      choices.insert(choices.end(), rest.begin(), rest.end());
      Sampler sampler(rng, choices);
      if (!rest.empty() && build(task, sampler) == variant)
        variant.setChoices(sampler.getChoices());
      return variant;
    }
    return std::nullopt;
  }

  /// An unsplit schedule's action as the split main grid sees it: the
  /// consumers' actions dropped, the root's block tile moved onto the
  /// anchor's loops through the output dimensions they share.
  static std::optional<Action> toMainGrid(const TaskInfo &task,
                                          const Action &action) {
    if (action.kind == ActionKind::MapBlocks && action.target == task.root &&
        task.hasConsumer()) {
      const TaskOp &root = task.rootOp(), &anchor = task.anchorOp();
      std::vector<int64_t> rootSizes = action.getList("sizes");
      std::vector<int64_t> sizes(anchor.loops.size(), 0);
      for (size_t d = 0;
           d < anchor.outputLoops.size() && d < root.outputLoops.size(); ++d)
        if (anchor.outputLoops[d] >= 0 && root.outputLoops[d] >= 0 &&
            root.outputLoops[d] < int64_t(rootSizes.size()))
          sizes[anchor.outputLoops[d]] = rootSizes[root.outputLoops[d]];
      Action moved = makeAction(ActionKind::MapBlocks, task.anchor);
      moved.decisions["sizes"] = Decision(sizes);
      return moved;
    }
    if (action.target > task.anchor)
      return std::nullopt;
    return action;
  }

  Trace buildUnsplit(const TaskInfo &task, Sampler &sampler) const {
    // Tensor cores where the task allows them, most of the time.
    if (tensorCoreEligible(task) && sampler.choose({0, 1, 1, 1}) == 1)
      return buildTensorCore(task, sampler);
    if (distributedRowsEligible(task) && sampler.choose({0, 1}) == 1)
      return buildDistributedRows(task, sampler);
    if (windowedEligible(task) &&
        sampler.choose(windowedPreferred(task) ? std::vector<int64_t>{0, 1, 1, 1}
                                               : std::vector<int64_t>{0, 0, 0, 1}) == 1)
      return buildWindowed(task, sampler);
    const TaskOp &root = task.rootOp();
    const TaskOp &anchor = task.anchorOp();
    // The root's parallel loops that index its output, innermost last.
    std::vector<int64_t> mapped;
    for (int64_t loop : root.outputLoops)
      if (loop >= 0 && !root.loops[loop].reduction)
        mapped.push_back(loop);
    // A batch matmul whose result is written permuted ([m, b, n]: the
    // head merge folded into its map) keeps its batch loop outermost.
    if (task.opClass == OpClass::BatchMatmul && task.root == task.anchor)
      std::stable_partition(mapped.begin(), mapped.end(),
                            [](int64_t loop) { return loop == 0; });
    if (mapped.size() > 3)
      mapped.erase(mapped.begin(), mapped.end() - 3);
    std::vector<int64_t> blockTile(root.loops.size(), 0),
        threadTile(root.loops.size(), 0);
    // Innermost two mapped loops get real tiles; an outer third one (a
    // batch) is tiled by 1 (one block per batch element).
    int64_t threads = 1;
    for (size_t i = 0; i < mapped.size(); ++i) {
      int64_t loop = mapped[i];
      int64_t extent = root.loops[loop].extent;
      bool outer = mapped.size() == 3 && i == 0;
      // In a reduction task (softmax, norms) a loop that the anchor reduces
      // stays whole in each block: the fused reductions need whole rows, so
      // every op of the block then sees the same slice.
      bool whole = task.opClass == OpClass::Reduction &&
                   loop < int64_t(anchor.loops.size()) &&
                   anchor.loops[loop].reduction &&
                   anchor.loops[loop].extent == extent;
      int64_t block =
          outer   ? 1
          : whole ? extent
                  : sampler.choose(divisors(extent, 1, options.maxBlockTile));
      int64_t perThread =
          outer ? 1 : sampler.choose(divisors(block, 1, options.maxThreadTile));
      blockTile[loop] = block;
      threadTile[loop] = perThread;
      threads *= block / perThread;
    }
    Trace trace;
    Action blocks = makeAction(ActionKind::MapBlocks, task.root);
    blocks.decisions["sizes"] = Decision(blockTile);
    trace.push_back(blocks);
    // Optionally stage a matmul's input slices in shared memory (k-slices
    // copied by the whole block, then computed from there).
    int64_t reductionTile =
        anchor.loops.empty() ? 0 : anchor.loops.back().extent;
    bool promoted = false;
    // Transposed inputs read in place are always staged (their global
    // reads are strided along the thread tile; vectorizing them there blew
    // up the vector lowering).
    if ((task.opClass == OpClass::Matmul ||
         task.opClass == OpClass::BatchMatmul) &&
        (task.anchorReadsPermutedOperands() || sampler.choose({0, 1}) == 1)) {
      promoted = true;
      reductionTile = sampler.choose(divisors(reductionTile, 4, 32));
      Action promote = makeAction(ActionKind::Promote, task.anchor);
      promote.decisions["k"] = Decision(reductionTile);
      trace.push_back(promote);
    }
    // Every op through the output dimensions it shares with the root.
    std::vector<int64_t> tileOfOutputDim;
    for (int64_t loop : root.outputLoops)
      tileOfOutputDim.push_back(loop >= 0 ? threadTile[loop] : 0);
    appendMapThreads(task, tileOfOutputDim, trace);
    (void)threads; // checkTrace enforces the thread limit
    // Optionally vectorize each thread's tile (after a short tile of the
    // reduction loop of a contraction): FMAs on vectors, vector loads.
    int64_t threadElements = 1;
    for (int64_t size : threadTile)
      threadElements *= std::max<int64_t>(1, size);
    // A 1x1 thread tile has nothing to vectorize (and its degenerate vectors
    // do not lower to NVVM).
    // Convolutions vectorize once decomposed to 1-D: a unit tile of the
    // window rows (and optionally columns) and a short channel tile first.
    // Grouped, depthwise and strided ones stay scalar on this route (the
    // windowed route vectorizes them).
    // Reductions (softmax, norms) would vectorize whole rows per thread
    // (vectors of hundreds of lanes, unrolled for NVVM): they stay scalar
    // until cross-thread reductions exist.
    // (Depthwise and strided ones leave n-D casts NVVM cannot translate:
    // they stay scalar too.)
    bool convolution =
        task.opClass == OpClass::Conv2D &&
        llvm::all_of(task.strides, [](int64_t s) { return s == 1; });
    bool scalarOnly = task.opClass == OpClass::GroupConv2D ||
                      task.opClass == OpClass::Depthwise2D ||
                      (task.opClass == OpClass::Conv2D && !convolution) ||
                      task.opClass == OpClass::Reduction;
    // Staged inputs are always computed with vectors (unless the thread
    // tile is one element): a scalar thread tile would load and store its
    // accumulators in global memory at every k.
    if (threadElements > 1 && !scalarOnly &&
        (promoted || sampler.choose({0, 1}) == 1)) {
      if (task.opClass == OpClass::Matmul ||
          task.opClass == OpClass::BatchMatmul) {
        std::vector<int64_t> sizes(anchor.loops.size(), 0);
        sizes.back() = sampler.choose(divisors(reductionTile, 1, 8));
        Action tile = makeAction(ActionKind::Tile, anchor.index);
        tile.decisions["sizes"] = Decision(sizes);
        trace.push_back(tile);
      } else if (convolution) {
        // Loops: n, oh, ow, f, kh, kw, c (conv) or n, oh, ow, c, kh, kw
        // (depthwise); oh is a unit thread tile already.
        std::vector<int64_t> sizes(anchor.loops.size(), 0);
        sizes[4] = 1;
        sizes[5] = sampler.choose({0, 1});
        if (task.opClass == OpClass::Conv2D)
          sizes[6] = sampler.choose(divisors(anchor.loops[6].extent, 1, 32));
        Action tile = makeAction(ActionKind::Tile, anchor.index);
        tile.decisions["sizes"] = Decision(sizes);
        trace.push_back(tile);
        Action decompose = makeAction(ActionKind::Decompose, anchor.index);
        trace.push_back(decompose);
      }
      for (const TaskOp &op : llvm::reverse(task.ops)) {
        if (op.loops.empty() || task.ownsGpuGrid(op))
          continue;
        Action vectorize = makeAction(ActionKind::Vectorize, op.index);
        trace.push_back(vectorize);
      }
    }
    return trace;
  }

  /// For tasks split-K applies to, a third of the mutants keep the whole
  /// schedule and change only its split: a measured unsplit schedule split
  /// 2, 4 or 8 ways, a split one re-split or unsplit (choice replay cannot
  /// do that: it would redraw everything after the split's choices).
  std::optional<Trace> mutate(const TaskInfo &task, const Trace &trace,
                              std::mt19937_64 &rng) const override {
    std::vector<int64_t> factors = splitFactors(task);
    if (!factors.empty() &&
        std::uniform_int_distribution<int>(0, 2)(rng) == 0)
      if (std::optional<Trace> variant = resplit(task, trace, factors, rng))
        return variant;
    return RuleSearchSpace::mutate(task, trace, rng);
  }

  llvm::StringRef mustTryFamily(const TaskInfo &,
                                const Trace &trace) const override {
    if (trace.size() != 1 ||
        !isKernelTemplate(trace.getActions().front().kind))
      return "";
    return stringifyActionKind(trace.getActions().front().kind);
  }

  /// Eight wgmma kernels in a workload's first round, one of each other
  /// family. wgmma is the only way to Hopper's tensor-core peak for f16
  /// GEMMs (mma.sync stops near two thirds of it), its configurations differ
  /// by 15% or more (4096^3 on H100s, two calls: 220 us for stages 4, n 256,
  /// two warpgroups and a producer, 2026-12-06; 252 us for stages 2, n 128,
  /// one warpgroup, 2026-12-07), and the shipped
  /// CUDA model, trained on few of them, ranks mma.sync schedules first: with
  /// one member, the reference suite's f16 GEMM measured one wgmma kernel in
  /// 64 trials (2026-12-07, H100: 252 us, every one of the 63 mma.sync
  /// schedules 478 us or slower), and the second round's mutants of that
  /// best were never measured.
  int64_t mustTryMembers(llvm::StringRef family) const override {
    return family == stringifyActionKind(ActionKind::Wgmma) ? 8 : 1;
  }

  /// 16 draws failed the checks: thread tiles of 1 over blocks of at most
  /// 16 per mapped loop (at most 256 threads).
  Trace fallback(const TaskInfo &task, Sampler &sampler) const override {
    CudaSpaceOptions small = options;
    small.maxBlockTile = 16;
    small.maxThreadTile = 1;
    return CudaSearchSpace(small).buildUnsplit(task, sampler);
  }

private:
  /// The wgmma kernels (stages, block n, warpgroups, producer, raster)
  /// `task` allows (none: the task or the target does not allow wgmma).
  std::vector<WgmmaConfig> wgmmaConfigs(const TaskInfo &task) const {
    std::vector<WgmmaConfig> configs;
    if (!options.hopper)
      return configs;
    for (auto [blockN, warpgroups] :
         {std::pair<int64_t, int64_t>{128, 1}, {128, 2}, {256, 2}})
      for (int64_t s = kWgmmaMinStages; s <= kWgmmaMaxStages; ++s)
        for (int64_t producer : {0, 1})
          for (int64_t raster : kWgmmaRasterGroups) {
            WgmmaConfig config{s, blockN, warpgroups, producer, raster};
            if (wgmmaUnsupportedReason(task, config).empty())
              configs.push_back(config);
          }
    return configs;
  }

  /// The simt_gemm kernels (block tile, k-slice, split of k) `task`
  /// allows. k is split only where the output tiles alone make fewer than
  /// kSimtSplitBelowBlocks blocks, and into slices of at least 128.
  std::vector<SimtGemmConfig> simtGemmConfigs(const TaskInfo &task) const {
    std::vector<SimtGemmConfig> configs;
    if (!options.simtGemm)
      return configs;
    for (int64_t bm : {32, 64, 128})
      for (int64_t bn : {32, 64, 128})
        for (int64_t bk : {8, 16})
          for (int64_t split : {1, 2, 4, 8}) {
            SimtGemmConfig config{bm, bn, bk, split};
            // The rule's own limits first: cheap, and most splits fail them.
            if (split > 1 && !worthSplitting(task, config))
              continue;
            if (simtGemmUnsupportedReason(task, config).empty())
              configs.push_back(config);
          }
    return configs;
  }
  static constexpr int64_t kSimtSplitBelowBlocks = 264;

  static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
  /// A split of k for a GEMM whose output tiles make few blocks, into
  /// slices of at least 128.
  static bool worthSplitting(const TaskInfo &task,
                             const SimtGemmConfig &config) {
    std::optional<SimtGemmProblem> problem = simtGemmProblem(task);
    if (!problem)
      return false;
    int64_t blocks = ceilDiv(problem->m, config.bm) * (problem->n / config.bn);
    return blocks < kSimtSplitBelowBlocks && problem->k / config.split >= 128;
  }

  /// f32 matmuls round their inputs to tf32 on tensor cores: only when the
  /// user allows it (options.allowTf32).
  bool usesTf32(const TaskInfo &task) const {
    return options.allowTf32 && mmaTypesSupported(task, /*tf32=*/true);
  }

  /// A matmul or batch_matmul with f16 inputs (or f32 ones with tf32
  /// allowed), alone with its fills.
  bool tensorCoreEligible(const TaskInfo &task) const {
    if ((task.opClass != OpClass::Matmul &&
         task.opClass != OpClass::BatchMatmul) ||
        task.root != task.anchor || task.anchorReadsPermutedOperands() ||
        !(mmaTypesSupported(task, /*tf32=*/false) || usesTf32(task)))
      return false;
    return llvm::all_of(task.ops, [&](const TaskOp &op) {
      return op.index == task.anchor || op.loops.empty() ||
             op.isFill;
    });
  }

  /// Block tile (m multiple of 16, n of 32), k-slices staged (double-
  /// buffered) in shared memory, warp tiles of 16 to 64 per side (at most 16 warps), the fills
  /// spread over the same 32 x warps threads.
  Trace buildTensorCore(const TaskInfo &task, Sampler &sampler) const {
    const TaskOp &anchor = task.anchorOp();
    size_t rank = anchor.loops.size(); // [b,] m, n, k
    int64_t m = anchor.loops[rank - 3].extent,
            n = anchor.loops[rank - 2].extent,
            k = anchor.loops[rank - 1].extent;
    int64_t blockM = sampler.choose(powersOfTwoDividing(m, 16, 256));
    int64_t blockN = sampler.choose(powersOfTwoDividing(n, 32, 256));
    bool tf32 = usesTf32(task);
    int64_t width = elementTypeBytes(task.anchorInputType());
    std::vector<int64_t> slices;
    for (int64_t slice : powersOfTwoDividing(k, tf32 ? 8 : 16, 64))
      if (mmaStagingBytes(blockM, blockN, slice, width) <=
          kMaxStaticSharedBytes)
        slices.push_back(slice);
    if (slices.empty())
      slices.push_back(tf32 ? 8 : 16);
    int64_t slice = sampler.choose(slices);
    // Warp rows that leave some warp column within the warp limit.
    std::vector<int64_t> warpMs;
    for (int64_t w : powersOfTwoDividing(blockM, 16, 64))
      if ((blockM / w) * (blockN / std::min<int64_t>(64, blockN)) <=
          kMaxTensorCoreWarps)
        warpMs.push_back(w);
    if (warpMs.empty())
      warpMs.push_back(std::min<int64_t>(64, blockM));
    int64_t warpM = sampler.choose(warpMs);
    std::vector<int64_t> warpNs;
    for (int64_t w : powersOfTwoDividing(blockN, 16, 64)) {
      int64_t warps = (blockM / warpM) * (blockN / w);
      int64_t registers = warpM * w / 32 + kRegisterOverhead;
      if (warps <= kMaxTensorCoreWarps &&
          warpM * w / 32 <= kMaxMmaAccumulatorsPerThread &&
          registers * 32 * warps <= kRegistersPerBlock)
        warpNs.push_back(w);
    }
    if (warpNs.empty())
      warpNs.push_back(std::min<int64_t>(64, blockN));
    int64_t warpN = sampler.choose(warpNs);
    int64_t warps = (blockM / warpM) * (blockN / warpN);

    Trace trace;
    std::vector<int64_t> block(rank, 0), warp(rank, 0);
    if (rank == 4)
      block[0] = 1;
    block[rank - 3] = blockM;
    block[rank - 2] = blockN;
    warp[rank - 3] = warpM;
    warp[rank - 2] = warpN;
    Action blocks = makeAction(ActionKind::MapBlocks, task.root);
    blocks.decisions["sizes"] = Decision(block);
    trace.push_back(blocks);
    Action promote = makeAction(ActionKind::Promote, task.anchor);
    promote.decisions["k"] = Decision(slice);
    trace.push_back(promote);
    Action mma = makeAction(ActionKind::Mma, task.anchor);
    mma.decisions["warp"] = Decision(warp);
    if (tf32)
      mma.decisions["tf32"] = Decision(int64_t(1));
    trace.push_back(mma);
    // Fills: 32 threads along n (x), one row of threads per warp (y).
    for (const TaskOp &op : llvm::reverse(task.ops)) {
      if (op.index == task.anchor || op.loops.empty())
        continue;
      std::vector<int64_t> sizes(op.loops.size(), 0);
      size_t r = sizes.size(); // [b,] m, n
      if (r == 3)
        sizes[0] = 1;
      sizes[r - 2] = std::max<int64_t>(1, blockM / warps);
      sizes[r - 1] = blockN / 32;
      Action threads = makeAction(ActionKind::MapThreads, op.index);
      threads.decisions["sizes"] = Decision(sizes);
      trace.push_back(threads);
      Action vectorize = makeAction(ActionKind::Vectorize, op.index);
      trace.push_back(vectorize);
    }
    return trace;
  }

  /// A row reduction (softmax, norms) whose row is a multiple of a warp.
  static bool distributedRowsEligible(const TaskInfo &task) {
    if (task.opClass != OpClass::Reduction || task.anchorOp().loops.empty())
      return false;
    int64_t row = task.anchorOp().loops.back().extent;
    return task.anchorOp().loops.back().reduction && row % 32 == 0 &&
           task.rootOp().loops.size() <= 4;
  }

  /// One row per block, split cyclically over 32 to 1024 threads
  /// (distribute_rows; the reductions combine with gpu.all_reduce).
  Trace buildDistributedRows(const TaskInfo &task, Sampler &sampler) const {
    const TaskOp &root = task.rootOp();
    int64_t row = task.anchorOp().loops.back().extent;
    std::vector<int64_t> widths;
    for (int64_t w = 32; w <= std::min<int64_t>(row, kMaxThreadsPerBlock);
         w *= 2)
      if (row % w == 0)
        widths.push_back(w);
    std::vector<int64_t> block(root.loops.size(), 1);
    // An elementwise root walks the row in its last loop: keep it whole.
    if (block.size() > 1 && root.loops.back().extent == row)
      block.back() = 0;
    Trace trace;
    Action blocks = makeAction(ActionKind::MapBlocks, task.root);
    blocks.decisions["sizes"] = Decision(block);
    trace.push_back(blocks);
    Action distribute = makeAction(ActionKind::DistributeRows, task.root);
    distribute.decisions["threads"] = Decision(sampler.choose(widths));
    trace.push_back(distribute);
    return trace;
  }

  /// A 2-D (grouped, depthwise) convolution anchor with static windows.
  static bool windowedEligible(const TaskInfo &task) {
    return task.opClass == OpClass::GroupConv2D ||
           task.opClass == OpClass::Conv2D ||
           task.opClass == OpClass::Depthwise2D;
  }

  /// Grouped, strided and depthwise convolutions have no other vectorized
  /// route; stride-1 2-D convolutions also have the decomposed one.
  static bool windowedPreferred(const TaskInfo &task) {
    return task.opClass != OpClass::Conv2D ||
           llvm::any_of(task.strides, [](int64_t s) { return s != 1; });
  }

  /// Convolutions as small per-thread contractions: blocks over output
  /// rows, columns and channels (a grouped convolution: one group per
  /// block, all its filters), each thread a tile of one row, `tw` columns
  /// and `tx` channels; the window is walked one tap at a time (and the
  /// input channels `tc` at a time), so once its unit loops are dropped
  /// each step is an (ow x f x c) contraction on vectors, with the
  /// accumulators hoisted into registers.
  Trace buildWindowed(const TaskInfo &task, Sampler &sampler) const {
    const TaskOp &anchor = task.anchorOp();
    bool grouped = task.opClass == OpClass::GroupConv2D;
    bool depthwise = task.opClass == OpClass::Depthwise2D;
    // Output dimensions: n, oh, ow, [g,] f (or c for depthwise).
    size_t rank = grouped ? 5 : 4, lanes = rank - 1;
    // Anchor loops: the output dims first, then kh, kw[, c].
    auto extent = [&](size_t loop) { return anchor.loops[loop].extent; };
    int64_t strideW = task.strides.size() == 2 ? task.strides[1] : 1;
    std::vector<int64_t> block(rank, 0), thread(rank, 0);
    bool batched = extent(0) > 1;
    if (batched)
      block[0] = 1;
    block[1] = sampler.choose(divisors(extent(1), 1, 8));
    thread[1] = 1;
    int64_t blockW = extent(2);
    if (!batched) {
      blockW = sampler.choose(divisors(extent(2), 1, 32));
      block[2] = blockW;
    }
    int64_t tileW = strideW == 1 ? sampler.choose(divisors(blockW, 1, 4)) : 1;
    thread[2] = tileW;
    int64_t blockX = extent(lanes);
    if (grouped)
      block[3] = 1; // one group per block, all its filters
    else
      block[lanes] = blockX = sampler.choose(divisors(blockX, 4, 64));
    int64_t tileX = sampler.choose(divisors(blockX, 1, 8));
    thread[lanes] = tileX;
    // The input channels of each step (none for depthwise).
    int64_t channels = depthwise ? 1 : anchor.loops.back().extent;
    int64_t tileC = depthwise ? 1 : sampler.choose(divisors(channels, 1, 8));
    // Nothing left to vectorize: widen the channel tile.
    if (tileW * tileX * tileC == 1) {
      std::vector<int64_t> wider = divisors(blockX, 2, 8);
      if (wider.front() > 1)
        thread[lanes] = tileX = wider.front();
    }

    Trace trace;
    Action blocks = makeAction(ActionKind::MapBlocks, task.root);
    blocks.decisions["sizes"] = Decision(outputTileSizes(task.rootOp(), block));
    trace.push_back(blocks);
    appendMapThreads(task, thread, trace);
    // The window one tap at a time, the input channels tileC at a time.
    std::vector<int64_t> steps(anchor.loops.size(), 0);
    size_t kh = rank;
    steps[kh] = 1;
    steps[kh + 1] = 1;
    if (!depthwise && tileC < channels)
      steps.back() = tileC;
    Action tile = makeAction(ActionKind::Tile, anchor.index);
    tile.decisions["sizes"] = Decision(steps);
    trace.push_back(tile);
    trace.push_back(makeAction(ActionKind::DropUnitDims, anchor.index));
    trace.push_back(makeAction(ActionKind::Vectorize, anchor.index));
    trace.push_back(makeAction(ActionKind::Hoist, anchor.index));
    for (const TaskOp &op : llvm::reverse(task.ops))
      if (op.index != anchor.index && !op.loops.empty() &&
          !task.ownsGpuGrid(op))
        trace.push_back(makeAction(ActionKind::Vectorize, op.index));
    return trace;
  }

  /// Tile sizes over `op`'s loops from tiles per output dimension (0 for
  /// the op's reduction loops).
  static std::vector<int64_t>
  outputTileSizes(const TaskOp &op, const std::vector<int64_t> &tiles) {
    std::vector<int64_t> sizes(op.loops.size(), 0);
    for (auto [dim, loop] : llvm::enumerate(op.outputLoops))
      if (loop >= 0 && dim < tiles.size() && !op.loops[loop].reduction)
        sizes[loop] = tiles[dim];
    return sizes;
  }

  /// A map_threads for every op of the root's grid (last op first), each
  /// tiled through the output dimensions it shares with the root.
  static void appendMapThreads(const TaskInfo &task,
                               const std::vector<int64_t> &tileOfOutputDim,
                               Trace &trace) {
    for (const TaskOp &op : llvm::reverse(task.ops)) {
      if (op.loops.empty() || task.ownsGpuGrid(op))
        continue;
      Action action = makeAction(ActionKind::MapThreads, op.index);
      action.decisions["sizes"] =
          Decision(outputTileSizes(op, tileOfOutputDim));
      trace.push_back(action);
    }
  }

  /// Powers of two in [lo, hi] dividing n (falls back to divisors()).
  static std::vector<int64_t> powersOfTwoDividing(int64_t n, int64_t lo,
                                                  int64_t hi) {
    std::vector<int64_t> result;
    for (int64_t p = lo; p <= hi; p *= 2)
      if (n % p == 0)
        result.push_back(p);
    return result.empty() ? divisors(n, 1, hi) : result;
  }

  static constexpr int64_t kMaxTensorCoreWarps = 16;
  static constexpr int64_t kSplitKMaxOutput = 512 * 1024;

  CudaSpaceOptions options;
};

} // namespace

std::unique_ptr<SearchSpace> createCudaSearchSpace(CudaSpaceOptions options) {
  return std::make_unique<CudaSearchSpace>(options);
}

} // namespace cwm
