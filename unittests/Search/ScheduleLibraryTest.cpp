//===- ScheduleLibraryTest.cpp - Nearest known schedules by shape ---------===//

#include "cwm/Search/ScheduleLibrary.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace cwm;

namespace {

TaskInfo matmul(int64_t m, int64_t n, int64_t k) {
  TaskInfo task;
  task.opClass = OpClass::Matmul;
  task.elementType = "f32";
  TaskOp fill, mm;
  fill.index = 0;
  fill.isFill = fill.elementwise = true;
  mm.index = 1;
  mm.name = "linalg.matmul";
  fill.loops = {{m, false}, {n, false}};
  mm.loops = {{m, false}, {n, false}, {k, true}};
  task.ops = {fill, mm};
  task.anchor = task.root = 1;
  return task;
}

ScheduleLibrary::Entry entry(const TaskInfo &task, std::string key,
                             int64_t rank, int64_t value) {
  ScheduleLibrary::Entry e;
  e.signature = ScheduleLibrary::structureSignature(task, "cpu");
  e.workload = key;
  e.key = key;
  e.shape = ScheduleLibrary::anchorShape(task);
  e.values = {value};
  e.rank = rank;
  return e;
}

} // namespace

TEST(ScheduleLibraryTest, NearestShapesOfTheSameStructureFirstBestFirst) {
  ScheduleLibrary library;
  library.add(entry(matmul(1024, 1024, 1024), "far", 0, 1));
  library.add(entry(matmul(256, 256, 256), "near", 0, 2));
  library.add(entry(matmul(256, 256, 256), "near", 1, 3));
  library.add(entry(matmul(128, 256, 256), "next", 0, 4));
  library.add(entry(matmul(200, 200, 200), "self", 0, 5));
  TaskInfo dense = matmul(200, 200, 200);
  dense.ops.push_back(dense.ops[0]); // an epilogue: another structure
  dense.ops.back().name = "linalg.generic";
  library.add(entry(dense, "other-structure", 0, 6));

  TaskInfo task = matmul(200, 200, 200);
  std::vector<const ScheduleLibrary::Entry *> found =
      library.nearest(task, "cpu", /*workloads=*/2, /*exclude=*/"self");
  // The two nearest workloads (near, next), fastest of each first, then
  // near's second; neither the task itself, the far one, nor the other
  // structure.
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0]->values[0], 2);
  EXPECT_EQ(found[1]->values[0], 4);
  EXPECT_EQ(found[2]->values[0], 3);
  EXPECT_TRUE(library.nearest(task, "cuda", 2).empty());
}

TEST(ScheduleLibraryTest, WritesAndReadsBackAndNamesABadLine) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("library", "jsonl", path));
  ScheduleLibrary library;
  library.add(entry(matmul(64, 64, 64), "a", 0, 16));
  ASSERT_FALSE(static_cast<bool>(library.write(path)));
  llvm::Expected<ScheduleLibrary> read = ScheduleLibrary::load(path);
  ASSERT_TRUE(static_cast<bool>(read)) << llvm::toString(read.takeError());
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(read->nearest(matmul(64, 64, 64), "cpu", 1)[0]->values[0], 16);
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Append);
    os << "{\"signature\": \"x\", \"shape\": [0], \"values\": []}\n";
  }
  llvm::Expected<ScheduleLibrary> bad = ScheduleLibrary::load(path);
  ASSERT_FALSE(static_cast<bool>(bad));
  std::string message = llvm::toString(bad.takeError());
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("non-positive"), std::string::npos) << message;
  llvm::sys::fs::remove(path);
  llvm::Expected<ScheduleLibrary> missing = ScheduleLibrary::load(path);
  ASSERT_FALSE(static_cast<bool>(missing));
  EXPECT_NE(llvm::toString(missing.takeError()).find("cannot read"),
            std::string::npos);
}
