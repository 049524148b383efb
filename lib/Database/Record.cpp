//===- Record.cpp - Tuning records and measurement outcomes ---------------===//

#include "cwm/Database/Record.h"

#include "cwm/Version.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <ctime>
#include <limits>

using namespace llvm;

namespace cwm {

StringRef stringifyMeasureStatus(MeasureStatus status) {
  switch (status) {
  case MeasureStatus::Ok:
    return "ok";
  case MeasureStatus::InvalidTrace:
    return "invalid_trace";
  case MeasureStatus::TransformError:
    return "transform_error";
  case MeasureStatus::LoweringError:
    return "lowering_error";
  case MeasureStatus::CompileError:
    return "compile_error";
  case MeasureStatus::Crash:
    return "crash";
  case MeasureStatus::Timeout:
    return "timeout";
  case MeasureStatus::OutOfMemory:
    return "out_of_memory";
  case MeasureStatus::WrongResult:
    return "wrong_result";
  case MeasureStatus::RunnerError:
    return "runner_error";
  }
  llvm_unreachable("unknown status");
}

std::optional<MeasureStatus> parseMeasureStatus(StringRef name) {
  return StringSwitch<std::optional<MeasureStatus>>(name)
      .Case("ok", MeasureStatus::Ok)
      .Case("invalid_trace", MeasureStatus::InvalidTrace)
      .Case("transform_error", MeasureStatus::TransformError)
      .Case("lowering_error", MeasureStatus::LoweringError)
      .Case("compile_error", MeasureStatus::CompileError)
      .Case("crash", MeasureStatus::Crash)
      .Case("timeout", MeasureStatus::Timeout)
      .Case("out_of_memory", MeasureStatus::OutOfMemory)
      .Case("wrong_result", MeasureStatus::WrongResult)
      .Case("runner_error", MeasureStatus::RunnerError)
      .Default(std::nullopt);
}

json::Value toJSON(const MeasureResult &result) {
  json::Array seconds;
  for (double s : result.seconds)
    seconds.push_back(s);
  json::Object object{{"status", stringifyMeasureStatus(result.status)},
                      {"seconds", std::move(seconds)},
                      {"median", result.median},
                      {"spread", result.spread},
                      {"threads", result.threads},
                      // JSON has no NaN or infinity: null stands for
                      // outputs that are not finite (a NaN-producing kernel).
                      {"max_rel_error",
                       std::isfinite(result.maxRelativeError)
                           ? json::Value(result.maxRelativeError)
                           : json::Value(nullptr)},
                      {"build_seconds", result.buildSeconds}};
  if (!result.message.empty())
    object["message"] = result.message;
  if (result.signal != 0)
    object["signal"] = result.signal;
  if (result.peakMemoryKiB > 0)
    object["peak_memory_kib"] = result.peakMemoryKiB;
  if (result.cacheFlushed)
    object["cache_flushed"] = true;
  if (result.weightsPrepared)
    object["weights_prepared"] = true;
  return object;
}

Expected<MeasureResult> measureResultFromJSON(const json::Value &value) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return createStringError(inconvertibleErrorCode(),
                             "result is not an object");
  MeasureResult result;
  std::optional<StringRef> status = object->getString("status");
  if (!status)
    return createStringError(inconvertibleErrorCode(),
                             "result has no 'status'");
  std::optional<MeasureStatus> parsed = parseMeasureStatus(*status);
  if (!parsed)
    return createStringError(inconvertibleErrorCode(),
                             "unknown status '" + *status + "'");
  result.status = *parsed;
  if (auto message = object->getString("message"))
    result.message = message->str();
  if (const json::Array *seconds = object->getArray("seconds"))
    for (const json::Value &s : *seconds)
      if (auto d = s.getAsNumber())
        result.seconds.push_back(*d);
  result.median = object->getNumber("median").value_or(0);
  result.spread = object->getNumber("spread").value_or(0);
  result.threads = object->getInteger("threads").value_or(1);
  if (const json::Value *error = object->get("max_rel_error"))
    result.maxRelativeError = error->getAsNull()
                                  ? std::numeric_limits<double>::infinity()
                                  : error->getAsNumber().value_or(0);
  result.buildSeconds = object->getNumber("build_seconds").value_or(0);
  result.signal = object->getInteger("signal").value_or(0);
  result.peakMemoryKiB = object->getInteger("peak_memory_kib").value_or(0);
  result.cacheFlushed = object->getBoolean("cache_flushed").value_or(false);
  result.weightsPrepared =
      object->getBoolean("weights_prepared").value_or(false);
  // A number like 1e999 parses as infinity: a time that cannot be true, and
  // that JSON cannot hold when the record is written back.
  bool finite = std::isfinite(result.median) && std::isfinite(result.spread) &&
                std::isfinite(result.buildSeconds) &&
                llvm::all_of(result.seconds,
                             [](double s) { return std::isfinite(s); });
  if (!finite)
    return createStringError(inconvertibleErrorCode(),
                             "result with a time that is not finite");
  if (result.ok() && !(result.median > 0))
    return createStringError(inconvertibleErrorCode(),
                             "successful result without a positive median");
  return result;
}

/// The version a line records: the entry's own, else this build's.
static std::string lineVersion(const std::string &entryVersion) {
  return entryVersion.empty() ? versionString() : entryVersion;
}

json::Value toJSON(const WorkloadEntry &workload) {
  return json::Object{{"kind", "workload"},
                      {"schema", kDatabaseSchema},
                      {"cwm_version", lineVersion(workload.cwmVersion)},
                      {"key", workload.key},
                      {"target", workload.target},
                      {"task", toJSON(workload.task)},
                      {"ir", workload.ir}};
}

json::Value toJSON(const TuningRecord &record) {
  json::Object object{{"kind", "record"},
                      {"schema", kDatabaseSchema},
                      {"cwm_version", lineVersion(record.cwmVersion)},
                      {"workload", record.workloadKey},
                      {"target", record.target},
                      {"hardware", record.hardware},
                      {"baseline", record.baseline},
                      {"trace", record.trace.toJSON()},
                      {"result", toJSON(record.result)},
                      {"timestamp", record.timestamp},
                      {"seed", static_cast<int64_t>(record.seed)}};
  if (record.hardwareInfo)
    object["hardware_info"] = toJSON(*record.hardwareInfo);
  if (record.remeasured)
    object["remeasured"] = true;
  return object;
}

std::string currentTimestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc;
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

} // namespace cwm
