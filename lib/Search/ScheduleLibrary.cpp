//===- ScheduleLibrary.cpp - Best schedules of known tasks, by shape ------===//

#include "cwm/Search/ScheduleLibrary.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace cwm {

std::string ScheduleLibrary::structureSignature(const TaskInfo &task,
                                                llvm::StringRef target) {
  std::string signature;
  llvm::raw_string_ostream os(signature);
  os << target << "|" << stringifyOpClass(task.opClass) << "|"
     << task.elementType << "|" << task.anchorInputType() << "|a"
     << task.anchor;
  for (const TaskOp &op : task.ops) {
    os << "|" << op.name << "/" << op.loops.size();
    if (op.isFill)
      os << "f";
    if (op.isPad)
      os << "p";
    if (op.elementwise)
      os << "e";
  }
  return signature;
}

std::vector<int64_t> ScheduleLibrary::anchorShape(const TaskInfo &task) {
  if (task.ops.empty())
    return {};
  return task.iterationShape(task.anchorOp());
}

static llvm::json::Array toArray(const std::vector<int64_t> &values) {
  llvm::json::Array array;
  for (int64_t v : values)
    array.push_back(v);
  return array;
}

llvm::Error ScheduleLibrary::write(llvm::StringRef path) const {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return llvm::createStringError(ec, "cannot write schedule library '" +
                                           path + "': " + ec.message());
  for (const Entry &e : entries) {
    llvm::json::Object line{{"signature", e.signature},
                            {"workload", e.workload},
                            {"key", e.key},
                            {"shape", toArray(e.shape)},
                            {"values", toArray(e.values)},
                            {"seconds", e.seconds},
                            {"rank", e.rank}};
    os << llvm::json::Value(std::move(line)) << "\n";
  }
  return llvm::Error::success();
}

llvm::Expected<ScheduleLibrary> ScheduleLibrary::load(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   "cannot read schedule library '" + path +
                                       "': " + buffer.getError().message());
  ScheduleLibrary library;
  llvm::SmallVector<llvm::StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (auto [number, text] : llvm::enumerate(lines)) {
    auto bad = [&, number = number](const llvm::Twine &why) {
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "schedule library '" + path + "' line " + llvm::Twine(number + 1) +
              ": " + why);
    };
    llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
    if (!value)
      return bad(llvm::toString(value.takeError()));
    const llvm::json::Object *o = value->getAsObject();
    if (!o)
      return bad("not an object");
    Entry e;
    std::optional<llvm::StringRef> signature = o->getString("signature");
    const llvm::json::Array *shape = o->getArray("shape");
    const llvm::json::Array *values = o->getArray("values");
    if (!signature || !shape || !values)
      return bad("needs signature, shape and values");
    e.signature = signature->str();
    e.workload = o->getString("workload").value_or("").str();
    e.key = o->getString("key").value_or("").str();
    e.seconds = o->getNumber("seconds").value_or(0);
    e.rank = o->getInteger("rank").value_or(0);
    for (const llvm::json::Value &v : *shape) {
      std::optional<int64_t> n = v.getAsInteger();
      if (!n || *n <= 0)
        return bad("shape holds a non-positive or non-integer extent");
      e.shape.push_back(*n);
    }
    for (const llvm::json::Value &v : *values) {
      std::optional<int64_t> n = v.getAsInteger();
      if (!n)
        return bad("values holds a non-integer");
      e.values.push_back(*n);
    }
    library.add(std::move(e));
  }
  return library;
}

std::vector<const ScheduleLibrary::Entry *>
ScheduleLibrary::nearest(const TaskInfo &task, llvm::StringRef target,
                         size_t workloads, llvm::StringRef exclude) const {
  std::string signature = structureSignature(task, target);
  std::vector<int64_t> shape = anchorShape(task);
  // Distance of each source workload of the same signature and rank.
  llvm::StringMap<double> distance;
  for (const Entry &e : entries) {
    if (e.signature != signature || e.shape.size() != shape.size() ||
        (!exclude.empty() && e.key == exclude))
      continue;
    double d = 0;
    for (size_t i = 0; i < shape.size(); ++i)
      d += std::abs(std::log(double(std::max<int64_t>(shape[i], 1)) /
                             double(e.shape[i])));
    distance[e.key] = d;
  }
  std::vector<std::pair<double, std::string>> order;
  for (const auto &entry : distance)
    order.push_back({entry.second, entry.first().str()});
  std::sort(order.begin(), order.end());
  if (order.size() > workloads)
    order.resize(workloads);
  std::map<std::string, size_t> position;
  for (auto [i, o] : llvm::enumerate(order))
    position[o.second] = i;
  std::vector<const Entry *> chosen;
  for (const Entry &e : entries)
    if (e.signature == signature && position.count(e.key))
      chosen.push_back(&e);
  std::stable_sort(chosen.begin(), chosen.end(),
                   [&](const Entry *a, const Entry *b) {
                     if (a->rank != b->rank)
                       return a->rank < b->rank;
                     return position[a->key] < position[b->key];
                   });
  return chosen;
}

} // namespace cwm
