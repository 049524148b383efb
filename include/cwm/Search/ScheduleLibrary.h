//===- ScheduleLibrary.h - Best schedules of known tasks, by shape -*- C++ -*-===//
//
// What the search knows before it measures anything: the fastest schedules
// measured on the training workloads, kept as the decision values their
// rules drew (a register tile of 4x32, a parallel tile of 28 rows), keyed by
// the task's structure and shape. A new task of the same structure takes
// the schedules of its nearest shapes, each draw moved to the nearest value
// its own rules offer (SearchSpace::transfer), as first-round candidates:
// the model ranks what the search samples, the library says what was fast
// on similar work. Built by `cwm-train --write-library` from the training
// databases, never from held-out work.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_SCHEDULELIBRARY_H
#define CWM_SEARCH_SCHEDULELIBRARY_H

#include "cwm/Task/TaskInfo.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cwm {

class ScheduleLibrary {
public:
  struct Entry {
    std::string signature; ///< structureSignature of the source task
    std::string workload;  ///< its name, for reports
    std::string key;       ///< its workload key
    std::vector<int64_t> shape;  ///< anchorShape of the source task
    std::vector<int64_t> values; ///< decision values of the schedule
    double seconds = 0;          ///< its measured median
    int64_t rank = 0;            ///< 0: the workload's fastest
  };

  /// Tasks whose rules draw the same decisions in the same order share a
  /// signature: target, op class, element type, and each op's kind and
  /// loop count (elementwise epilogues of any function look alike).
  static std::string structureSignature(const TaskInfo &task,
                                        llvm::StringRef target);
  /// The anchor op's loop extents (a pad's result shape).
  static std::vector<int64_t> anchorShape(const TaskInfo &task);

  /// A library written by `write` (JSON lines); a missing or malformed file
  /// is an error naming it and the line.
  static llvm::Expected<ScheduleLibrary> load(llvm::StringRef path);
  llvm::Error write(llvm::StringRef path) const;
  void add(Entry entry) { entries.push_back(std::move(entry)); }
  size_t size() const { return entries.size(); }

  /// Entries of the `workloads` source workloads nearest to `task` (same
  /// signature, distance the sum over loops of |log(extent ratio)|; never
  /// the task's own key `exclude`), ordered by rank first, then distance:
  /// every near workload's fastest before any second-fastest.
  std::vector<const Entry *> nearest(const TaskInfo &task,
                                     llvm::StringRef target, size_t workloads,
                                     llvm::StringRef exclude = "") const;

private:
  std::vector<Entry> entries;
};

} // namespace cwm

#endif // CWM_SEARCH_SCHEDULELIBRARY_H
