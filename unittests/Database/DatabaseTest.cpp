//===- DatabaseTest.cpp - JSON-lines storage ------------------------------===//

#include "cwm/Database/Database.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace cwm;

static WorkloadEntry workload() {
  WorkloadEntry w;
  w.key = "k1";
  w.target = "cpu";
  w.task.name = "mm";
  w.task.opClass = OpClass::Matmul;
  TaskOp op;
  op.name = "linalg.matmul";
  op.loops = {{4, false}, {4, false}, {4, true}};
  w.task.ops = {op};
  w.ir = "module {}";
  return w;
}

static TuningRecord record(double seconds, MeasureStatus status, int64_t tile) {
  TuningRecord r;
  r.workloadKey = "k1";
  r.target = "cpu";
  Action action;
  action.kind = ActionKind::Tile;
  action.decisions["sizes"] = Decision(std::vector<int64_t>{tile, 4, 4});
  r.trace.push_back(action);
  r.result.status = status;
  r.result.median = seconds;
  r.result.seconds = {seconds};
  return r;
}

// Creates a temporary database file holding workload() and `records`, and
// closes it again.
static void createDatabase(llvm::SmallString<128> &path,
                           llvm::ArrayRef<TuningRecord> records) {
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("cwm-db-test", "jsonl", path));
  auto db = Database::open(path);
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  ASSERT_FALSE(bool((*db)->addWorkload(workload())));
  for (const TuningRecord &r : records)
    ASSERT_FALSE(bool((*db)->addRecord(r)));
}

TEST(DatabaseTest, PersistsResumesAndSkipsCorruptLines) {
  llvm::SmallString<128> path;
  ASSERT_NO_FATAL_FAILURE(createDatabase(
      path, {record(2.0, MeasureStatus::Ok, 1), record(1.0, MeasureStatus::Ok, 2),
             record(0, MeasureStatus::Crash, 4)}));
  // A killed writer's partial line, then garbage.
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Append);
    os << "{\"kind\":\"record\",\"workl";
  }
  std::vector<size_t> badLines;
  auto db = Database::open(path, [&](size_t line, llvm::StringRef) {
    badLines.push_back(line);
  });
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  EXPECT_EQ(badLines, std::vector<size_t>{5});
  EXPECT_EQ((*db)->getNumRecords(), 3u);
  ASSERT_NE((*db)->lookupWorkload("k1"), nullptr);
  EXPECT_EQ((*db)->lookupWorkload("k1")->task.name, "mm");
  auto best = (*db)->getBestRecords("k1", 5);
  ASSERT_EQ(best.size(), 2u); // the crash has no time
  EXPECT_DOUBLE_EQ(best[0]->result.median, 1.0);
  EXPECT_TRUE((*db)->hasMeasured("k1", record(0, MeasureStatus::Ok, 4).trace));
  EXPECT_FALSE((*db)->hasMeasured("k1", record(0, MeasureStatus::Ok, 8).trace));
  // Appending after the partial line starts a fresh line.
  ASSERT_FALSE(bool((*db)->addRecord(record(0.5, MeasureStatus::Ok, 8))));
  db->reset();
  auto reopened = Database::open(path);
  ASSERT_TRUE(bool(reopened));
  EXPECT_EQ((*reopened)->getNumRecords(), 4u);
  EXPECT_EQ((*reopened)->getNumCorruptLines(), 1u);
  llvm::sys::fs::remove(path);
}

TEST(DatabaseTest, AFresherWorkloadDescriptionReplacesTheStoredOne) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("cwm-db-test", "jsonl", path));
  {
    auto db = Database::open(path);
    ASSERT_TRUE(bool(db));
    ASSERT_FALSE(bool((*db)->addWorkload(workload())));
    ASSERT_FALSE(bool((*db)->addRecord(record(1.0, MeasureStatus::Ok, 2))));
    // Same program, described with a fact an older writer lacked.
    WorkloadEntry fuller = workload();
    fuller.task.inputElementType = "f16";
    ASSERT_FALSE(bool((*db)->addWorkload(fuller)));
    EXPECT_EQ((*db)->lookupWorkload("k1")->task.anchorInputType(), "f16");
    // Adding the same description again writes nothing.
    ASSERT_FALSE(bool((*db)->addWorkload(fuller)));
  }
  auto reopened = Database::open(path);
  ASSERT_TRUE(bool(reopened));
  EXPECT_EQ((*reopened)->getWorkloads().size(), 1u);
  EXPECT_EQ((*reopened)->lookupWorkload("k1")->task.anchorInputType(), "f16");
  EXPECT_EQ((*reopened)->getNumRecords(), 1u);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(buffer));
  EXPECT_EQ((*buffer)->getBuffer().count('\n'), 3u); // two workload lines, one record
  llvm::sys::fs::remove(path);
}

TEST(DatabaseTest, HardwareInfoRoundTripsAndBadTargetsAreErrors) {
  HardwareInfo info;
  info.target = "cuda";
  info.model = "NVIDIA H100 80GB HBM3";
  info.sms = 132;
  info.maxThreadsPerBlock = 1024;
  info.l2Bytes = 52428800;
  info.ghz = 1.98;
  info.bandwidthGBs = 3352.3;
  llvm::json::Value value = toJSON(info);
  const llvm::json::Object *object = value.getAsObject();
  ASSERT_NE(object, nullptr);
  EXPECT_FALSE(object->get("cores")); // unknown fields are left out
  llvm::Expected<HardwareInfo> back = hardwareInfoFromJSON(value);
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  EXPECT_TRUE(*back == info);
  EXPECT_EQ(back->sms, 132);
  EXPECT_DOUBLE_EQ(back->ghz, 1.98);

  llvm::Expected<HardwareInfo> bad =
      hardwareInfoFromJSON(llvm::json::Object{{"target", "tpu"}});
  ASSERT_FALSE(static_cast<bool>(bad));
  EXPECT_NE(llvm::toString(bad.takeError()).find("unknown target 'tpu'"),
            std::string::npos);
}

TEST(DatabaseTest, ARemeasurementReplacesTheLabelOfItsTrace) {
  llvm::SmallString<128> path;
  TuningRecord again = record(2.0, MeasureStatus::Ok, 1);
  again.remeasured = true;
  ASSERT_NO_FATAL_FAILURE(createDatabase(
      path, {record(9.0, MeasureStatus::Ok, 1), record(3.0, MeasureStatus::Ok, 2),
             again}));
  auto db = Database::open(path);
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  // Every record stays; the current ones hold each trace's latest label.
  EXPECT_EQ((*db)->getRecords("k1").size(), 3u);
  auto current = (*db)->getCurrentRecords("k1");
  ASSERT_EQ(current.size(), 2u);
  EXPECT_DOUBLE_EQ(current[0]->result.median, 3.0);
  EXPECT_DOUBLE_EQ(current[1]->result.median, 2.0);
  EXPECT_TRUE(current[1]->remeasured);
  EXPECT_FALSE(current[0]->remeasured);
  auto best = (*db)->getBestRecords("k1", 1);
  ASSERT_EQ(best.size(), 1u);
  EXPECT_DOUBLE_EQ(best[0]->result.median, 2.0);
  // The same trace on another machine is another label.
  TuningRecord elsewhere = record(5.0, MeasureStatus::Ok, 2);
  elsewhere.hardware = "another machine";
  ASSERT_FALSE(bool((*db)->addRecord(elsewhere)));
  EXPECT_EQ((*db)->getCurrentRecords("k1").size(), 3u);
}

TEST(DatabaseTest, TheLatestCacheStateRanksTheWorkload) {
  // Warm times are faster than cold ones of the same schedules: a workload
  // is ranked among the records timed like its latest successful one.
  llvm::SmallString<128> path;
  TuningRecord cold = record(3.0, MeasureStatus::Ok, 2);
  cold.result.cacheFlushed = true;
  TuningRecord failedWarm = record(0, MeasureStatus::Timeout, 3);
  ASSERT_NO_FATAL_FAILURE(createDatabase(
      path, {record(1.0, MeasureStatus::Ok, 1), cold, failedWarm}));
  auto db = Database::open(path);
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  auto best = (*db)->getBestRecords("k1", 5);
  ASSERT_EQ(best.size(), 1u);
  EXPECT_DOUBLE_EQ(best[0]->result.median, 3.0);
  EXPECT_TRUE(best[0]->result.cacheFlushed);
  // The flag survives the file.
  auto reopened = Database::open(path);
  ASSERT_TRUE(bool(reopened)) << llvm::toString(reopened.takeError());
  EXPECT_TRUE((*reopened)->getBestRecords("k1", 1)[0]->result.cacheFlushed);
  // A warm measurement after it: warm times rank again.
  ASSERT_FALSE(bool((*db)->addRecord(record(1.5, MeasureStatus::Ok, 4))));
  best = (*db)->getBestRecords("k1", 5);
  ASSERT_EQ(best.size(), 2u);
  EXPECT_DOUBLE_EQ(best[0]->result.median, 1.0);
  EXPECT_DOUBLE_EQ(best[1]->result.median, 1.5);
}

TEST(DatabaseTest, TimesWithWeightsPreparedCountOnlyWhereTheyArePrepared) {
  // A Winograd schedule of a model's task timed without its filter
  // transform (made once per binding) is faster than the same computation
  // alone runs it: it ranks only for a caller that prepares weights too.
  llvm::SmallString<128> path;
  TuningRecord prepared = record(1.0, MeasureStatus::Ok, 2);
  prepared.result.weightsPrepared = true;
  ASSERT_NO_FATAL_FAILURE(
      createDatabase(path, {record(2.0, MeasureStatus::Ok, 1), prepared}));
  auto db = Database::open(path);
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  auto alone = (*db)->getBestRecords("k1", 5);
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_DOUBLE_EQ(alone[0]->result.median, 2.0);
  auto inModel = (*db)->getBestRecords("k1", 5, /*weightsPrepared=*/true);
  ASSERT_EQ(inModel.size(), 2u);
  EXPECT_DOUBLE_EQ(inModel[0]->result.median, 1.0);
  EXPECT_TRUE(inModel[0]->result.weightsPrepared);
  // The flag survives the file.
  auto reopened = Database::open(path);
  ASSERT_TRUE(bool(reopened)) << llvm::toString(reopened.takeError());
  EXPECT_TRUE((*reopened)
                  ->getBestRecords("k1", 1, /*weightsPrepared=*/true)[0]
                  ->result.weightsPrepared);
}

TEST(DatabaseTest, TwoHandlesOnOneFileSeeEachOthersLines) {
  llvm::SmallString<128> path;
  ASSERT_NO_FATAL_FAILURE(createDatabase(path, {}));
  auto first = Database::open(path);
  auto second = Database::open(path);
  ASSERT_TRUE(bool(first) && bool(second));
  // What one appends, the other reads on refresh, or before its own append.
  ASSERT_FALSE(bool((*first)->addRecord(record(1.0, MeasureStatus::Ok, 1))));
  EXPECT_EQ((*second)->getNumRecords(), 0u);
  ASSERT_FALSE(bool((*second)->refresh()));
  EXPECT_EQ((*second)->getNumRecords(), 1u);
  EXPECT_TRUE((*second)->hasMeasured("k1", record(0, MeasureStatus::Ok, 1).trace));
  ASSERT_FALSE(bool((*first)->addRecord(record(2.0, MeasureStatus::Ok, 2))));
  ASSERT_FALSE(bool((*second)->addRecord(record(3.0, MeasureStatus::Ok, 4))));
  EXPECT_EQ((*second)->getNumRecords(), 3u);
  // A claim of a measured trace fails; of a new one succeeds (and is a line
  // that readers skip, not a corrupt one).
  llvm::Expected<bool> measured =
      (*first)->claim("k1", record(0, MeasureStatus::Ok, 4).trace);
  ASSERT_TRUE(bool(measured));
  EXPECT_FALSE(*measured);
  llvm::Expected<bool> fresh =
      (*first)->claim("k1", record(0, MeasureStatus::Ok, 8).trace);
  ASSERT_TRUE(bool(fresh));
  EXPECT_TRUE(*fresh);
  first->reset();
  second->reset();
  auto reopened = Database::open(path);
  ASSERT_TRUE(bool(reopened));
  EXPECT_EQ((*reopened)->getNumRecords(), 3u);
  EXPECT_EQ((*reopened)->getNumCorruptLines(), 0u);
  llvm::sys::fs::remove(path);
}

TEST(DatabaseTest, AFolderOrAnUnwritableFileIsAClearError) {
  llvm::SmallString<128> folder;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cwm-db-folder", folder));
  auto db = Database::open(folder);
  ASSERT_FALSE(bool(db));
  EXPECT_NE(llvm::toString(db.takeError()).find("it is a folder"),
            std::string::npos);
  llvm::sys::fs::remove(folder);
}

TEST(DatabaseTest, NumbersThatOverflowToInfinityMakeALineCorrupt) {
  // 1e999 parses as infinity; written back it would be `inf`, not JSON.
  // (Found by fuzz/fuzz-database-lines; regression inputs in
  // fuzz/regressions/fuzz-database-lines.)
  llvm::Expected<llvm::json::Value> record = llvm::json::parse(
      R"({"kind":"record","workload":"k","trace":{"version":1,"actions":[]},)"
      R"("result":{"status":"ok","median":0.5,"seconds":[1e999,0.5]}})");
  ASSERT_TRUE(bool(record));
  llvm::Expected<TuningRecord> parsed =
      parseRecordLine(*record->getAsObject());
  ASSERT_FALSE(bool(parsed));
  EXPECT_NE(llvm::toString(parsed.takeError()).find("not finite"),
            std::string::npos);
  llvm::Expected<llvm::json::Value> hardware = llvm::json::parse(
      R"({"kind":"record","workload":"k","trace":{"version":1,"actions":[]},)"
      R"("hardware_info":{"target":"cpu","ghz":1e400},)"
      R"("result":{"status":"ok","median":0.5,"seconds":[0.5]}})");
  ASSERT_TRUE(bool(hardware));
  llvm::Expected<TuningRecord> withHardware =
      parseRecordLine(*hardware->getAsObject());
  ASSERT_FALSE(bool(withHardware));
  EXPECT_NE(llvm::toString(withHardware.takeError()).find("not finite"),
            std::string::npos);
}

TEST(DatabaseTest, ATaskDescriptionNamingLoopsItLacksIsRefused) {
  // One matmul op of three loops; each case spoils one of its loop lists.
  auto parse = [](llvm::StringRef op) {
    llvm::Expected<llvm::json::Value> value = llvm::json::parse(
        (R"({"op_class":"matmul","ops":[{"extents":[4,4,4],)"
         R"("iterators":["p","p","r"],)" +
         op + "}]}")
            .str());
    EXPECT_TRUE(bool(value));
    return taskInfoFromJSON(*value);
  };
  llvm::Expected<TaskInfo> good = parse(
      R"("operand_strides":[[0,0,1],[0,1,0],[0,1,0]],)"
      R"("input_loops":[[0,2],[2,1]],"output_loops":[0,-1])");
  ASSERT_TRUE(bool(good)) << llvm::toString(good.takeError());
  EXPECT_EQ(good->ops[0].inputLoops,
            (std::vector<std::vector<int64_t>>{{0, 2}, {2, 1}}));
  EXPECT_EQ(good->ops[0].outputLoops, (std::vector<int64_t>{0, -1}));
  for (auto [op, message] :
       std::vector<std::pair<const char *, const char *>>{
           {R"("input_loops":[[0,7]])", "'input_loops' entry holds 7"},
           {R"("input_loops":[[0,"k"]])", "holds a non-integer"},
           {R"("input_loops":[3])", "'input_loops' entry is not a list"},
           {R"("input_loops":{"a":1})", "'input_loops' is not a list"},
           {R"("output_loops":[0,-2])", "'output_loops' holds -2"},
           {R"("operand_strides":[[0,1]])", "one stride per loop"},
           {R"("operand_strides":[[0,1,null]])", "must hold integers"}}) {
    llvm::Expected<TaskInfo> bad = parse(op);
    ASSERT_FALSE(bool(bad)) << op;
    std::string error = llvm::toString(bad.takeError());
    EXPECT_NE(error.find("malformed task description: op 0: "),
              std::string::npos)
        << error;
    EXPECT_NE(error.find(message), std::string::npos) << error;
  }
}
