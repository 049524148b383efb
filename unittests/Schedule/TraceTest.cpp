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

TEST(TraceTest, JsonRoundTripIsStable) {
  Trace trace;
  Action tile;
  tile.kind = ActionKind::Tile;
  tile.target = 1;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{8, 32, 4});
  tile.decisions["note"] = Decision("x");
  trace.push_back(tile);
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

TEST(ValidityTest, ChecksTileSizesAgainstExtents) {
  TaskInfo task = matmulTask();
  Trace ok;
  Action tile;
  tile.kind = ActionKind::Tile;
  tile.target = 1;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{8, 32, 4});
  ok.push_back(tile);
  EXPECT_FALSE(bool(checkTrace(ok, task)));
  EXPECT_EQ(tiledShapes(ok, task)[1], (std::vector<int64_t>{8, 32, 4}));

  Trace wrongCount;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{8, 32});
  wrongCount.push_back(tile);
  expectRejected(wrongCount, task, "expected 3 tile sizes");

  Trace tooLarge;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{8, 256, 4});
  tooLarge.push_back(tile);
  expectRejected(tooLarge, task, "tile size 256 exceeds extent 128");

  // A tile size that does not divide its loop leaves dynamic-shaped tiles:
  // tiling is fine, vectorizing needs a pad first.
  Trace notDividing;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{7, 32, 4});
  notDividing.push_back(tile);
  EXPECT_FALSE(bool(checkTrace(notDividing, task)));
  Action vectorize;
  vectorize.kind = ActionKind::Vectorize;
  vectorize.target = 1;
  Trace unpadded = notDividing;
  unpadded.push_back(vectorize);
  expectRejected(unpadded, task, "pad the op first");
  Action pad;
  pad.kind = ActionKind::Pad;
  pad.target = 1;
  Trace padded = notDividing;
  padded.push_back(pad);
  padded.push_back(vectorize);
  EXPECT_FALSE(bool(checkTrace(padded, task)));
}

TEST(ValidityTest, RejectsHugeVectorsAndBadParallelize) {
  TaskInfo task = matmulTask();
  Trace huge;
  Action vectorize;
  vectorize.kind = ActionKind::Vectorize;
  vectorize.target = 1; // untiled: 64x128 parallel elements
  huge.push_back(vectorize);
  expectRejected(huge, task, "vector");

  Trace reductionParallel;
  Action parallelize;
  parallelize.kind = ActionKind::Parallelize;
  parallelize.target = 1;
  parallelize.decisions["sizes"] = Decision(std::vector<int64_t>{0, 0, 8});
  reductionParallel.push_back(parallelize);
  expectRejected(reductionParallel, task, "cannot parallelize reduction loop 2");
}
