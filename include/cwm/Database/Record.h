//===- Record.h - Tuning records and measurement outcomes -------*- C++ -*-===//
//
// The schema of what is stored: a workload (a task plus its target) and a
// tuning record (one measured trace of one workload). docs/database.md
// documents the JSON form.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_DATABASE_RECORD_H
#define CWM_DATABASE_RECORD_H

#include "cwm/Database/Hardware.h"
#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace cwm {

/// How a measurement ended. Everything but Ok is an error kind; a candidate
/// with an error never gets a time.
enum class MeasureStatus {
  Ok,
  InvalidTrace,   ///< rejected by the static checks, never built
  TransformError, ///< the Transform-dialect schedule failed to apply
  LoweringError,  ///< the lowering pipeline failed
  CompileError,   ///< LLVM code generation / JIT failed
  Crash,          ///< the worker died (signal, LLVM ERROR abort)
  Timeout,        ///< the worker exceeded its time limit
  OutOfMemory,    ///< the worker exceeded its memory limit
  WrongResult,    ///< outputs differ from the untransformed program's
  RunnerError,    ///< the runner itself failed (no worker binary, I/O)
};

llvm::StringRef stringifyMeasureStatus(MeasureStatus status);
std::optional<MeasureStatus> parseMeasureStatus(llvm::StringRef name);

/// What one measurement produced.
struct MeasureResult {
  MeasureStatus status = MeasureStatus::RunnerError;
  std::string message;          ///< first lines of the error, if any
  std::vector<double> seconds;  ///< every timed repetition
  double median = 0;            ///< seconds
  double spread = 0;            ///< (p90 - p10) / median of the repetitions
  int64_t threads = 1;
  double maxRelativeError = 0;  ///< ||out - ref|| / ||ref|| of the check
  double buildSeconds = 0;      ///< time to apply, lower and JIT
  int64_t signal = 0;           ///< the signal that ended the worker (crash)
  int64_t peakMemoryKiB = 0;    ///< the worker's peak resident set, if known
  /// Timed with the caches flushed before every run (flush-cache): a cold
  /// time, as a task sees it inside a model that streams its weights. Cold
  /// and warm times of one task are not comparable.
  bool cacheFlushed = false;
  /// Timed with what the schedule computes from a model's weights alone (a
  /// Winograd filter transform) made once beforehand, as a compiled model
  /// binding its weights runs it (cwm-prepare-weights): only tasks whose
  /// arguments are marked weights. Such a time leaves out work that the same
  /// computation alone does at every call (Database::getBestRecords).
  bool weightsPrepared = false;

  bool ok() const { return status == MeasureStatus::Ok; }
};

/// The layout of database lines this build writes and reads ("schema" in
/// each line, docs/database.md). A line of a newer layout is refused as
/// corrupt (reported, never rewritten); a line without one is from before
/// lines carried it, layout 1.
inline constexpr int64_t kDatabaseSchema = 1;

/// A task as stored: its key, its description and its IR (so it can be
/// re-measured or learned from without the original payload).
struct WorkloadEntry {
  std::string key;
  std::string target;
  TaskInfo task;
  std::string ir;
  /// The cwm that wrote the line ("0.5 (commit ...)"); empty for one this
  /// build creates (written with this build's version) or a line from
  /// before lines carried it.
  std::string cwmVersion;
};

/// One measured trace of one workload.
struct TuningRecord {
  std::string workloadKey;
  std::string target;       ///< "cpu"
  std::string hardware;     ///< e.g. CPU model and core count
  /// Structured hardware facts (cost-model features); absent in records
  /// written before it existed.
  std::optional<HardwareInfo> hardwareInfo;
  bool baseline = false;    ///< the untuned default lowering (empty trace)
  Trace trace;
  MeasureResult result;
  std::string timestamp;    ///< ISO-8601, UTC
  uint64_t seed = 0;        ///< of the random inputs it was checked on
  /// A new measurement of a trace the database already holds for this
  /// workload: not a trial of its own, and the label of that trace from now
  /// on (Database::getCurrentRecords). The earlier record stays in the file.
  bool remeasured = false;
  /// The cwm that measured it; empty as in WorkloadEntry::cwmVersion.
  std::string cwmVersion;
};

/// Lines carry `schema` (kDatabaseSchema) and `cwm_version` (the entry's,
/// else this build's).
llvm::json::Value toJSON(const WorkloadEntry &workload);
llvm::json::Value toJSON(const TuningRecord &record);
llvm::json::Value toJSON(const MeasureResult &result);
llvm::Expected<MeasureResult> measureResultFromJSON(const llvm::json::Value &v);

/// The current time as ISO-8601 UTC text.
std::string currentTimestamp();

} // namespace cwm

#endif // CWM_DATABASE_RECORD_H
