//===- CpuSearchSpaceTest.cpp - Sampled CPU schedules are valid -----------===//

#include "cwm/CostModel/Features.h"
#include "cwm/Schedule/Validity.h"
#include "cwm/SearchSpace/SearchSpace.h"

#include "gtest/gtest.h"

#include <map>
#include <set>

using namespace cwm;

namespace {

/// fill + conv_2d_nhwgc_gfhwc, 3x3, stride 1: loops n, oh, ow, g, f, kh, kw,
/// c; operands input (innermost c), weights G x F x KH x KW x C (innermost
/// c), output (innermost f).
TaskInfo groupConv(int64_t size, int64_t groups, int64_t channels) {
  TaskInfo task;
  task.opClass = OpClass::GroupConv2D;
  task.strides = task.dilations = {1, 1};
  task.elementType = "f32";
  TaskOp fill;
  fill.index = 0;
  fill.isFill = fill.elementwise = true;
  TaskOp conv;
  conv.index = 1;
  conv.name = "linalg.conv_2d_nhwgc_gfhwc";
  std::vector<int64_t> extents = {1,        size, size, groups,
                                  channels, 3,    3,    channels};
  for (auto [loop, extent] : llvm::enumerate(extents)) {
    conv.loops.push_back({extent, loop >= 5});
    if (loop < 5) {
      fill.loops.push_back({extent, false});
      fill.outputLoops.push_back(loop);
      conv.outputLoops.push_back(loop);
    }
  }
  auto innermost = [&](int64_t loop) {
    std::vector<int64_t> strides(8, 0);
    strides[loop] = 1;
    return strides;
  };
  conv.operandLoopStrides = {innermost(7), innermost(7), innermost(4)};
  task.ops = {fill, conv};
  task.anchor = task.root = 1;
  return task;
}

Action act(ActionKind kind, int64_t target) {
  Action action;
  action.kind = kind;
  action.target = target;
  return action;
}

TEST(CpuSearchSpaceTest, GroupConvolutionsSamplePackedWeights) {
  auto space = createCpuSearchSpace(CpuSpaceOptions());
  std::mt19937_64 rng(3);
  TaskInfo task = groupConv(28, 4, 32);
  int packed = 0;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    bool pack = trace.getActions()[0].kind == ActionKind::PackWeights;
    packed += pack;
    EXPECT_EQ(space->mustTryFamily(task, trace), pack ? "pack_weights" : "");
    if (pack) // one measured first, as every family but Winograd
      EXPECT_EQ(space->mustTryMembers("pack_weights"), 1);
    if (pack) {
      // The rest is a schedule of the same loops.
      EXPECT_EQ(trace.getActions()[1].kind, ActionKind::Parallelize);
      EXPECT_EQ(trace.getActions()[1].getList("sizes").size(), 8u);
    }
  }
  EXPECT_GT(packed, 120); // three samples in four
  EXPECT_LT(packed, 180);
  // Off by option; never for other classes.
  CpuSpaceOptions off;
  off.packWeights = false;
  auto unpacked = createCpuSearchSpace(off);
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(unpacked->sample(task, rng).getActions()[0].kind,
              ActionKind::PackWeights);
  TaskInfo conv = task;
  conv.opClass = OpClass::Depthwise2D;
  EXPECT_NE(packWeightsUnsupportedReason(conv), "");
}

TEST(CpuSearchSpaceTest, PackedWeightsMoveWithTheOutputChannels) {
  TaskInfo task = groupConv(14, 2, 16);
  TaskInfo packed = packWeightsTask(task);
  std::vector<int64_t> f(8, 0);
  f[4] = 1;
  EXPECT_EQ(packed.anchorOp().operandLoopStrides[1], f);
  EXPECT_EQ(packed.anchorOp().operandLoopStrides[0],
            task.anchorOp().operandLoopStrides[0]);
  EXPECT_EQ(packed.anchorOp().loops.size(), task.anchorOp().loops.size());

  // A trace led by pack_weights: one row per action, the lead row flagged;
  // it must come first and target the anchor.
  Trace trace;
  trace.push_back(act(ActionKind::PackWeights, 1));
  Action parallelize = act(ActionKind::Parallelize, 1);
  parallelize.decisions["sizes"] =
      Decision(std::vector<int64_t>{0, 7, 0, 0, 0, 0, 0, 0});
  trace.push_back(parallelize);
  llvm::Error error = checkTrace(trace, task);
  EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  std::vector<std::string> names = actionFeatureNames();
  auto flag = llvm::find(names, "kind.pack_weights");
  ASSERT_NE(flag, names.end());
  std::vector<std::vector<float>> rows =
      traceFeatures(task, trace, HardwareInfo());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][flag - names.begin()], 1.0f);
  EXPECT_EQ(rows[1][flag - names.begin()], 0.0f);

  Trace late;
  late.push_back(parallelize);
  late.push_back(act(ActionKind::PackWeights, 1));
  error = checkTrace(late, task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("must be the first action"),
            std::string::npos);
}

/// pad + fill + conv_2d_nhwc_hwcf (k x k, stride `stride`) + bias and ReLU:
/// loops n, oh, ow, f, kh, kw, c.
TaskInfo convLayer(int64_t size, int64_t channels, int64_t filters,
                   int64_t k = 3, int64_t stride = 1) {
  TaskInfo task;
  task.opClass = OpClass::Conv2D;
  task.strides = {stride, stride};
  task.dilations = {1, 1};
  task.elementType = "f32";
  TaskOp pad;
  pad.index = 0;
  pad.name = "tensor.pad";
  pad.isPad = true;
  pad.shape = {1, size * stride + 2, size * stride + 2, channels};
  TaskOp fill;
  fill.index = 1;
  fill.isFill = fill.elementwise = true;
  TaskOp conv;
  conv.index = 2;
  conv.name = "linalg.conv_2d_nhwc_hwcf";
  std::vector<int64_t> extents = {1, size, size, filters, k, k, channels};
  for (auto [loop, extent] : llvm::enumerate(extents)) {
    conv.loops.push_back({extent, loop >= 4});
    if (loop < 4) {
      fill.loops.push_back({extent, false});
      fill.outputLoops.push_back(loop);
      conv.outputLoops.push_back(loop);
    }
  }
  conv.operandLoopStrides = {{0, 0, 0, 0, 0, 0, 1},
                             {0, 0, 0, 1, 0, 0, 0},
                             {0, 0, 0, 1, 0, 0, 0}};
  TaskOp epilogue = fill;
  epilogue.index = 3;
  epilogue.isFill = false;
  epilogue.name = "linalg.generic";
  epilogue.operandLoopStrides = {{0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 1}};
  task.ops = {pad, fill, conv, epilogue};
  task.anchor = 2;
  task.root = 3;
  return task;
}

TEST(CpuSearchSpaceTest, ThreeByThreeConvolutionsSampleWinograd) {
  TaskInfo task = convLayer(56, 64, 64);
  auto space = createCpuSearchSpace(CpuSpaceOptions());
  std::mt19937_64 rng(7);
  std::map<int64_t, int> tiles;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    const Action &lead = trace.getActions()[0];
    int64_t tile = lead.kind == ActionKind::Winograd ? lead.getInt("tile", 0) : 0;
    ++tiles[tile];
    // The direct schedules beside Winograd are a family too; five of each
    // measured first (conv3x3-v1).
    EXPECT_EQ(space->mustTryFamily(task, trace),
              tile == 0   ? "direct"
              : tile == 2 ? "winograd F(2x2, 3x3)"
                          : "winograd F(4x4, 3x3)");
    EXPECT_EQ(space->mustTryMembers(space->mustTryFamily(task, trace)), 5);
    if (tile != 0) {
      // The rest schedules the batch matmul (p, t, f, c) and its fill.
      for (const Action &action : trace.getActions().drop_front())
        EXPECT_TRUE(action.target == 1 || action.target == 2);
      EXPECT_EQ(trace.getActions()[1].getList("sizes").size(), 4u);
    }
  }
  EXPECT_GT(tiles[2], 25); // one sample in four each
  EXPECT_GT(tiles[4], 25);
  EXPECT_GT(tiles[0], 70);
  // Off by option; never where no tile fits: a 3x3 output, stride 2, 1x1.
  CpuSpaceOptions off;
  off.winograd = false;
  auto direct = createCpuSearchSpace(off);
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(direct->sample(task, rng).getActions()[0].kind,
              ActionKind::Winograd);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(direct->mustTryFamily(task, direct->sample(task, rng)), "");
  // Winograd on, the direct family off (must-try-direct=false).
  CpuSpaceOptions noDirect;
  noDirect.directFamily = false;
  auto winogradOnly = createCpuSearchSpace(noDirect);
  for (int i = 0; i < 50; ++i) {
    Trace trace = winogradOnly->sample(task, rng);
    if (trace.getActions()[0].kind != ActionKind::Winograd)
      EXPECT_EQ(winogradOnly->mustTryFamily(task, trace), "");
  }
  for (TaskInfo other : {convLayer(3, 64, 64), convLayer(28, 64, 64, 3, 2),
                         convLayer(28, 64, 64, 1)})
    for (int i = 0; i < 50; ++i) {
      Trace trace = space->sample(other, rng);
      EXPECT_NE(trace.getActions()[0].kind, ActionKind::Winograd);
      // No Winograd beside them: no direct family either.
      EXPECT_EQ(space->mustTryFamily(other, trace), "");
    }
  // Ragged tiles: 14 x 14 in 4 x 4 tiles computes 16 x 16 (1.31x), 6 x 6
  // computes 8 x 8 (1.78x: refused).
  EXPECT_EQ(winogradUnsupportedReason(convLayer(14, 64, 64), 4), "");
  EXPECT_NE(winogradUnsupportedReason(convLayer(6, 64, 64), 4)
                .find("more than half again"),
            std::string::npos);
  EXPECT_EQ(winogradUnsupportedReason(convLayer(14, 64, 64), 2), "");
  EXPECT_EQ(winogradTask(convLayer(14, 64, 64), 4).anchorOp().loops[1].extent,
            16);
  EXPECT_NE(winogradUnsupportedReason(convLayer(28, 64, 64, 3, 2), 2).find(
                "stride 1"),
            std::string::npos);
}

TEST(CpuSearchSpaceTest, WinogradSchedulesTheBatchMatmulOfTheTransformedTiles) {
  TaskInfo task = convLayer(56, 64, 32);
  TaskInfo view = winogradTask(task, 4);
  EXPECT_EQ(view.opClass, OpClass::BatchMatmul);
  EXPECT_EQ(view.root, 2);
  ASSERT_EQ(view.anchorOp().loops.size(), 4u);
  // 36 products of (14 x 14 tiles) x 64 channels times 64 x 32 filters.
  EXPECT_EQ(view.anchorOp().loops[0].extent, 36);
  EXPECT_EQ(view.anchorOp().loops[1].extent, 196);
  EXPECT_EQ(view.anchorOp().loops[2].extent, 32);
  EXPECT_EQ(view.anchorOp().loops[3].extent, 64);
  EXPECT_TRUE(view.anchorOp().loops[3].reduction);
  EXPECT_EQ(view.ops[1].loops.size(), 3u);
  // The pad and the epilogue belong to the transforms.
  EXPECT_TRUE(view.ops[0].loops.empty());
  EXPECT_FALSE(view.ops[0].isPad);
  EXPECT_TRUE(view.ops[3].loops.empty());
  EXPECT_DOUBLE_EQ(view.flops, 2.0 * 36 * 196 * 32 * 64);

  Trace trace;
  Action winograd = act(ActionKind::Winograd, 2);
  winograd.decisions["tile"] = Decision(int64_t(4));
  trace.push_back(winograd);
  Action parallelize = act(ActionKind::Parallelize, 2);
  parallelize.decisions["sizes"] = Decision(std::vector<int64_t>{6, 0, 0, 0});
  trace.push_back(parallelize);
  llvm::Error error = checkTrace(trace, task);
  EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  // Version 10 names the action on its own row: its tile, no ragged waste
  // (56 = 14 tiles of 4), its transforms' sizes.
  std::vector<std::vector<float>> rows =
      traceFeatures(task, trace, HardwareInfo());
  ASSERT_EQ(rows.size(), 2u);
  std::vector<std::string> names = actionFeatureNames();
  auto at = [&](llvm::StringRef name) {
    auto it = llvm::find(names, name);
    EXPECT_NE(it, names.end()) << name.str();
    return it - names.begin();
  };
  EXPECT_EQ(rows[0][at("kind.winograd")], 1.0f);
  EXPECT_EQ(rows[1][at("kind.winograd")], 0.0f);
  EXPECT_EQ(rows[0][at("winograd.tile")], 1.0f);
  EXPECT_EQ(rows[0][at("winograd.waste")], 0.0f);
  EXPECT_GT(rows[0][at("winograd.flops_per_transformed_byte")], 0.0f);
  EXPECT_EQ(rows[1][at("winograd.flops_per_transformed_byte")], 0.0f);
  // Ragged: a 14 x 14 output in 4 x 4 tiles computes 16 x 16.
  TaskInfo ragged = convLayer(14, 64, 32);
  EXPECT_NEAR(traceFeatures(ragged, trace, HardwareInfo())[0]
                  [at("winograd.waste")],
              256.0 / 196.0 - 1, 1e-5);
  // A model of version 9 reads the prefix without them.
  EXPECT_LT(actionFeatureSize(9), actionFeatureSize(10));
  EXPECT_EQ(actionFeatureNames(10).size(), size_t(actionFeatureSize(10)));

  Trace late;
  Action direct = act(ActionKind::Parallelize, 3);
  direct.decisions["sizes"] =
      Decision(std::vector<int64_t>{0, 8, 0, 0});
  late.push_back(direct);
  late.push_back(winograd);
  error = checkTrace(late, task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("must be the first action"),
            std::string::npos);
  // A tile that does not fit is refused by name.
  Trace unfit;
  Action six = winograd;
  six.decisions["tile"] = Decision(int64_t(6));
  unfit.push_back(six);
  error = checkTrace(unfit, task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("must be 2"),
            std::string::npos);
}

/// fill + matmul, the matmul the root: loops m, n, k.
TaskInfo plainMatmul(int64_t m, int64_t n, int64_t k) {
  TaskInfo task;
  task.opClass = OpClass::Matmul;
  task.elementType = "f32";
  TaskOp fill;
  fill.index = 0;
  fill.isFill = fill.elementwise = true;
  fill.loops = {{m, false}, {n, false}};
  fill.outputLoops = {0, 1};
  TaskOp matmul;
  matmul.index = 1;
  matmul.name = "linalg.matmul";
  matmul.loops = {{m, false}, {n, false}, {k, true}};
  matmul.outputLoops = {0, 1};
  matmul.operandLoopStrides = {{0, 0, 1}, {0, 1, 0}, {0, 1, 0}};
  matmul.inputLoops = {{0, 2}, {2, 1}};
  task.ops = {fill, matmul};
  task.anchor = task.root = 1;
  return task;
}

TEST(CpuSearchSpaceTest, PrimeRowsAndOddColumnsSamplePaddedTiles) {
  auto space = createCpuSearchSpace(CpuSpaceOptions());
  std::mt19937_64 rng(7);
  // 233 rows (prime) and 1000 columns (no multiple of 16 divides them).
  TaskInfo task = plainMatmul(233, 1000, 472);
  int padded = 0;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    auto pad = llvm::find_if(trace.getActions(), [](const Action &action) {
      return action.kind == ActionKind::Pad;
    });
    if (pad == trace.getActions().end()) {
      EXPECT_EQ(space->mustTryFamily(task, trace), "");
      continue;
    }
    ++padded;
    EXPECT_EQ(space->mustTryFamily(task, trace), "pad");
    // Padded right after the anchor's row and column tile; the k loop and
    // the vectorization follow; the fill's tile divides its extents.
    const Action &tileBefore = *(pad - 1);
    EXPECT_EQ(tileBefore.kind, ActionKind::Tile);
    EXPECT_EQ(tileBefore.getList("sizes")[2], 0);
    for (const Action &action : trace.getActions())
      if (action.kind == ActionKind::Tile && action.target == 0) {
        std::vector<int64_t> sizes = action.getList("sizes");
        EXPECT_TRUE(sizes[0] == 0 || 233 % sizes[0] == 0);
      }
  }
  EXPECT_GT(padded, 40);
  // Not where dividing tiles of 4 to 16 rows and whole vectors exist, nor
  // off by option.
  TaskInfo even = plainMatmul(256, 512, 384);
  CpuSpaceOptions off;
  off.raggedTiles = false;
  auto unpadded = createCpuSearchSpace(off);
  for (int i = 0; i < 50; ++i) {
    Trace evenTrace = space->sample(even, rng);
    Trace offTrace = unpadded->sample(task, rng);
    for (const Trace *trace : {&evenTrace, &offTrace})
      for (const Action &action : trace->getActions())
        EXPECT_NE(action.kind, ActionKind::Pad);
  }
}

TEST(CpuSearchSpaceTest, MatmulsSamplePackedB) {
  auto space = createCpuSearchSpace(CpuSpaceOptions());
  std::mt19937_64 rng(5);
  TaskInfo task = plainMatmul(256, 512, 384);
  task.readsWeights = true; // B packed once per model
  task.anchorWeightInputs = {false, true};
  int packed = 0, vectorized = 0;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    bool pack = trace.getActions().back().kind == ActionKind::PackB;
    packed += pack;
    vectorized += llvm::any_of(trace.getActions(), [](const Action &action) {
      return action.kind == ActionKind::Vectorize && action.target == 1;
    });
    EXPECT_EQ(space->mustTryFamily(task, trace), pack ? "pack_b" : "");
  }
  // One sample in two of those that vectorize the matmul.
  EXPECT_GT(packed, vectorized / 2 - 30);
  EXPECT_LT(packed, vectorized / 2 + 30);
  // Not where B is no weight (it would be packed at every call): in a task
  // without weights, nor where only A is one, nor where B is transposed
  // (read along k), nor before the anchor is vectorized, nor off by option.
  TaskInfo activations = task;
  activations.readsWeights = false;
  activations.anchorWeightInputs = {false, false};
  TaskInfo weightA = task;
  weightA.anchorWeightInputs = {true, false};
  for (int i = 0; i < 50; ++i) {
    EXPECT_NE(space->sample(activations, rng).getActions().back().kind,
              ActionKind::PackB);
    EXPECT_NE(space->sample(weightA, rng).getActions().back().kind,
              ActionKind::PackB);
  }
  TaskInfo transposed = task;
  transposed.ops[1].operandLoopStrides[1] = {0, 0, 1};
  transposed.ops[1].inputLoops[1] = {1, 2};
  EXPECT_NE(packBUnsupportedReason(transposed), "");
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(space->sample(transposed, rng).getActions().back().kind,
              ActionKind::PackB);
  Action parallelize, pack;
  parallelize.kind = ActionKind::Parallelize;
  parallelize.target = pack.target = 1;
  parallelize.decisions["sizes"] = Decision(std::vector<int64_t>{64, 0, 0});
  pack.kind = ActionKind::PackB;
  Trace early;
  early.push_back(parallelize);
  early.push_back(pack);
  llvm::Error error = checkTrace(early, task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("pack_b must be the last"),
            std::string::npos);
  CpuSpaceOptions off;
  off.packB = false;
  auto unpacked = createCpuSearchSpace(off);
  for (int i = 0; i < 50; ++i)
    EXPECT_NE(unpacked->sample(task, rng).getActions().back().kind,
              ActionKind::PackB);
}

TEST(CpuSearchSpaceTest, TheVectorizedLoopIsNotCutIntoSingleIterations) {
  auto space = createCpuSearchSpace(CpuSpaceOptions());
  std::mt19937_64 rng(11);
  // The parallel tile of the loop the register tile vectorizes along, for
  // every sample of `task` (-1 where the sample does not parallelize it).
  auto vectorLoopTiles = [&](const TaskInfo &task, size_t loop) {
    std::multiset<int64_t> tiles;
    for (int i = 0; i < 300; ++i) {
      Trace trace = space->sample(task, rng);
      for (const Action &action : trace.getActions())
        if (action.kind == ActionKind::Parallelize) {
          std::vector<int64_t> sizes = action.getList("sizes");
          tiles.insert(loop < sizes.size() ? sizes[loop] : -1);
          break;
        }
    }
    return tiles;
  };
  // A matmul's n, a grouped convolution's filters, the filters of
  // Winograd's batch matmul (p, t, f, c): smaller pieces, never 1.
  for (auto [task, loop] :
       std::vector<std::pair<TaskInfo, size_t>>{{plainMatmul(1, 64, 512), 1},
                                                {plainMatmul(96, 48, 64), 1},
                                                {groupConv(28, 4, 32), 4}}) {
    std::multiset<int64_t> tiles = vectorLoopTiles(task, loop);
    EXPECT_EQ(tiles.count(1), 0u);
    EXPECT_GT(tiles.count(2) + tiles.count(4) + tiles.count(8), 0u);
  }
  TaskInfo conv = convLayer(56, 64, 32);
  int winograd = 0;
  for (int i = 0; i < 300; ++i) {
    Trace trace = space->sample(conv, rng);
    if (trace.getActions()[0].kind != ActionKind::Winograd)
      continue;
    ++winograd;
    EXPECT_NE(trace.getActions()[1].getList("sizes")[2], 1);
  }
  EXPECT_GT(winograd, 50);
  // A prime extent has no other piece: 1 stays (a GEMV's 2897 columns).
  EXPECT_GT(vectorLoopTiles(plainMatmul(1, 2897, 512), 1).count(1), 0u);
}

/// fill + row sum of squares + sqrt: loops [rows, cols] and [rows].
TaskInfo rowNorm(int64_t rows, int64_t cols) {
  TaskInfo task;
  task.opClass = OpClass::Reduction;
  task.elementType = "f32";
  TaskOp fill, sum, root;
  fill.index = 0;
  fill.isFill = fill.elementwise = true;
  fill.loops = {{rows, false}};
  fill.outputLoops = {0};
  sum.index = 1;
  sum.name = "linalg.generic";
  sum.loops = {{rows, false}, {cols, true}};
  sum.outputLoops = {0};
  sum.operandLoopStrides = {{0, 1}, {1, 0}};
  root.index = 2;
  root.elementwise = true;
  root.loops = {{rows, false}};
  root.outputLoops = {0};
  task.ops = {fill, sum, root};
  task.anchor = 1;
  task.root = 2;
  return task;
}

TEST(CpuSearchSpaceTest, RowReductionsSampleTileReduction) {
  auto space = createCpuSearchSpace(CpuSpaceOptions());
  std::mt19937_64 rng(7);
  TaskInfo task = rowNorm(512, 1024);
  int split = 0;
  std::set<int64_t> lanes;
  for (int i = 0; i < 200; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    llvm::ArrayRef<Action> actions = trace.getActions();
    const Action *reduction = llvm::find_if(actions, [](const Action &action) {
      return action.kind == ActionKind::TileReduction;
    });
    if (reduction == actions.end())
      continue;
    ++split;
    EXPECT_EQ(space->mustTryFamily(task, trace), "tile_reduction");
    lanes.insert(reduction->getInt("lanes", 0));
    EXPECT_EQ(reduction->target, 1);
    // The row stays whole: no tile of op 1 cuts its reduction loop.
    for (const Action &action : actions)
      if (action.kind == ActionKind::Tile && action.target == 1)
        EXPECT_EQ(action.getList("sizes").back(), 0);
  }
  // Three in four of the vectorized samples (three in four).
  EXPECT_GT(split, 80);
  EXPECT_LT(split, 150);
  EXPECT_EQ(lanes, (std::set<int64_t>{16, 32, 64}));
  CpuSpaceOptions off;
  off.tileReduction = false;
  auto unsplit = createCpuSearchSpace(off);
  for (int i = 0; i < 50; ++i)
    for (const Action &action : unsplit->sample(task, rng).getActions())
      EXPECT_NE(action.kind, ActionKind::TileReduction);
}

} // namespace

TEST(CpuSearchSpaceTest, SchedulesTransferToTheNearestValuesOfAnotherShape) {
  // Schedules of a group convolution of 28x28 move onto one of 56x56, whose
  // loop extents are multiples of the source's: each draw takes the
  // candidate nearest the value drawn on the source, so nearly every value
  // stays as it was (281 of 320 draws here), and every moved schedule
  // passes the static checks.
  // Replaying a trace's own values gives the trace back.
  auto space = createCpuSearchSpace({});
  TaskInfo source = groupConv(28, 4, 32), target = groupConv(56, 4, 32);
  std::mt19937_64 rng(5);
  int transferred = 0;
  size_t draws = 0, kept = 0;
  for (int i = 0; i < 40; ++i) {
    Trace trace = space->sample(source, rng);
    std::vector<int64_t> values =
        space->decisionValues(source, trace.getChoices(), rng);
    ASSERT_EQ(values.size(), trace.getChoices().size());
    std::optional<Trace> same = space->transfer(source, values, rng);
    ASSERT_TRUE(same.has_value());
    EXPECT_TRUE(*same == trace);
    std::optional<Trace> moved = space->transfer(target, values, rng);
    if (!moved)
      continue;
    ++transferred;
    EXPECT_FALSE(static_cast<bool>(checkTrace(*moved, target)));
    std::vector<int64_t> movedValues =
        space->decisionValues(target, moved->getChoices(), rng);
    for (size_t d = 0; d < std::min(values.size(), movedValues.size()); ++d) {
      ++draws;
      kept += movedValues[d] == values[d];
    }
  }
  EXPECT_GE(transferred, 36);
  // (Not all: some rules offer sizes relative to the extent, e.g. a
  // parallel tile of a quarter of the rows.)
  EXPECT_GE(double(kept), 0.8 * double(draws)) << kept << " of " << draws;
}
