//===- Database.h - JSON-lines storage of workloads and records -*- C++ -*-===//
//
// One file holds both kinds of line: {"kind":"workload",...} and
// {"kind":"record",...}. Every line is written and flushed as soon as it is
// known, so a killed tuner loses nothing and resumes from the file; a corrupt
// line is reported with its line number and skipped.
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
  /// included).
  std::vector<const TuningRecord *> getBestRecords(llvm::StringRef key,
                                                   size_t k) const;
  /// The successful baseline record of a workload, if measured.
  const TuningRecord *getBaseline(llvm::StringRef key) const;
  /// True if this exact trace was already measured for this workload
  /// (successfully or not).
  bool hasMeasured(llvm::StringRef key, const Trace &trace) const;
  /// True if a baseline measurement (successful or not) exists.
  bool hasBaseline(llvm::StringRef key) const;

  size_t getNumRecords() const { return records.size(); }
  size_t getNumCorruptLines() const { return numCorruptLines; }
  llvm::StringRef getPath() const { return path; }

private:
  Database() = default;
  llvm::Error appendLine(const llvm::json::Value &value);
  void indexRecord(size_t position);

  std::string path;
  std::unique_ptr<llvm::raw_fd_ostream> out;
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
