//===- fuzz-database-lines.cpp - Fuzz the JSON-lines database reader ------===//
//
// Writes the input to a file and opens it as a tuning database
// (cwm::Database::open), then queries every workload's records. Each line
// that is a JSON object also goes through parseWorkloadLine /
// parseRecordLine directly; what parses must print (toJSON) to a line that
// parses again.
//
//===----------------------------------------------------------------------===//

#include "cwm/Database/Database.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <unistd.h>

using namespace llvm;

/// One folder per process, so that parallel fuzzing jobs do not share files.
static const std::string &databasePath() {
  static const std::string path = [] {
    std::string folder = "/tmp/cwm-fuzz-" + std::to_string(::getpid());
    sys::fs::create_directories(folder);
    return folder + "/db.jsonl";
  }();
  return path;
}

[[noreturn]] static void fail(const Twine &what, StringRef line) {
  errs() << "fuzz-database-lines: " << what << "\n  line: " << line << "\n";
  std::abort();
}

/// CWM_FUZZ_SKIP_KNOWN (set by scripts/fuzz.sh while fuzzing): skip inputs
/// that hit an already reported bug, so that fuzzing time goes to new ones.
static bool skipKnown() {
  static const bool skip = std::getenv("CWM_FUZZ_SKIP_KNOWN") != nullptr;
  return skip;
}

/// A cwm bug found here (fuzz/regressions/fuzz-database-lines; fixed in
/// f5f086a): a result whose timings overflow to infinity (1e999) was read,
/// and printed as `inf`, which is not JSON.
static bool hasNonFiniteTiming(const cwm::MeasureResult &result) {
  for (double s : result.seconds)
    if (!std::isfinite(s))
      return true;
  return !std::isfinite(result.median) || !std::isfinite(result.spread) ||
         !std::isfinite(result.buildSeconds);
}

/// Direct parses of one line, and the round trip of what parses; collects
/// the workload keys that records name.
static void checkLine(StringRef line, std::vector<std::string> &recordKeys) {
  Expected<json::Value> value = json::parse(line);
  if (!value) {
    consumeError(value.takeError());
    return;
  }
  const json::Object *object = value->getAsObject();
  if (!object)
    return;
  if (Expected<cwm::WorkloadEntry> workload = cwm::parseWorkloadLine(*object)) {
    std::string printed;
    raw_string_ostream(printed) << cwm::toJSON(*workload);
    Expected<json::Value> again = json::parse(printed);
    if (!again)
      fail("a parsed workload prints as invalid JSON: " +
               toString(again.takeError()) + "\n  printed: " + printed,
           line);
    if (!again->getAsObject())
      fail("a parsed workload prints as a non-object", line);
    Expected<cwm::WorkloadEntry> reparsed =
        cwm::parseWorkloadLine(*again->getAsObject());
    if (!reparsed)
      fail("a parsed workload does not parse again: " +
               toString(reparsed.takeError()) + "\n  printed: " + printed,
           line);
  } else {
    consumeError(workload.takeError());
  }
  if (Expected<cwm::TuningRecord> record = cwm::parseRecordLine(*object)) {
    recordKeys.push_back(record->workloadKey);
    if (skipKnown() && hasNonFiniteTiming(record->result))
      return;
    std::string printed;
    raw_string_ostream(printed) << cwm::toJSON(*record);
    Expected<json::Value> again = json::parse(printed);
    if (!again)
      fail("a parsed record prints as invalid JSON: " +
               toString(again.takeError()) + "\n  printed: " + printed,
           line);
    if (!again->getAsObject())
      fail("a parsed record prints as a non-object", line);
    Expected<cwm::TuningRecord> reparsed =
        cwm::parseRecordLine(*again->getAsObject());
    if (!reparsed)
      fail("a parsed record does not parse again: " +
               toString(reparsed.takeError()) + "\n  printed: " + printed,
           line);
    if (reparsed->trace != record->trace)
      fail("a record's trace changed in the round trip", line);
  } else {
    consumeError(record.takeError());
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  StringRef text(reinterpret_cast<const char *>(data), size);
  const std::string &path = databasePath();
  {
    std::error_code ec;
    raw_fd_ostream os(path, ec);
    if (ec)
      fail("cannot write " + path + ": " + ec.message(), "");
    os << text;
  }
  std::vector<std::string> recordKeys;
  StringRef rest = text;
  while (!rest.empty()) {
    auto [line, tail] = rest.split('\n');
    rest = tail;
    if (line.trim().starts_with("{"))
      checkLine(line, recordKeys);
  }
  {
    size_t warnings = 0;
    Expected<std::unique_ptr<cwm::Database>> db = cwm::Database::open(
        path, [&](size_t, StringRef) { ++warnings; });
    if (!db) {
      consumeError(db.takeError());
    } else {
      std::vector<std::string> keys = recordKeys;
      for (const cwm::WorkloadEntry *workload : (*db)->getWorkloads())
        keys.push_back(workload->key);
      // Records may name workloads without a workload line: query those too.
      for (StringRef key : keys) {
        (void)(*db)->lookupWorkload(key);
        for (const cwm::TuningRecord *record : (*db)->getRecords(key))
          (void)(*db)->hasMeasured(key, record->trace);
        (void)(*db)->getCurrentRecords(key);
        for (size_t k : {size_t(0), size_t(1), size_t(3), size_t(1) << 20})
          (void)(*db)->getBestRecords(key, k);
        (void)(*db)->getBaseline(key);
        (void)(*db)->hasBaseline(key);
      }
      (void)(*db)->getNumRecords();
      if ((*db)->getNumCorruptLines() != warnings)
        fail("corrupt-line count differs from the warnings", "");
    }
  }
  sys::fs::remove(path);
  return 0;
}
