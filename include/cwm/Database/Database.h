//===- Database.h - JSON-lines storage of workloads and records -*- C++ -*-===//
//
// One file holds three kinds of line: {"kind":"workload",...},
// {"kind":"record",...} and {"kind":"claim",...} (a trace some tuner is
// measuring now). Every line is written with one write() under an exclusive
// lock of the file, as soon as it is known, so a killed tuner loses nothing
// and resumes from the file, and several tuners can share one database: each
// reads what the others appended before it writes, and a claimed trace is
// not measured twice. A corrupt line is reported with its line number and
// skipped.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_DATABASE_DATABASE_H
#define CWM_DATABASE_DATABASE_H

#include "cwm/Database/Record.h"

#include <unordered_set>
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cwm {

class Database {
public:
  /// Called once per skipped corrupt line: (line number, reason).
  using WarningHandler = std::function<void(size_t, llvm::StringRef)>;

  /// Opens (creating if needed) the database at `path` and loads every valid
  /// line. Fails only if the file cannot be read or opened for appending.
  static llvm::Expected<std::unique_ptr<Database>>
  open(llvm::StringRef path, WarningHandler onCorruptLine = nullptr);
  /// An in-memory database that is never written to disk.
  static std::unique_ptr<Database> inMemory();

  /// Adds a workload, or replaces the description of one with the same key
  /// when it differs (a newer cwm may describe it more fully); persists it.
  llvm::Error addWorkload(const WorkloadEntry &workload);
  /// Appends a record and flushes it to disk before returning.
  llvm::Error addRecord(const TuningRecord &record);

  const WorkloadEntry *lookupWorkload(llvm::StringRef key) const;
  std::vector<const WorkloadEntry *> getWorkloads() const;
  /// Every record of a workload, in file order.
  std::vector<const TuningRecord *> getRecords(llvm::StringRef key) const;
  /// The records of a workload that give each trace's current measurement:
  /// where one trace was measured more than once on one machine (a
  /// re-measurement), only the latest of its records, in file order.
  std::vector<const TuningRecord *>
  getCurrentRecords(llvm::StringRef key) const;
  /// The k fastest successful current records of a workload (baseline
  /// included), among those timed in the cache state (cache_flushed or
  /// not) of its latest successful record: cold and warm times do not
  /// compare, and the latest run's state is the one asked for. Records
  /// timed with weights prepared (MeasureResult::weightsPrepared) count only
  /// for a caller that prepares them too (`weightsPrepared`: a model's task
  /// compiled with cwm-prepare-weights); the same computation alone does
  /// that work at every call.
  std::vector<const TuningRecord *>
  getBestRecords(llvm::StringRef key, size_t k,
                 bool weightsPrepared = false) const;
  /// The latest successful baseline record of a workload, if measured.
  const TuningRecord *getBaseline(llvm::StringRef key) const;
  /// True if this exact trace was already measured for this workload
  /// (successfully or not).
  bool hasMeasured(llvm::StringRef key, const Trace &trace) const;
  /// True if a baseline measurement (successful or not) exists.
  bool hasBaseline(llvm::StringRef key) const;

  /// Reads what other processes appended since this one last read or wrote.
  llvm::Error refresh();
  /// Reserves `trace` (the baseline if `baseline`) of workload `key` for this
  /// process: false if it is measured already or claimed by another live
  /// tuner (after reading what others appended). A claim ends when this
  /// process records the trace or exits.
  llvm::Expected<bool> claim(llvm::StringRef key, const Trace &trace,
                             bool baseline = false);

  size_t getNumRecords() const { return records.size(); }
  size_t getNumCorruptLines() const { return numCorruptLines; }
  llvm::StringRef getPath() const { return path; }

  ~Database();

private:
  Database() = default;
  llvm::Error appendLine(const llvm::json::Value &value);
  llvm::Error readOnlyError() const;
  /// Appends one line; the caller holds the exclusive lock and caught up.
  llvm::Error writeLine(const llvm::json::Value &value);
  /// Under the lock: reads and indexes the lines appended since `readSize`.
  llvm::Error catchUp();
  /// Parses and indexes complete lines of `text` (the file from `readSize`).
  void ingest(llvm::StringRef text);
  void indexRecord(size_t position);
  bool isClaimedByOther(llvm::StringRef key, uint64_t fingerprint) const;

  std::string path;
  int fd = -1;
  bool readOnly = false;
  /// Bytes of the file read and indexed so far (complete lines only).
  uint64_t readSize = 0;
  size_t lineNumber = 0;
  WarningHandler onCorruptLine;
  /// Live claims by other processes: workload -> trace fingerprint -> owner.
  llvm::StringMap<std::map<uint64_t, std::string>> claims;
  std::vector<WorkloadEntry> workloads;
  llvm::StringMap<size_t> workloadIndex;
  std::vector<TuningRecord> records;
  llvm::StringMap<std::vector<size_t>> recordsByWorkload;
  llvm::StringMap<std::unordered_set<uint64_t>> measuredFingerprints;
  size_t numCorruptLines = 0;
};

/// Parses one database line; exposed for tests and tools.
llvm::Expected<WorkloadEntry> parseWorkloadLine(const llvm::json::Object &o);
llvm::Expected<TuningRecord> parseRecordLine(const llvm::json::Object &o);

} // namespace cwm

#endif // CWM_DATABASE_DATABASE_H
