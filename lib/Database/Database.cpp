//===- Database.cpp - JSON-lines storage of workloads and records ---------===//

#include "cwm/Database/Database.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <tuple>

using namespace llvm;

namespace cwm {

static Error lineError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

Expected<WorkloadEntry> parseWorkloadLine(const json::Object &object) {
  WorkloadEntry workload;
  std::optional<StringRef> key = object.getString("key");
  if (!key || key->empty())
    return lineError("workload without a 'key'");
  workload.key = key->str();
  if (auto target = object.getString("target"))
    workload.target = target->str();
  const json::Value *task = object.get("task");
  if (!task)
    return lineError("workload without a 'task'");
  Expected<TaskInfo> info = taskInfoFromJSON(*task);
  if (!info)
    return info.takeError();
  workload.task = std::move(*info);
  if (auto ir = object.getString("ir"))
    workload.ir = ir->str();
  return workload;
}

Expected<TuningRecord> parseRecordLine(const json::Object &object) {
  TuningRecord record;
  std::optional<StringRef> key = object.getString("workload");
  if (!key || key->empty())
    return lineError("record without a 'workload'");
  record.workloadKey = key->str();
  if (auto target = object.getString("target"))
    record.target = target->str();
  if (auto hardware = object.getString("hardware"))
    record.hardware = hardware->str();
  if (const json::Value *info = object.get("hardware_info")) {
    Expected<HardwareInfo> parsed = hardwareInfoFromJSON(*info);
    if (!parsed)
      return parsed.takeError();
    record.hardwareInfo = std::move(*parsed);
  }
  record.baseline = object.getBoolean("baseline").value_or(false);
  const json::Value *trace = object.get("trace");
  if (!trace)
    return lineError("record without a 'trace'");
  Expected<Trace> parsedTrace = Trace::fromJSON(*trace);
  if (!parsedTrace)
    return parsedTrace.takeError();
  record.trace = std::move(*parsedTrace);
  const json::Value *result = object.get("result");
  if (!result)
    return lineError("record without a 'result'");
  Expected<MeasureResult> parsedResult = measureResultFromJSON(*result);
  if (!parsedResult)
    return parsedResult.takeError();
  record.result = std::move(*parsedResult);
  if (auto timestamp = object.getString("timestamp"))
    record.timestamp = timestamp->str();
  record.seed = object.getInteger("seed").value_or(0);
  record.remeasured = object.getBoolean("remeasured").value_or(false);
  return record;
}

Expected<std::unique_ptr<Database>>
Database::open(StringRef path, WarningHandler onCorruptLine) {
  std::unique_ptr<Database> db(new Database());
  db->path = path.str();
  bool endsWithNewline = true;
  if (sys::fs::exists(path)) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
        MemoryBuffer::getFile(path, /*IsText=*/true);
    if (!buffer)
      return createStringError(buffer.getError(),
                               "cannot read database '" + path +
                                   "': " + buffer.getError().message());
    StringRef contents = (*buffer)->getBuffer();
    endsWithNewline = contents.empty() || contents.back() == '\n';
    size_t lineNumber = 0;
    while (!contents.empty()) {
      auto [line, rest] = contents.split('\n');
      contents = rest;
      ++lineNumber;
      if (line.trim().empty())
        continue;
      auto report = [&](const Twine &why) {
        ++db->numCorruptLines;
        if (onCorruptLine)
          onCorruptLine(lineNumber, why.str());
      };
      Expected<json::Value> value = json::parse(line);
      if (!value) {
        report("not JSON (" + toString(value.takeError()) + ")");
        continue;
      }
      const json::Object *object = value->getAsObject();
      if (!object) {
        report("not a JSON object");
        continue;
      }
      std::optional<StringRef> kind = object->getString("kind");
      if (kind == StringRef("workload")) {
        Expected<WorkloadEntry> workload = parseWorkloadLine(*object);
        if (!workload) {
          report(toString(workload.takeError()));
          continue;
        }
        // A later description of the same workload replaces the earlier.
        auto it = db->workloadIndex.find(workload->key);
        if (it != db->workloadIndex.end()) {
          db->workloads[it->second] = std::move(*workload);
        } else {
          db->workloadIndex[workload->key] = db->workloads.size();
          db->workloads.push_back(std::move(*workload));
        }
      } else if (kind == StringRef("record")) {
        Expected<TuningRecord> record = parseRecordLine(*object);
        if (!record) {
          report(toString(record.takeError()));
          continue;
        }
        db->records.push_back(std::move(*record));
        db->indexRecord(db->records.size() - 1);
      } else {
        report("unknown line kind (expected \"workload\" or \"record\")");
      }
    }
  }
  std::error_code ec;
  // A database in a folder that does not exist yet: create the folder.
  StringRef parent = sys::path::parent_path(path);
  if (!parent.empty())
    ec = sys::fs::create_directories(parent);
  if (!ec)
    db->out = std::make_unique<raw_fd_ostream>(path, ec, sys::fs::OF_Append);
  if (ec)
    return createStringError(ec, "cannot open database '" + path +
                                     "' for writing: " + ec.message());
  // A killed writer may have left a partial last line: start on a fresh one.
  if (!endsWithNewline) {
    *db->out << '\n';
    db->out->flush();
  }
  return db;
}

std::unique_ptr<Database> Database::inMemory() {
  return std::unique_ptr<Database>(new Database());
}

Error Database::appendLine(const json::Value &value) {
  if (!out)
    return Error::success();
  *out << value << '\n';
  out->flush();
  if (out->has_error()) {
    std::error_code ec = out->error();
    out->clear_error();
    return createStringError(ec, "cannot write to database '" + path +
                                     "': " + ec.message());
  }
  return Error::success();
}

void Database::indexRecord(size_t position) {
  const TuningRecord &record = records[position];
  recordsByWorkload[record.workloadKey].push_back(position);
  measuredFingerprints[record.workloadKey].insert(record.trace.fingerprint());
}

Error Database::addWorkload(const WorkloadEntry &workload) {
  auto it = workloadIndex.find(workload.key);
  json::Value line = toJSON(workload);
  // The same program (same key) described by an older cwm can lack facts
  // that later rules use (say, its inputs' element type): the fresh
  // description is appended and wins, here and when the file is read again.
  if (it != workloadIndex.end() && toJSON(workloads[it->second]) == line)
    return Error::success();
  if (Error error = appendLine(std::move(line)))
    return error;
  if (it != workloadIndex.end()) {
    workloads[it->second] = workload;
    return Error::success();
  }
  workloadIndex[workload.key] = workloads.size();
  workloads.push_back(workload);
  return Error::success();
}

Error Database::addRecord(const TuningRecord &record) {
  if (Error error = appendLine(toJSON(record)))
    return error;
  records.push_back(record);
  indexRecord(records.size() - 1);
  return Error::success();
}

const WorkloadEntry *Database::lookupWorkload(StringRef key) const {
  auto it = workloadIndex.find(key);
  return it == workloadIndex.end() ? nullptr : &workloads[it->second];
}

std::vector<const WorkloadEntry *> Database::getWorkloads() const {
  std::vector<const WorkloadEntry *> result;
  for (const WorkloadEntry &workload : workloads)
    result.push_back(&workload);
  return result;
}

std::vector<const TuningRecord *> Database::getRecords(StringRef key) const {
  std::vector<const TuningRecord *> result;
  auto it = recordsByWorkload.find(key);
  if (it == recordsByWorkload.end())
    return result;
  for (size_t position : it->second)
    result.push_back(&records[position]);
  return result;
}

std::vector<const TuningRecord *>
Database::getCurrentRecords(StringRef key) const {
  std::vector<const TuningRecord *> all = getRecords(key);
  // The last record of each (machine, baseline or not, trace) wins.
  using Identity = std::tuple<StringRef, bool, uint64_t>;
  std::map<Identity, size_t> latest;
  for (size_t i = 0; i < all.size(); ++i)
    latest[Identity{all[i]->hardware, all[i]->baseline,
                    all[i]->trace.fingerprint()}] = i;
  // Each identity's latest index, in file order: one trace hash per record.
  std::vector<size_t> keep;
  keep.reserve(latest.size());
  for (const auto &entry : latest)
    keep.push_back(entry.second);
  llvm::sort(keep);
  std::vector<const TuningRecord *> result;
  result.reserve(keep.size());
  for (size_t i : keep)
    result.push_back(all[i]);
  return result;
}

std::vector<const TuningRecord *> Database::getBestRecords(StringRef key,
                                                           size_t k) const {
  std::vector<const TuningRecord *> result;
  for (const TuningRecord *record : getCurrentRecords(key))
    if (record->result.ok())
      result.push_back(record);
  std::stable_sort(result.begin(), result.end(),
                   [](const TuningRecord *a, const TuningRecord *b) {
                     return a->result.median < b->result.median;
                   });
  if (result.size() > k)
    result.resize(k);
  return result;
}

const TuningRecord *Database::getBaseline(StringRef key) const {
  for (const TuningRecord *record : getRecords(key))
    if (record->baseline && record->result.ok())
      return record;
  return nullptr;
}

bool Database::hasBaseline(StringRef key) const {
  for (const TuningRecord *record : getRecords(key))
    if (record->baseline)
      return true;
  return false;
}

bool Database::hasMeasured(StringRef key, const Trace &trace) const {
  auto it = measuredFingerprints.find(key);
  return it != measuredFingerprints.end() &&
         it->second.count(trace.fingerprint());
}

} // namespace cwm
