//===- Database.cpp - JSON-lines storage of workloads and records ---------===//

#include "cwm/Database/Database.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>

#include <csignal>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <map>
#include <tuple>

using namespace llvm;

namespace cwm {

static Error lineError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// A line of a layout newer than this build's is not guessed at.
static Error checkSchema(const json::Object &object) {
  std::optional<int64_t> schema = object.getInteger("schema");
  if (object.get("schema") && !schema)
    return lineError("'schema' is not an integer");
  if (schema && (*schema < 1 || *schema > kDatabaseSchema))
    return lineError("line of database schema " + Twine(*schema) +
                     ", this cwm reads schema 1 to " + Twine(kDatabaseSchema) +
                     (*schema > kDatabaseSchema ? " (written by a newer cwm)"
                                                : ""));
  return Error::success();
}

Expected<WorkloadEntry> parseWorkloadLine(const json::Object &object) {
  if (Error error = checkSchema(object))
    return std::move(error);
  WorkloadEntry workload;
  if (auto version = object.getString("cwm_version"))
    workload.cwmVersion = version->str();
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
  if (Error error = checkSchema(object))
    return std::move(error);
  TuningRecord record;
  if (auto version = object.getString("cwm_version"))
    record.cwmVersion = version->str();
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

namespace {
/// Holds flock() on a file descriptor for a scope (no-op for fd < 0).
class FileLock {
public:
  FileLock(int fd, int operation) : fd(fd) {
    if (fd >= 0)
      while (::flock(fd, operation) != 0 && errno == EINTR) {
      }
  }
  ~FileLock() {
    if (fd >= 0)
      ::flock(fd, LOCK_UN);
  }

private:
  int fd;
};
} // namespace

/// "host:pid" of this process: who owns its claims.
static const std::string &ownerName() {
  static const std::string name = [] {
    char host[256] = {0};
    ::gethostname(host, sizeof(host) - 1);
    return std::string(host) + ":" + std::to_string(::getpid());
  }();
  return name;
}

static int64_t secondsSinceEpoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A claim by `owner` made at `time` still holds: its process runs (on this
/// host), or it is less than a day old (another host, which cannot be asked).
static bool claimIsLive(StringRef owner, int64_t time) {
  auto [host, pidText] = owner.rsplit(':');
  StringRef ourHost = StringRef(ownerName()).rsplit(':').first;
  int64_t pid = 0;
  if (host == ourHost && !pidText.getAsInteger(10, pid))
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
  return secondsSinceEpoch() - time < 24 * 3600;
}

/// The fingerprint a claim uses for a trace; 0 stands for the baseline.
static uint64_t claimFingerprint(const Trace &trace, bool baseline) {
  return baseline ? 0 : trace.fingerprint();
}

void Database::ingest(StringRef text) {
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    ++lineNumber;
    if (line.trim().empty())
      continue;
    auto report = [&](const Twine &why) {
      ++numCorruptLines;
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
      auto it = workloadIndex.find(workload->key);
      if (it != workloadIndex.end()) {
        workloads[it->second] = std::move(*workload);
      } else {
        workloadIndex[workload->key] = workloads.size();
        workloads.push_back(std::move(*workload));
      }
    } else if (kind == StringRef("record")) {
      Expected<TuningRecord> record = parseRecordLine(*object);
      if (!record) {
        report(toString(record.takeError()));
        continue;
      }
      records.push_back(std::move(*record));
      indexRecord(records.size() - 1);
    } else if (kind == StringRef("claim")) {
      std::optional<StringRef> key = object->getString("workload");
      std::optional<StringRef> hash = object->getString("trace_hash");
      std::optional<StringRef> owner = object->getString("owner");
      uint64_t fingerprint = 0;
      if (!key || !hash || !owner || hash->getAsInteger(16, fingerprint)) {
        report("claim without 'workload', 'trace_hash' or 'owner'");
        continue;
      }
      if (*owner != ownerName() &&
          claimIsLive(*owner, object->getInteger("time").value_or(0)))
        claims[*key][fingerprint] = owner->str();
    } else {
      report("unknown line kind (expected \"workload\", \"record\" or "
             "\"claim\")");
    }
  }
}

Error Database::catchUp() {
  if (fd < 0)
    return Error::success();
  struct stat status;
  if (::fstat(fd, &status) != 0)
    return createStringError(std::error_code(errno, std::generic_category()),
                             "cannot read database '" + path + "'");
  uint64_t size = status.st_size;
  if (size <= readSize)
    return Error::success();
  std::string text(size - readSize, '\0');
  size_t done = 0;
  while (done < text.size()) {
    ssize_t got = ::pread(fd, text.data() + done, text.size() - done,
                          off_t(readSize + done));
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return createStringError(std::error_code(errno, std::generic_category()),
                               "cannot read database '" + path + "'");
    done += size_t(got);
  }
  // Only complete lines: a writer holds the lock for its whole line, so a
  // tail without a newline is what a killed writer left (appendLine ends it).
  size_t complete = StringRef(text).rfind('\n');
  if (complete == StringRef::npos)
    return Error::success();
  ingest(StringRef(text).take_front(complete + 1));
  readSize += complete + 1;
  return Error::success();
}

Error Database::refresh() {
  FileLock lock(fd, LOCK_SH);
  return catchUp();
}

Expected<std::unique_ptr<Database>>
Database::open(StringRef path, WarningHandler onCorruptLine) {
  std::unique_ptr<Database> db(new Database());
  db->path = path.str();
  db->onCorruptLine = std::move(onCorruptLine);
  if (sys::fs::is_directory(path))
    return createStringError(std::make_error_code(std::errc::is_a_directory),
                             "cannot open database '" + path +
                                 "': it is a folder");
  // A database in a folder that does not exist yet: create the folder.
  StringRef parent = sys::path::parent_path(path);
  if (!parent.empty())
    if (std::error_code ec = sys::fs::create_directories(parent))
      return createStringError(ec, "cannot open database '" + path +
                                       "' for writing: " + ec.message());
  db->fd = ::open(db->path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
                  0644);
  if (db->fd < 0) {
    std::error_code ec(errno, std::generic_category());
    // A read-only database can still be read (apply-best, training).
    int readOnly = ::open(db->path.c_str(), O_RDONLY | O_CLOEXEC);
    if (readOnly < 0)
      return createStringError(ec, "cannot open database '" + path +
                                       "': " + ec.message());
    db->fd = readOnly;
    db->readOnly = true;
  }
  if (Error error = db->refresh())
    return std::move(error);
  // A killed writer may have left a partial last line: end it, so it is
  // reported now and the next line starts fresh.
  struct stat status;
  if (!db->readOnly && ::fstat(db->fd, &status) == 0 &&
      uint64_t(status.st_size) > db->readSize) {
    FileLock lock(db->fd, LOCK_EX);
    if (Error error = db->catchUp())
      return std::move(error);
    if (::fstat(db->fd, &status) == 0 &&
        uint64_t(status.st_size) > db->readSize) {
      (void)!::write(db->fd, "\n", 1);
      if (Error error = db->catchUp())
        return std::move(error);
    }
  }
  return db;
}

Database::~Database() {
  if (fd >= 0)
    ::close(fd);
}

std::unique_ptr<Database> Database::inMemory() {
  return std::unique_ptr<Database>(new Database());
}

Error Database::readOnlyError() const {
  return createStringError(std::make_error_code(std::errc::read_only_file_system),
                           "cannot write to database '" + path +
                               "': it is read-only");
}

Error Database::appendLine(const json::Value &value) {
  if (fd < 0)
    return Error::success();
  if (readOnly)
    return readOnlyError();
  FileLock lock(fd, LOCK_EX);
  if (Error error = catchUp())
    return error;
  return writeLine(value);
}

Error Database::writeLine(const json::Value &value) {
  std::string line;
  raw_string_ostream(line) << value;
  line += '\n';
  // What a killed writer left after the last complete line gets a newline of
  // its own, so this line starts fresh (the stub is a corrupt line).
  struct stat status;
  if (::fstat(fd, &status) == 0 && uint64_t(status.st_size) > readSize)
    line.insert(line.begin(), '\n');
  size_t done = 0;
  while (done < line.size()) {
    ssize_t wrote = ::write(fd, line.data() + done, line.size() - done);
    if (wrote < 0 && errno == EINTR)
      continue;
    if (wrote <= 0) {
      std::error_code ec(errno, std::generic_category());
      return createStringError(ec, "cannot write to database '" + path +
                                       "': " + ec.message());
    }
    done += size_t(wrote);
  }
  if (::fstat(fd, &status) == 0)
    readSize = status.st_size;
  if (line.front() == '\n')
    ++lineNumber; // the stub's line
  ++lineNumber;
  return Error::success();
}

bool Database::isClaimedByOther(StringRef key, uint64_t fingerprint) const {
  auto it = claims.find(key);
  return it != claims.end() && it->second.count(fingerprint);
}

Expected<bool> Database::claim(StringRef key, const Trace &trace,
                               bool baseline) {
  uint64_t fingerprint = claimFingerprint(trace, baseline);
  if (fd < 0)
    return !(baseline ? hasBaseline(key) : hasMeasured(key, trace));
  if (readOnly)
    return readOnlyError();
  // Check and claim under one lock: two tuners never claim the same trace.
  FileLock lock(fd, LOCK_EX);
  if (Error error = catchUp())
    return std::move(error);
  if (baseline ? hasBaseline(key) : hasMeasured(key, trace))
    return false;
  if (isClaimedByOther(key, fingerprint))
    return false;
  if (Error error = writeLine(json::Object{
          {"kind", "claim"},
          {"workload", key},
          {"trace_hash", [&] {
             std::string text;
             raw_string_ostream(text) << format_hex_no_prefix(fingerprint, 16);
             return text;
           }()},
          {"owner", ownerName()},
          {"time", secondsSinceEpoch()}}))
    return std::move(error);
  return true;
}

void Database::indexRecord(size_t position) {
  const TuningRecord &record = records[position];
  recordsByWorkload[record.workloadKey].push_back(position);
  measuredFingerprints[record.workloadKey].insert(record.trace.fingerprint());
  auto it = claims.find(record.workloadKey);
  if (it != claims.end())
    it->second.erase(claimFingerprint(record.trace, record.baseline));
}

Error Database::addWorkload(const WorkloadEntry &workload) {
  // Other tuners may have described it meanwhile.
  if (Error error = refresh())
    return error;
  json::Value line = toJSON(workload);
  // The same program (same key) described by an older cwm can lack facts
  // that later rules use (say, its inputs' element type): the fresh
  // description is appended and wins, here and when the file is read again.
  // Which cwm wrote it does not make a description new.
  auto withoutVersion = [](json::Value value) {
    value.getAsObject()->erase("cwm_version");
    return value;
  };
  if (const WorkloadEntry *known = lookupWorkload(workload.key))
    if (withoutVersion(toJSON(*known)) == withoutVersion(line))
      return Error::success();
  // Appending reads what others wrote first: look the key up only after.
  if (Error error = appendLine(std::move(line)))
    return error;
  auto it = workloadIndex.find(workload.key);
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

std::vector<const TuningRecord *>
Database::getBestRecords(StringRef key, size_t k, bool weightsPrepared) const {
  std::vector<const TuningRecord *> current = getCurrentRecords(key);
  // The cache state of the latest successful measurement ranks the workload
  // (current records keep file order).
  bool cold = false;
  for (const TuningRecord *record : current)
    if (record->result.ok())
      cold = record->result.cacheFlushed;
  std::vector<const TuningRecord *> result;
  for (const TuningRecord *record : current)
    if (record->result.ok() && record->result.cacheFlushed == cold &&
        (weightsPrepared || !record->result.weightsPrepared))
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
  // The latest: a baseline measured again (in another cache state) replaces
  // the earlier one.
  const TuningRecord *latest = nullptr;
  for (const TuningRecord *record : getRecords(key))
    if (record->baseline && record->result.ok())
      latest = record;
  return latest;
}

bool Database::hasBaseline(StringRef key) const {
  for (const TuningRecord *record : getRecords(key))
    if (record->baseline)
      return true;
  return false;
}

bool Database::hasMeasured(StringRef key, const Trace &trace) const {
  auto it = measuredFingerprints.find(key);
  if (it != measuredFingerprints.end() && it->second.count(trace.fingerprint()))
    return true;
  // Being measured by another tuner counts: the search skips it too.
  return isClaimedByOther(key, trace.fingerprint());
}

} // namespace cwm
