//===- CudaSearchSpaceTest.cpp - Sampled GPU schedules are valid ----------===//

#include "cwm/CostModel/Features.h"
#include "cwm/Schedule/Validity.h"
#include "cwm/SearchSpace/SearchSpace.h"

#include "gtest/gtest.h"

#include <set>

using namespace cwm;

namespace {

/// fill + (batch) matmul: loops [b?, m, n, k].
TaskInfo contraction(std::vector<int64_t> parallel, int64_t k) {
  TaskInfo task;
  task.opClass = parallel.size() == 3 ? OpClass::BatchMatmul : OpClass::Matmul;
  TaskOp fill;
  fill.index = 0;
  fill.isFill = fill.elementwise = true;
  TaskOp mm;
  mm.index = 1;
  for (auto [i, extent] : llvm::enumerate(parallel)) {
    fill.loops.push_back({extent, false});
    fill.outputLoops.push_back(i);
    mm.loops.push_back({extent, false});
    mm.outputLoops.push_back(i);
  }
  mm.loops.push_back({k, true});
  task.ops = {fill, mm};
  task.anchor = task.root = 1;
  return task;
}

/// A batch matmul with transposes folded into its maps (PermutedOperands.h):
/// a linalg.generic anchor over (b, m, n, k) reading its inputs through
/// `inputLoops`.
TaskInfo permutedBatchMatmul(std::vector<int64_t> parallel, int64_t k,
                             std::vector<std::vector<int64_t>> inputLoops) {
  TaskInfo task = contraction(parallel, k);
  task.ops[1].name = "linalg.generic";
  task.ops[1].inputLoops = std::move(inputLoops);
  return task;
}

/// The first action of a kind, or the end of the actions.
const Action *findAction(llvm::ArrayRef<Action> actions, ActionKind kind) {
  return llvm::find_if(
      actions, [&](const Action &action) { return action.kind == kind; });
}

/// A sample of `task` that passes the static checks (a failed check is
/// reported as a test failure).
Trace checkedSample(const SearchSpace &space, const TaskInfo &task,
                    std::mt19937_64 &rng) {
  Trace trace = space.sample(task, rng);
  llvm::Error error = checkTrace(trace, task);
  EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  return trace;
}

/// The generic schedules only (no simt_gemm kernel for f32 matmuls).
CudaSpaceOptions genericOnly() {
  CudaSpaceOptions options;
  options.simtGemm = false;
  return options;
}

TEST(CudaSearchSpaceTest, SamplesAndMutantsPassTheStaticChecks) {
  auto space = createCudaSearchSpace(genericOnly());
  std::mt19937_64 rng(5);
  for (TaskInfo task : {contraction({256, 512}, 128),
                        contraction({12, 128, 64}, 64),
                        contraction({96, 48}, 32)}) {
    int distinct = 0;
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
      Trace trace = space->sample(task, rng);
      ASSERT_FALSE(trace.empty());
      EXPECT_EQ(trace.getActions()[0].kind, ActionKind::MapBlocks);
      llvm::Error error = checkTrace(trace, task);
      EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
      distinct += seen.insert(trace.str()).second;
      if (std::optional<Trace> mutant = space->mutate(task, trace, rng)) {
        llvm::Error mutantError = checkTrace(*mutant, task);
        EXPECT_FALSE(static_cast<bool>(mutantError))
            << llvm::toString(std::move(mutantError));
      }
    }
    EXPECT_GT(distinct, 10); // the space is not one point
  }
}

TEST(CudaSearchSpaceTest, MatmulsAreSometimesStagedInSharedMemory) {
  auto space = createCudaSearchSpace(genericOnly());
  std::mt19937_64 rng(7);
  TaskInfo task = contraction({1024, 1024}, 1024);
  int promoted = 0;
  for (int i = 0; i < 100; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::ArrayRef<Action> actions = trace.getActions();
    const Action *promote = findAction(actions, ActionKind::Promote);
    if (promote == actions.end())
      continue;
    ++promoted;
    // Right after the block mapping, before any thread mapping; staged
    // thread tiles of more than one element are always vectorized (a 1x1
    // tile has nothing to vectorize).
    EXPECT_EQ(promote - actions.begin(), 1);
    int64_t k = promote->getInt("k", 0);
    EXPECT_TRUE(k >= 4 && k <= 32 && 1024 % k == 0) << k;
    int64_t elements = 1;
    for (int64_t size : actions[2].getList("sizes"))
      elements *= std::max<int64_t>(size, 1);
    bool vectorized = llvm::any_of(actions, [](const Action &action) {
      return action.kind == ActionKind::Vectorize;
    });
    EXPECT_EQ(vectorized, elements > 1) << trace.str();
  }
  EXPECT_GT(promoted, 20);
  EXPECT_LT(promoted, 80);
}

TEST(CudaSearchSpaceTest, F32MatmulsSampleTheSimtGemmKernel) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(13);
  TaskInfo task = contraction({1024, 512}, 256);
  task.elementType = "f32";
  int kernels = 0;
  std::set<std::string> configs;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    if (trace.getActions()[0].kind != ActionKind::SimtGemm)
      continue;
    ++kernels;
    EXPECT_EQ(trace.size(), 1u);
    EXPECT_EQ(space->mustTryFamily(task, trace), "simt_gemm");
    configs.insert(trace.str());
  }
  EXPECT_GT(kernels, 60);
  EXPECT_LT(kernels, 140);
  EXPECT_GE(configs.size(), 12u); // 8 block tiles x 2 k-slices, all fit
  // Ragged edges are masked: m = 100 and n = 200 take it too.
  TaskInfo ragged = contraction({100, 200}, 256);
  ragged.elementType = "f32";
  int raggedKernels = 0;
  for (int i = 0; i < 50; ++i) {
    Trace trace = space->sample(ragged, rng);
    llvm::Error error = checkTrace(trace, ragged);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    raggedKernels += trace.getActions()[0].kind == ActionKind::SimtGemm;
  }
  EXPECT_GT(raggedKernels, 10);
  // n no multiple of 4 (the kernel stores quads), a batch matmul, f16
  // inputs: never.
  for (TaskInfo other : {contraction({100, 510}, 256),
                         contraction({12, 128, 64}, 64),
                         [] {
                           TaskInfo half = contraction({1024, 512}, 256);
                           half.inputElementType = "f16";
                           return half;
                         }()}) {
    other.elementType = "f32";
    for (int i = 0; i < 50; ++i) {
      Trace sample = space->sample(other, rng);
      EXPECT_NE(sample.getActions()[0].kind, ActionKind::SimtGemm)
          << sample.str();
    }
  }
  // Off by option.
  auto generic = createCudaSearchSpace(genericOnly());
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(generic->sample(task, rng).getActions()[0].kind,
              ActionKind::SimtGemm);
}

/// `task` (a 2-D contraction) with an elementwise op after the matmul over
/// `loops` (its extents) writing output dimensions `outputLoops`.
TaskInfo withEpilogue(TaskInfo task, std::vector<int64_t> extents,
                      std::vector<int64_t> outputLoops) {
  TaskOp op;
  op.index = static_cast<int64_t>(task.ops.size());
  op.name = "linalg.generic";
  op.elementwise = true;
  for (int64_t extent : extents)
    op.loops.push_back({extent, false});
  op.outputLoops = outputLoops;
  task.ops.push_back(op);
  task.root = op.index;
  return task;
}

TEST(CudaSearchSpaceTest, DenseLayersSampleTheSimtGemmKernelWithTheirEpilogue) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(19);
  // matmul, bias add, activation: cwm-gpu-simt-gemm computes both in the
  // kernel's stores.
  TaskInfo dense = withEpilogue(
      withEpilogue(contraction({256, 512}, 128), {256, 512}, {0, 1}),
      {256, 512}, {0, 1});
  dense.elementType = "f32";
  int kernels = 0;
  for (int i = 0; i < 100; ++i) {
    Trace trace = space->sample(dense, rng);
    llvm::Error error = checkTrace(trace, dense);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    kernels += trace.getActions()[0].kind == ActionKind::SimtGemm;
  }
  EXPECT_GT(kernels, 25);
  // Not where the op after the matmul is not elementwise over its output
  // (a transposed write, another shape).
  for (TaskInfo other :
       {withEpilogue(contraction({256, 512}, 128), {256, 512}, {1, 0}),
        withEpilogue(contraction({256, 512}, 128), {256, 256}, {0, 1})}) {
    other.elementType = "f32";
    for (int i = 0; i < 50; ++i)
      EXPECT_NE(space->sample(other, rng).getActions()[0].kind,
                ActionKind::SimtGemm);
  }
}

/// pad + fill + conv_2d_nhwc_hwcf (loops n, oh, ow, f, kh, kw, c) of an
/// n x h x w x c input (padded by one) and `filters` 3 x 3 filters.
TaskInfo paddedConv(int64_t h, int64_t w, int64_t c, int64_t filters) {
  TaskInfo task;
  task.opClass = OpClass::Conv2D;
  task.elementType = "f32";
  task.strides = task.dilations = {1, 1};
  TaskOp pad;
  pad.index = 0;
  pad.name = "tensor.pad";
  pad.isPad = true;
  pad.shape = {1, h + 2, w + 2, c};
  TaskOp fill;
  fill.index = 1;
  fill.isFill = fill.elementwise = true;
  TaskOp conv;
  conv.index = 2;
  conv.name = "linalg.conv_2d_nhwc_hwcf";
  for (auto [i, extent] : llvm::enumerate(std::vector<int64_t>{1, h, w, filters})) {
    fill.loops.push_back({extent, false});
    fill.outputLoops.push_back(i);
    conv.loops.push_back({extent, false});
    conv.outputLoops.push_back(i);
  }
  for (int64_t extent : {int64_t(3), int64_t(3), c})
    conv.loops.push_back({extent, true});
  task.ops = {pad, fill, conv};
  task.anchor = task.root = 2;
  return task;
}

TEST(CudaSearchSpaceTest, ConvolutionsSampleTheSimtGemmKernelAsAnImplicitGemm) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(23);
  // 28 x 28 x 64 -> 128 filters with bias and ReLU: m = 784 pixels (no
  // multiple of 128 or 64: the last row of blocks is masked), k = 576.
  TaskInfo conv = withEpilogue(withEpilogue(paddedConv(28, 28, 64, 128),
                                            {1, 28, 28, 128}, {0, 1, 2, 3}),
                               {1, 28, 28, 128}, {0, 1, 2, 3});
  int kernels = 0;
  std::set<int64_t> blockRows;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(conv, rng);
    llvm::Error error = checkTrace(trace, conv);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    if (trace.getActions()[0].kind != ActionKind::SimtGemm)
      continue;
    ++kernels;
    EXPECT_EQ(trace.getActions()[0].target, 2);
    blockRows.insert(trace.getActions()[0].getInt("bm", 0));
  }
  EXPECT_GT(kernels, 60);
  EXPECT_EQ(blockRows, (std::set<int64_t>{32, 64, 128}));
  // Not for 3 channels (the kernel loads 4 at a time; k = 27), not for an
  // epilogue over another shape, not for f16.
  TaskInfo half = paddedConv(28, 28, 64, 128);
  half.elementType = "f16";
  for (TaskInfo other :
       {paddedConv(56, 56, 3, 64),
        withEpilogue(paddedConv(28, 28, 64, 128), {1, 28, 28, 64},
                     {0, 1, 2, 3}),
        half}) {
    for (int i = 0; i < 50; ++i)
      EXPECT_NE(space->sample(other, rng).getActions()[0].kind,
                ActionKind::SimtGemm);
  }
}

TEST(CudaSearchSpaceTest, SimtGemmSplitsKOnlyWhereTheTilesMakeFewBlocks) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(17);
  // 128 x 3072 outputs: 24 to 384 tiles, fewer than 264 for most tiles.
  TaskInfo skinny = contraction({128, 3072}, 768);
  skinny.elementType = "f32";
  std::set<int64_t> splits;
  for (int i = 0; i < 300; ++i) {
    Trace trace = space->sample(skinny, rng);
    llvm::Error error = checkTrace(trace, skinny);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    if (trace.getActions()[0].kind != ActionKind::SimtGemm)
      continue;
    SimtGemmConfig config = SimtGemmConfig::of(trace.getActions()[0]);
    splits.insert(config.split);
    int64_t blocks = (128 / config.bm) * (3072 / config.bn);
    if (config.split > 1) {
      EXPECT_LT(blocks, 264) << trace.str();
      EXPECT_GE(768 / config.split, 128) << trace.str();
    }
  }
  EXPECT_TRUE(splits.count(1) && splits.count(2) && splits.count(4))
      << "splits sampled: " << splits.size();
  EXPECT_FALSE(splits.count(8)); // 768 / 8 = 96: slices too short
  // 4096^2 outputs make 1024+ blocks with any tile: never split.
  TaskInfo large = contraction({4096, 4096}, 4096);
  large.elementType = "f32";
  for (int i = 0; i < 100; ++i) {
    Trace trace = space->sample(large, rng);
    if (trace.getActions()[0].kind == ActionKind::SimtGemm)
      EXPECT_EQ(SimtGemmConfig::of(trace.getActions()[0]).split, 1)
          << trace.str();
  }
}

TEST(CudaSearchSpaceTest, KernelTemplatesFeatureTheirBlocksPerSm) {
  // Version 11: a simt_gemm on a 196 x 96 output (21 blocks of 32 x 32 on
  // 132 SMs) and on a 4096 x 4096 one (1024 blocks of 128 x 128) differ by
  // almost 3 on the log scale (0.21 against 3.13); version 8's linear waves
  // by less than 1 (0.005 against 0.97).
  HardwareInfo h100;
  h100.sms = 132;
  std::vector<std::string> names = actionFeatureNames();
  auto at = [&](llvm::StringRef name) {
    auto it = llvm::find(names, name);
    EXPECT_NE(it, names.end()) << name.str();
    return it - names.begin();
  };
  auto row = [&](std::vector<int64_t> output, int64_t k, int64_t bm, int64_t bn,
                 int64_t split) {
    TaskInfo task = contraction(output, k);
    task.elementType = "f32";
    Action gemm;
    gemm.kind = ActionKind::SimtGemm;
    gemm.target = task.anchor;
    gemm.decisions["bm"] = Decision(bm);
    gemm.decisions["bn"] = Decision(bn);
    gemm.decisions["bk"] = Decision(int64_t(8));
    gemm.decisions["split"] = Decision(split);
    Trace trace;
    trace.push_back(gemm);
    return traceFeatures(task, trace, h100)[0];
  };
  std::vector<float> small = row({196, 96}, 384, 32, 32, 1);
  std::vector<float> large = row({4096, 4096}, 4096, 128, 128, 1);
  std::vector<float> split = row({196, 96}, 384, 32, 32, 8);
  EXPECT_NEAR(small[at("gpu.template_blocks_per_sm")],
              std::log2(1.0 + 21.0 / 132), 1e-5);
  EXPECT_NEAR(large[at("gpu.template_blocks_per_sm")],
              std::log2(1.0 + 1024.0 / 132), 1e-5);
  EXPECT_GT(large[at("gpu.template_blocks_per_sm")] -
                small[at("gpu.template_blocks_per_sm")],
            2.5f);
  EXPECT_LT(large[at("gpu.simt_gemm_waves")] - small[at("gpu.simt_gemm_waves")],
            1.0f);
  // A split of k multiplies the blocks; 16 threads each (32 x 32 tiles of
  // 8 x 8 per thread).
  EXPECT_NEAR(split[at("gpu.template_blocks_per_sm")],
              std::log2(1.0 + 168.0 / 132), 1e-5);
  EXPECT_NEAR(small[at("gpu.template_threads_per_sm")],
              std::log2(1.0 + 21.0 * 16 / 132), 1e-5);
  EXPECT_NEAR(small[at("gpu.template_wave_balance")], 21.0 / 132, 1e-5);
  // Other actions leave them at 0; a version-10 model reads the prefix
  // without them.
  TaskInfo task = contraction({196, 96}, 384);
  Trace generic;
  Action blocks;
  blocks.kind = ActionKind::MapBlocks;
  blocks.target = task.anchor;
  blocks.decisions["sizes"] = Decision(std::vector<int64_t>{14, 16, 0});
  generic.push_back(blocks);
  EXPECT_EQ(
      traceFeatures(task, generic, h100)[0][at("gpu.template_blocks_per_sm")],
      0.0f);
  EXPECT_EQ(actionFeatureSize(11), actionFeatureSize(10) + 3);
  EXPECT_EQ(traceFeatures(task, generic, h100, 10)[0].size(),
            size_t(actionFeatureSize(10)));
}

TEST(CudaSearchSpaceTest, EightWgmmaKernelsAreMeasuredFirst) {
  // On Hopper a large f16 GEMM samples wgmma kernels, a must-try family of
  // eight (the model ranks mma.sync first); other families keep one.
  CudaSpaceOptions options;
  options.hopper = true;
  auto space = createCudaSearchSpace(options);
  std::mt19937_64 rng(23);
  TaskInfo task = contraction({4096, 4096}, 4096);
  task.elementType = "f32";
  task.inputElementType = "f16";
  int kernels = 0;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    if (trace.getActions()[0].kind != ActionKind::Wgmma) {
      EXPECT_EQ(space->mustTryFamily(task, trace), "") << trace.str();
      continue;
    }
    ++kernels;
    EXPECT_EQ(space->mustTryFamily(task, trace), "wgmma");
  }
  EXPECT_GT(kernels, 0);
  EXPECT_EQ(space->mustTryMembers("wgmma"), 8);
  EXPECT_EQ(space->mustTryMembers("simt_gemm"), 1);
}

TEST(CudaSearchSpaceTest, HalfPrecisionMatmulsUseTensorCores) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(11);
  for (TaskInfo task : {contraction({4096, 4096}, 4096),
                        contraction({12, 128, 128}, 64)}) {
    task.elementType = "f32";
    task.inputElementType = "f16";
    int tensorCore = 0;
    for (int i = 0; i < 100; ++i) {
      Trace trace = checkedSample(*space, task, rng);
      llvm::ArrayRef<Action> actions = trace.getActions();
      const Action *mma = findAction(actions, ActionKind::Mma);
      if (mma == actions.end())
        continue;
      ++tensorCore;
      // map_blocks, promote, mma; then the fill's threads and vectors.
      ASSERT_EQ(mma - actions.begin(), 2) << trace.str();
      EXPECT_EQ(actions[1].kind, ActionKind::Promote);
      std::vector<int64_t> block = actions[0].getList("sizes"),
                           warp = mma->getList("warp");
      size_t rank = warp.size();
      int64_t warps = (block[rank - 3] / warp[rank - 3]) *
                      (block[rank - 2] / warp[rank - 2]);
      EXPECT_TRUE(warps >= 1 && warps <= 16) << trace.str();
      EXPECT_EQ(warp[rank - 3] % 16, 0);
      EXPECT_EQ(warp[rank - 2] % 8, 0);
    }
    EXPECT_GT(tensorCore, 50);
  }
  // f32 inputs never take tensor cores (no tf32 without an opt-in).
  TaskInfo f32 = contraction({1024, 1024}, 1024);
  f32.elementType = "f32";
  for (int i = 0; i < 50; ++i) {
    // Keep the sample alive: a range-for over a temporary's member dangles.
    Trace sample = space->sample(f32, rng);
    for (const Action &action : sample.getActions())
      EXPECT_NE(action.kind, ActionKind::Mma);
  }
}

TEST(CudaSearchSpaceTest, TransposedInputsReadInPlaceAreAlwaysStaged) {
  // Q K^T with the transposes folded into the maps (PermutedOperands.h):
  // a generic anchor reading Q as [m, b, k] and K as [n, b, k]. Every
  // sample stages both in shared memory, none takes tensor cores (even
  // with f16 inputs), and a vectorized schedule without staging is refused.
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(13);
  TaskInfo task =
      permutedBatchMatmul({12, 128, 128}, 64, {{1, 0, 3}, {2, 0, 3}});
  ASSERT_TRUE(task.anchorReadsPermutedOperands());
  for (const char *input : {"f32", "f16"}) {
    task.elementType = "f32";
    task.inputElementType = input == std::string("f32") ? "" : input;
    for (int i = 0; i < 100; ++i) {
      Trace trace = checkedSample(*space, task, rng);
      llvm::ArrayRef<Action> actions = trace.getActions();
      EXPECT_NE(findAction(actions, ActionKind::Promote), actions.end())
          << trace.str();
      EXPECT_EQ(findAction(actions, ActionKind::Mma), actions.end())
          << trace.str();
    }
  }
  llvm::Expected<Trace> unstaged = Trace::parse(
      R"({"version": 1, "actions": [
        {"kind": "map_blocks", "target": 1, "decisions": {"sizes": [1, 16, 32, 0]}},
        {"kind": "map_threads", "target": 1, "decisions": {"sizes": [1, 1, 8, 0]}},
        {"kind": "map_threads", "target": 0, "decisions": {"sizes": [1, 1, 8]}},
        {"kind": "tile", "target": 1, "decisions": {"sizes": [0, 0, 0, 1]}},
        {"kind": "vectorize", "target": 1}]})");
  ASSERT_TRUE(static_cast<bool>(unstaged))
      << llvm::toString(unstaged.takeError());
  task.inputElementType.clear();
  llvm::Error refused = checkTrace(*unstaged, task);
  ASSERT_TRUE(static_cast<bool>(refused));
  EXPECT_NE(llvm::toString(std::move(refused)).find("staged"),
            std::string::npos);
  // The operands' layouts survive the task's JSON form.
  llvm::Expected<TaskInfo> parsed = taskInfoFromJSON(toJSON(task));
  ASSERT_TRUE(static_cast<bool>(parsed)) << llvm::toString(parsed.takeError());
  EXPECT_EQ(parsed->ops[1].inputLoops, task.ops[1].inputLoops);
}

TEST(CudaSearchSpaceTest, APermutedResultKeepsTheBatchLoopOutermost) {
  // Attention's context product writing the merged heads, [m, b, n], through
  // its output map (PermutedOperands.h): the blocks still take one batch
  // element and tiles of the rows, as for [b, m, n] (the output's first
  // dimension, m, was tiled by 1 and the batch by up to 16: no reuse).
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(5);
  TaskInfo task =
      permutedBatchMatmul({16, 128, 64}, 128, {{0, 1, 3}, {3, 0, 2}});
  task.ops[1].outputLoops = {1, 0, 2};
  task.ops[0].loops = {{128, false}, {16, false}, {64, false}};
  ASSERT_TRUE(task.anchorReadsPermutedOperands());
  int rowTiles = 0;
  for (int i = 0; i < 100; ++i) {
    Trace trace = checkedSample(*space, task, rng);
    const Action *blocks =
        findAction(trace.getActions(), ActionKind::MapBlocks);
    ASSERT_NE(blocks, trace.getActions().end());
    std::vector<int64_t> sizes = blocks->getList("sizes");
    ASSERT_EQ(sizes.size(), 4u);
    EXPECT_EQ(sizes[0], 1) << trace.str();
    rowTiles += sizes[1] > 1;
  }
  EXPECT_GT(rowTiles, 50);
}

TEST(CudaSearchSpaceTest, Tf32TensorCoresOnlyWhenAllowed) {
  CudaSpaceOptions options = genericOnly();
  options.allowTf32 = true;
  auto space = createCudaSearchSpace(options);
  std::mt19937_64 rng(13);
  TaskInfo task = contraction({1024, 1024}, 1024);
  task.elementType = "f32";
  int tensorCore = 0;
  for (int i = 0; i < 100; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    llvm::ArrayRef<Action> actions = trace.getActions();
    const Action *mma = findAction(actions, ActionKind::Mma);
    EXPECT_EQ(usesTf32(trace), mma != actions.end()) << trace.str();
    if (mma == actions.end())
      continue;
    ++tensorCore;
    EXPECT_EQ(mma->getInt("tf32", 0), 1);
    // k slices of whole m16n8k8 steps, staged within 48 KiB of f32.
    int64_t k = actions[1].getInt("k", 0);
    EXPECT_EQ(k % 8, 0) << trace.str();
    std::vector<int64_t> block = actions[0].getList("sizes");
    EXPECT_LE(mmaStagingBytes(block[0], block[1], k, 4), kMaxStaticSharedBytes);
  }
  EXPECT_GT(tensorCore, 50);
  // The same trace without the opt-in is refused (f32 inputs would be
  // rounded silently).
  Trace trace;
  for (int i = 0; i < 100 && !usesTf32(trace); ++i)
    trace = space->sample(task, rng);
  ASSERT_TRUE(usesTf32(trace));
  std::vector<Action> actions(trace.getActions().begin(),
                              trace.getActions().end());
  for (Action &action : actions)
    action.decisions.erase("tf32");
  llvm::Error error = checkTrace(Trace(actions), task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("tf32 = 1"),
            std::string::npos);
}

TEST(CudaSearchSpaceTest, OversizedStagingIsRejected) {
  TaskInfo task = contraction({1024, 1024}, 1024);
  Action blocks;
  blocks.kind = ActionKind::MapBlocks;
  blocks.target = 1;
  blocks.decisions["sizes"] = Decision(std::vector<int64_t>{256, 256, 0});
  Action promote;
  promote.kind = ActionKind::Promote;
  promote.target = 1;
  promote.decisions["k"] = Decision(int64_t(32)); // 64 KiB of f32 slices
  llvm::Error error = checkTrace(Trace({blocks, promote}), task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("shared memory"),
            std::string::npos);
}

/// fill + matmul + an elementwise epilogue (say bias and GELU) as the root.
TaskInfo withEpilogue(TaskInfo task) {
  TaskOp epilogue;
  epilogue.index = 2;
  epilogue.name = "linalg.generic";
  epilogue.elementwise = true;
  epilogue.loops = task.ops[0].loops;
  epilogue.outputLoops = task.ops[0].outputLoops;
  task.ops.push_back(epilogue);
  task.root = 2;
  return task;
}

TEST(CudaSearchSpaceTest, SmallOutputsWithLongReductionsAreSplit) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(9);
  for (TaskInfo task : {contraction({128, 3072}, 768),
                        withEpilogue(contraction({128, 3072}, 768))}) {
    int split = 0;
    std::set<int64_t> factors;
    for (int i = 0; i < 100; ++i) {
      Trace trace = space->sample(task, rng);
      llvm::Error error = checkTrace(trace, task);
      EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
      llvm::ArrayRef<Action> actions = trace.getActions();
      if (actions[0].kind != ActionKind::SplitK)
        continue;
      ++split;
      int64_t factor = actions[0].getInt("factor", 0);
      factors.insert(factor);
      EXPECT_EQ(768 % factor, 0);
      EXPECT_GE(768 / factor, 64);
      EXPECT_EQ(actions[1].kind, ActionKind::MapBlocks);
      // The main grid is the anchor's: the epilogue is not scheduled.
      EXPECT_EQ(actions[1].target, 1);
      for (const Action &action : actions)
        EXPECT_NE(action.target, 2) << trace.str();
    }
    EXPECT_GT(split, 20);
    EXPECT_LT(split, 80);
    EXPECT_EQ(factors, (std::set<int64_t>{2, 4, 8}));
  }
  // Enough blocks without it: never split.
  TaskInfo large = contraction({1024, 1024}, 1024);
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(space->sample(large, rng).getActions()[0].kind,
              ActionKind::SplitK);
}

TEST(CudaSearchSpaceTest, MutantsSplitAMeasuredScheduleAndKeepTheRest) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(3);
  TaskInfo task = withEpilogue(contraction({128, 3072}, 768));
  // An unsplit schedule whose block tiles could be split (larger than 1).
  Trace unsplit;
  auto splittable = [](const Trace &trace) {
    const Action &first = trace.getActions()[0];
    std::vector<int64_t> sizes = first.getList("sizes");
    return first.kind == ActionKind::MapBlocks && sizes[0] > 1 &&
           sizes[1] > 1;
  };
  do
    unsplit = space->sample(task, rng);
  while (!splittable(unsplit));
  int splits = 0;
  for (int i = 0; i < 60; ++i) {
    std::optional<Trace> mutant = space->mutate(task, unsplit, rng);
    ASSERT_TRUE(mutant.has_value());
    llvm::Error error = checkTrace(*mutant, task);
    EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    llvm::ArrayRef<Action> actions = mutant->getActions();
    if (actions[0].kind != ActionKind::SplitK)
      continue;
    // The main grid's schedule is the measured one's, less the epilogue's
    // actions, with the block tile on the anchor.
    llvm::ArrayRef<Action> before = unsplit.getActions();
    if (actions.size() < 2 || actions[1].target != 1 ||
        actions[1].getList("sizes") !=
            std::vector<int64_t>{before[0].getList("sizes")[0],
                                 before[0].getList("sizes")[1], 0})
      continue; // a split sample drawn by choice replay
    for (const Action &action : actions)
      EXPECT_NE(action.target, 2);
    ++splits;
    // Its choices replay to it, so it can be mutated further.
    EXPECT_EQ(space->replay(task, mutant->getChoices(), rng), *mutant);
  }
  EXPECT_GT(splits, 5);
}

TEST(CudaSearchSpaceTest, BadSplitsAreRejected) {
  auto action = [](ActionKind kind, int64_t target) {
    Action a;
    a.kind = kind;
    a.target = target;
    return a;
  };
  Action split = action(ActionKind::SplitK, 1);
  split.decisions["factor"] = Decision(int64_t(4));
  Action blocks = action(ActionKind::MapBlocks, 1);
  blocks.decisions["sizes"] = Decision(std::vector<int64_t>{32, 64, 0});
  Action threads = action(ActionKind::MapThreads, 1);
  threads.decisions["sizes"] = Decision(std::vector<int64_t>{4, 4, 0});
  Action fill = action(ActionKind::MapThreads, 0);
  fill.decisions["sizes"] = Decision(std::vector<int64_t>{4, 4});
  TaskInfo task = contraction({128, 3072}, 768);
  auto message = [&](std::vector<Action> actions, const TaskInfo &on) {
    llvm::Error error = checkTrace(Trace(actions), on);
    return error ? llvm::toString(std::move(error)) : std::string();
  };
  EXPECT_EQ(message({split, blocks, threads, fill}, task), "");
  // The main grid's reduction is 768 / 4 long.
  EXPECT_EQ(tiledShapes(Trace({split, blocks, threads, fill}), task)[1],
            (std::vector<int64_t>{4, 4, 192}));
  EXPECT_NE(message({blocks, split, threads, fill}, task)
                .find("split_k must be the first action"),
            std::string::npos);
  EXPECT_NE(message({split, threads, fill}, task).find("map_blocks"),
            std::string::npos);
  // A unit block tile of m would be folded away with the split loop.
  Action thin = blocks;
  thin.decisions["sizes"] = Decision(std::vector<int64_t>{1, 64, 0});
  Action thinThreads = threads;
  thinThreads.decisions["sizes"] = Decision(std::vector<int64_t>{1, 4, 0});
  Action thinFill = fill;
  thinFill.decisions["sizes"] = Decision(std::vector<int64_t>{1, 4});
  EXPECT_NE(message({split, thin, thinThreads, thinFill}, task)
                .find("block tile of loop 0 must be larger than 1"),
            std::string::npos);
  Action odd = split;
  odd.decisions["factor"] = Decision(int64_t(5));
  EXPECT_NE(message({odd, blocks, threads, fill}, task)
                .find("does not divide the reduction extent 768"),
            std::string::npos);
  EXPECT_NE(message({split, blocks, threads, fill},
                    contraction({12, 128, 64}, 768))
                .find("matmul tasks"),
            std::string::npos);
  // The epilogue runs in the combining kernel: nothing may map it.
  TaskInfo dense = withEpilogue(task);
  Action epilogue = action(ActionKind::MapThreads, 2);
  epilogue.decisions["sizes"] = Decision(std::vector<int64_t>{4, 4});
  EXPECT_EQ(message({split, blocks, threads, fill}, dense), "");
  EXPECT_NE(message({split, blocks, threads, fill, epilogue}, dense)
                .find("no loops to schedule"),
            std::string::npos);
}

} // namespace
