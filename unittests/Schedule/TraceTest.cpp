//===- TraceTest.cpp - Trace JSON form and static checks ------------------===//

#include "cwm/Schedule/Trace.h"
#include "cwm/Schedule/Validity.h"

#include "llvm/Support/FormatVariadic.h"

#include "gtest/gtest.h"

using namespace cwm;

static TaskInfo matmulTask() {
  TaskInfo task;
  task.opClass = OpClass::Matmul;
  TaskOp fill;
  fill.index = 0;
  fill.isFill = true;
  fill.loops = {{64, false}, {128, false}};
  fill.outputLoops = {0, 1};
  TaskOp mm;
  mm.index = 1;
  mm.name = "linalg.matmul";
  mm.loops = {{64, false}, {128, false}, {32, true}};
  mm.outputLoops = {0, 1};
  task.ops = {fill, mm};
  task.anchor = task.root = 1;
  return task;
}

/// Expects `trace` to fail the static checks with a message containing `what`.
static void expectRejected(const Trace &trace, const TaskInfo &task,
                           llvm::StringRef what) {
  llvm::Error error = checkTrace(trace, task);
  ASSERT_TRUE(bool(error)) << "trace was accepted: " << trace.str();
  std::string message = llvm::toString(std::move(error));
  EXPECT_NE(message.find(what.str()), std::string::npos) << message;
}

/// Expects `trace` to pass the static checks.
static void expectAccepted(const Trace &trace, const TaskInfo &task) {
  llvm::Error error = checkTrace(trace, task);
  EXPECT_FALSE(bool(error)) << trace.str() << ": "
                            << llvm::toString(std::move(error));
  llvm::consumeError(std::move(error));
}

/// An action with optional "sizes" decisions.
static Action makeAction(ActionKind kind, int64_t target,
                         std::vector<int64_t> sizes = {}) {
  Action action;
  action.kind = kind;
  action.target = target;
  if (!sizes.empty())
    action.decisions["sizes"] = Decision(std::move(sizes));
  return action;
}

TEST(TraceTest, JsonRoundTripIsStable) {
  Trace trace;
  Action tile;
  tile.kind = ActionKind::Tile;
  tile.target = 1;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{8, 32, 4});
  tile.decisions["interchange"] = Decision(std::vector<int64_t>{1, 0, 2});
  trace.push_back(tile);
  Action vectorize;
  vectorize.kind = ActionKind::Vectorize;
  vectorize.target = 1;
  vectorize.decisions["contraction"] = Decision("dot");
  trace.push_back(vectorize);
  trace.setChoices({3, 1});
  llvm::Expected<Trace> parsed = Trace::parse(llvm::formatv("{0}", trace.toJSON()).str());
  ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
  EXPECT_EQ(*parsed, trace);
  EXPECT_EQ(parsed->str(), trace.str());
  EXPECT_EQ(parsed->getChoices(), trace.getChoices());
  EXPECT_EQ(parsed->fingerprint(), trace.fingerprint());
  EXPECT_EQ(parsed->getActions()[0].getList("sizes"),
            (std::vector<int64_t>{8, 32, 4}));
}

TEST(TraceTest, RejectsUnknownFieldsAndDecisions) {
  auto errorOf = [](llvm::StringRef text) {
    llvm::Expected<Trace> parsed = Trace::parse(text);
    return parsed ? std::string() : llvm::toString(parsed.takeError());
  };
  // A misspelt decision is refused, naming it and what the action takes.
  std::string typo = errorOf(
      R"({"version":1,"actions":[{"kind":"tile","target":1,)"
      R"("decisions":{"sizes":[8,8,8],"interchnage":[1,0,2]}}]})");
  EXPECT_NE(typo.find("unknown decision 'interchnage' for 'tile'"),
            std::string::npos)
      << typo;
  EXPECT_NE(typo.find("'sizes', 'interchange'"), std::string::npos) << typo;
  // A decision of the wrong JSON kind.
  std::string kind = errorOf(R"({"version":1,"actions":[{"kind":"unroll",)"
                             R"("target":1,"decisions":{"factor":[4]}}]})");
  EXPECT_NE(kind.find("decision 'factor' must be an integer"),
            std::string::npos)
      << kind;
  // Actions without decisions take none.
  std::string none = errorOf(R"({"version":1,"actions":[{"kind":"hoist",)"
                             R"("target":1,"decisions":{"factor":4}}]})");
  EXPECT_NE(none.find("it takes none"), std::string::npos) << none;
  // Unknown fields of an action and of the trace.
  std::string field = errorOf(R"({"version":1,"actions":[{"kind":"hoist",)"
                              R"("target":1,"decisons":{}}]})");
  EXPECT_NE(field.find("action 0: unknown field 'decisons'"), std::string::npos)
      << field;
  std::string top = errorOf(R"({"version":1,"actions":[],"choises":[1]})");
  EXPECT_NE(top.find("the trace: unknown field 'choises'"), std::string::npos)
      << top;
  std::string choices = errorOf(R"({"version":1,"actions":[],"choices":[1.5]})");
  EXPECT_NE(choices.find("'choices' must be a list of integers"),
            std::string::npos)
      << choices;
}

TEST(TraceTest, RejectsBadJson) {
  EXPECT_FALSE(bool(Trace::parse("{")));
  llvm::Expected<Trace> wrongVersion = Trace::parse(R"({"version":2,"actions":[]})");
  ASSERT_FALSE(bool(wrongVersion));
  EXPECT_NE(llvm::toString(wrongVersion.takeError()).find("unsupported version 2"),
            std::string::npos);
  llvm::Expected<Trace> badKind =
      Trace::parse(R"({"version":1,"actions":[{"kind":"fly","target":0}]})");
  ASSERT_FALSE(bool(badKind));
  EXPECT_NE(llvm::toString(badKind.takeError()).find("unknown kind 'fly'"),
            std::string::npos);
}

TEST(ValidityTest, ShapesBeforeEachActionMatchTheShapesOfEachPrefix) {
  TaskInfo task = matmulTask();
  Trace trace;
  trace.push_back(makeAction(ActionKind::Parallelize, 1, {32, 0, 0}));
  trace.push_back(makeAction(ActionKind::Tile, 1, {8, 32, 4}));
  trace.push_back(makeAction(ActionKind::Tile, 0, {8, 32}));
  // The last action fails (a tile larger than the tiled loop): later
  // entries keep the state where the walk stopped.
  trace.push_back(makeAction(ActionKind::Tile, 1, {16, 0, 0}));
  std::vector<std::vector<std::vector<int64_t>>> history =
      shapesBeforeEachAction(trace, task);
  ASSERT_EQ(history.size(), trace.size());
  std::vector<Action> prefix;
  for (size_t i = 0; i < trace.size(); ++i) {
    EXPECT_EQ(history[i], tiledShapes(Trace(prefix), task)) << "action " << i;
    prefix.push_back(trace.getActions()[i]);
  }
  EXPECT_EQ(history[2][1], (std::vector<int64_t>{8, 32, 4}));
}

TEST(ValidityTest, ChecksTileSizesAgainstExtents) {
  TaskInfo task = matmulTask();
  Trace ok;
  ok.push_back(makeAction(ActionKind::Tile, 1, {8, 32, 4}));
  expectAccepted(ok, task);
  EXPECT_EQ(tiledShapes(ok, task)[1], (std::vector<int64_t>{8, 32, 4}));

  Trace wrongCount;
  wrongCount.push_back(makeAction(ActionKind::Tile, 1, {8, 32}));
  expectRejected(wrongCount, task, "expected 3 tile sizes");

  Trace tooLarge;
  tooLarge.push_back(makeAction(ActionKind::Tile, 1, {8, 256, 4}));
  expectRejected(tooLarge, task, "tile size 256 exceeds extent 128");

  // A tile size that does not divide its loop leaves dynamic-shaped tiles:
  // tiling is fine, vectorizing needs a pad first.
  Trace notDividing;
  notDividing.push_back(makeAction(ActionKind::Tile, 1, {7, 32, 4}));
  expectAccepted(notDividing, task);
  Trace unpadded = notDividing;
  unpadded.push_back(makeAction(ActionKind::Vectorize, 1));
  expectRejected(unpadded, task, "pad the op first");
  Trace padded = notDividing;
  padded.push_back(makeAction(ActionKind::Pad, 1));
  padded.push_back(makeAction(ActionKind::Vectorize, 1));
  expectAccepted(padded, task);
}

TEST(ValidityTest, RejectsHugeVectorsAndBadParallelize) {
  TaskInfo task = matmulTask();
  Trace huge; // untiled: 64x128 parallel elements
  huge.push_back(makeAction(ActionKind::Vectorize, 1));
  expectRejected(huge, task, "vector");

  Trace reductionParallel;
  reductionParallel.push_back(makeAction(ActionKind::Parallelize, 1, {0, 0, 8}));
  expectRejected(reductionParallel, task, "cannot parallelize reduction loop 2");
}
