//===- ExportSpec.cpp - cwm-export-spec ------------------------------------===//
//
// Writes the best schedules of a tuning database as a Transform library that
// stock mlir-opt applies to a payload cwm never tagged: per task a matcher on
// the op structure (anchor name, loop extents and kinds, names of its direct
// neighbours in the task), a tagging action reaching the task's other ops
// from the anchor, and the schedule as cwm's emitter writes it; then
// `@__transform_main` runs `transform.foreach_match` and every schedule.
// Design: docs/notes/export-spec-plan.md; use: docs/schedules.md.
//
//===----------------------------------------------------------------------===//

#include "cwm/Transforms/ExportSpec.h"
#include "cwm/Transforms/Passes.h"

#include "DatabaseAccess.h"
#include "cwm/Schedule/TransformEmitter.h"

#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <deque>
#include <map>

namespace mlir::cwm {

#define GEN_PASS_DEF_EXPORTSPEC
#include "cwm/Transforms/Passes.h.inc"

namespace {

/// How the tagger reaches a task op from the anchor: through the op at
/// `from` (an index into the steps, -1 = the anchor), producer of operand
/// `position` or consumers of result `position`.
struct Step {
  int64_t op = 0;      ///< the task op reached (cwm.op)
  int64_t from = -1;   ///< step it is reached from (-1: the anchor)
  bool producer = true;
  unsigned position = 0;
};

int64_t tagOf(Operation *op) {
  if (auto attr = op->getAttrOfType<IntegerAttr>("cwm.op"))
    return attr.getInt();
  return -1;
}

/// Breadth-first from the anchor over def-use edges between tagged ops.
FailureOr<std::vector<Step>> navigation(ModuleOp module, int64_t anchor,
                                        size_t numOps) {
  std::map<int64_t, Operation *> byTag;
  module.walk([&](Operation *op) {
    int64_t tag = tagOf(op);
    if (tag >= 0)
      byTag[tag] = op;
  });
  if (!byTag.count(anchor) || byTag.size() != numOps)
    return failure();
  std::vector<Step> steps;
  std::map<int64_t, int64_t> stepOf = {{anchor, -1}};
  std::deque<int64_t> queue = {anchor};
  while (!queue.empty()) {
    int64_t tag = queue.front();
    queue.pop_front();
    Operation *op = byTag[tag];
    for (OpOperand &operand : op->getOpOperands()) {
      Operation *def = operand.get().getDefiningOp();
      int64_t next = def ? tagOf(def) : -1;
      if (next < 0 || stepOf.count(next))
        continue;
      stepOf[next] = steps.size();
      steps.push_back({next, stepOf[tag], true, operand.getOperandNumber()});
      queue.push_back(next);
    }
    for (OpResult result : op->getResults())
      for (Operation *user : result.getUsers()) {
        int64_t next = tagOf(user);
        if (next < 0 || stepOf.count(next))
          continue;
        // get_consumers_of_result returns every user: only a result with one
        // user reaches exactly this op.
        if (!result.hasOneUse())
          return failure();
        stepOf[next] = steps.size();
        steps.push_back({next, stepOf[tag], false, result.getResultNumber()});
        queue.push_back(next);
      }
  }
  if (steps.size() + 1 != numOps)
    return failure();
  return steps;
}

/// Identifier-safe form of a workload key.
std::string symbolFor(StringRef key) {
  std::string out;
  for (char c : key)
    out += llvm::isAlnum(c) ? c : '_';
  return out;
}

std::string param(int64_t value) {
  return "transform.param.constant " + std::to_string(value) +
         " : i64 -> !transform.param<i64>";
}

/// `@match_<sym>`: the anchor and its direct neighbours inside the task.
void emitMatcher(llvm::raw_ostream &os, StringRef sym, const ::cwm::TaskInfo &task,
                 Operation *anchorOp, const std::vector<Step> &steps) {
  const ::cwm::TaskOp &anchor = task.ops[task.anchor];
  os << "  transform.named_sequence @match_" << sym
     << "(%op: !transform.any_op {transform.readonly}) -> !transform.any_op {\n"
     << "    transform.match.operation_name %op [\"" << anchor.name
     << "\"] : !transform.any_op\n"
     << "    %s = transform.match.structured failures(propagate) %op : "
        "(!transform.any_op) -> !transform.any_op {\n"
     << "    ^bb0(%a: !transform.any_op):\n"
     << "      %rank = transform.match.structured.rank %a : (!transform.any_op) "
        "-> !transform.param<i64>\n"
     << "      %want_rank = " << param(anchor.loops.size()) << "\n"
     << "      transform.match.param.cmpi eq %rank, %want_rank : "
        "!transform.param<i64>\n";
  std::string extents;
  for (auto [i, loop] : llvm::enumerate(anchor.loops)) {
    os << "      %e" << i << " = " << param(loop.extent) << "\n";
    extents += (i ? ", %e" : "%e") + std::to_string(i);
  }
  if (!anchor.loops.empty()) {
    os << "      %want = transform.merge_handles " << extents
       << " : !transform.param<i64>\n"
       << "      %dims = transform.match.structured.dim %a[all] : "
          "(!transform.any_op) -> !transform.param<i64>\n"
       << "      transform.match.param.cmpi eq %want, %dims : "
          "!transform.param<i64>\n";
    for (bool reduction : {false, true}) {
      std::string dims;
      for (auto [i, loop] : llvm::enumerate(anchor.loops))
        if (loop.reduction == reduction)
          dims += (dims.empty() ? "" : ", ") + std::to_string(i);
      if (!dims.empty())
        os << "      transform.match.structured.dim %a[" << dims << "] {"
           << (reduction ? "reduction" : "parallel") << "} : !transform.any_op\n";
    }
  }
  // Direct neighbours: producers of the anchor's operands through
  // structured.input / init, consumers of its single-use results.
  auto linalgOp = cast<linalg::LinalgOp>(anchorOp);
  unsigned numInputs = linalgOp.getNumDpsInputs();
  for (auto [i, step] : llvm::enumerate(steps)) {
    if (step.from != -1)
      continue;
    std::string name = task.ops[step.op].name;
    os << "      %n" << i << " = ";
    if (step.producer) {
      if (step.position < numInputs)
        os << "transform.match.structured.input %a[" << step.position << "]";
      else
        os << "transform.match.structured.init %a[" << step.position - numInputs
           << "]";
    } else {
      os << "transform.match.structured.result %a[" << step.position
         << "] {single}";
    }
    os << " : (!transform.any_op) -> !transform.any_op\n"
       << "      transform.match.operation_name %n" << i << " [\"" << name
       << "\"] : !transform.any_op\n";
  }
  os << "      transform.match.structured.yield %a : !transform.any_op\n"
     << "    }\n"
     << "    transform.yield %op : !transform.any_op\n"
     << "  }\n";
}

/// `@tag_<sym>`: the cwm tags the schedule finds its ops by.
void emitTagger(llvm::raw_ostream &os, StringRef sequence, int64_t instance,
                int64_t anchor, const std::vector<Step> &steps) {
  os << "  transform.named_sequence @" << sequence
     << "(%anchor: !transform.any_op {transform.readonly}) {\n"
     << "    %task = " << param(instance) << "\n";
  auto annotate = [&](StringRef handle, int64_t op) {
    os << "    %i_" << handle.drop_front() << " = " << param(op) << "\n"
       << "    transform.annotate " << handle
       << " \"cwm.task\" = %task : !transform.any_op, !transform.param<i64>\n"
       << "    transform.annotate " << handle << " \"cwm.op\" = %i_"
       << handle.drop_front() << " : !transform.any_op, !transform.param<i64>\n";
  };
  annotate("%anchor", anchor);
  for (auto [i, step] : llvm::enumerate(steps)) {
    std::string from =
        step.from < 0 ? std::string("%anchor") : "%s" + std::to_string(step.from);
    os << "    %s" << i << " = "
       << (step.producer ? "transform.get_producer_of_operand "
                         : "transform.get_consumers_of_result ")
       << from << "[" << step.position
       << "] : (!transform.any_op) -> !transform.any_op\n";
    annotate("%s" + std::to_string(i), step.op);
  }
  os << "    transform.yield\n  }\n";
}

/// Tag numbers of the occurrence being scheduled and of those done.
constexpr int64_t kActiveBase = 1000000, kDoneBase = 2000000;

/// `@retire_<sym>`: the scheduled occurrence's ops (tiled clones included)
/// and the loops its schedule annotated no longer match the schedule's
/// queries: `cwm.task` becomes `done`, each loop tag (a unit attribute the
/// schedule matches) an integer.
void emitRetire(llvm::raw_ostream &os, StringRef sym, StringRef script,
                int64_t active, int64_t done) {
  os << "  transform.named_sequence @retire_" << sym
     << "(%root: !transform.any_op {transform.readonly}) {\n"
     << "    %done = " << param(done) << "\n"
     << "    %ops = transform.structured.match attributes{cwm.task = " << active
     << " : i64} in %root : (!transform.any_op) -> !transform.any_op\n"
     << "    transform.annotate %ops \"cwm.task\" = %done : !transform.any_op, "
        "!transform.param<i64>\n";
  llvm::StringSet<> seen;
  std::string prefix = "\"cwm.loop_" + std::to_string(active) + "_";
  size_t at = 0;
  int64_t count = 0;
  while ((at = script.find(prefix, at)) != StringRef::npos) {
    size_t end = script.find('"', at + 1);
    StringRef tag = script.substr(at + 1, end - at - 1);
    at = end;
    if (!seen.insert(tag).second)
      continue;
    os << "    %loop" << count << " = transform.structured.match attributes{" << tag
       << "} in %root : (!transform.any_op) -> !transform.any_op\n"
       << "    transform.annotate %loop" << count << " \"" << tag
       << "\" = %done : !transform.any_op, !transform.param<i64>\n";
    ++count;
  }
  os << "    transform.yield\n  }\n";
}

/// The emitter's `@__transform_main` renamed `@apply_<sym>`, without its
/// module.
FailureOr<std::string> applySequence(StringRef script, StringRef sym) {
  StringRef body = script;
  size_t start = body.find("  transform.named_sequence @__transform_main(");
  size_t end = body.rfind('}');
  if (start == StringRef::npos || end == StringRef::npos || end <= start)
    return failure();
  std::string out = body.substr(start, end - start).str();
  std::string from = "@__transform_main(";
  out.replace(out.find(from), from.size(), ("@apply_" + sym + "(").str());
  return out;
}

} // namespace

std::string exportTransformSpec(const ::cwm::Database &database,
                                MLIRContext &context, StringRef source,
                                std::vector<std::string> *skipped) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string applies, matches;
  int64_t instance = 0, exported = 0;
  for (const ::cwm::WorkloadEntry *workload : database.getWorkloads()) {
    ++instance;
    StringRef name = workload->task.name;
    auto skip = [&](const Twine &why) {
      std::string message = ("task " + name + " (" + workload->key +
                             ") not exported: " + why)
                                .str();
      os << "  // " << message << "\n";
      if (skipped)
        skipped->push_back(message);
    };
    if (workload->target != "cpu") {
      skip("only CPU schedules are exported (its target is " +
           workload->target + ")");
      continue;
    }
    // The fastest schedule a Transform script expresses whole: winograd and
    // pack_weights rewrite the payload in cwm's applyTrace before their
    // script runs, pack_b after it, which stock mlir-opt would not do.
    auto rewritesPayload = [](const ::cwm::Trace &trace) {
      return llvm::any_of(trace.getActions(), [](const ::cwm::Action &action) {
        return action.kind == ::cwm::ActionKind::Winograd ||
               action.kind == ::cwm::ActionKind::PackWeights ||
               action.kind == ::cwm::ActionKind::PackB;
      });
    };
    std::vector<const ::cwm::TuningRecord *> ranked =
        database.getBestRecords(workload->key, 1 << 20);
    std::vector<const ::cwm::TuningRecord *> best;
    bool passedOver = false;
    for (const ::cwm::TuningRecord *record : ranked) {
      if (!record->baseline && rewritesPayload(record->trace)) {
        passedOver = true;
        continue;
      }
      best.push_back(record);
      break;
    }
    if (best.empty() || best.front()->baseline || best.front()->trace.empty()) {
      skip(passedOver ? "its faster schedules rewrite the payload before their "
                        "script (winograd, pack_weights), which stock "
                        "mlir-opt cannot, and no other beats the default "
                        "lowering"
                      : "no tuned schedule beats the default lowering");
      continue;
    }
    OwningOpRef<ModuleOp> module;
    {
      ScopedDiagnosticHandler quiet(&context, [](Diagnostic &) { return success(); });
      module = parseSourceString<ModuleOp>(workload->ir, &context);
    }
    if (!module) {
      skip("its stored IR does not parse");
      continue;
    }
    const ::cwm::TaskInfo &task = workload->task;
    Operation *anchorOp = nullptr;
    module->walk([&](Operation *op) {
      if (tagOf(op) == task.anchor)
        anchorOp = op;
    });
    if (!anchorOp || !isa<linalg::LinalgOp>(anchorOp)) {
      skip("its anchor is not a structured (linalg) op");
      continue;
    }
    FailureOr<std::vector<Step>> steps =
        navigation(*module, task.anchor, task.ops.size());
    if (failed(steps)) {
      skip("its ops cannot all be reached from the anchor through single "
           "producers and consumers");
      continue;
    }
    // Tags: `instance` marks every occurrence foreach_match found; one
    // at a time is then re-tagged `active` (the number the schedule
    // finds its ops and loops by), scheduled, and its ops and loop tags
    // retired to `done`, so a task repeated in the payload is scheduled
    // once per occurrence.
    int64_t active = kActiveBase + instance, done = kDoneBase + instance;
    llvm::Expected<std::string> script =
        ::cwm::emitTransformScript(best.front()->trace, task, active);
    if (!script) {
      skip(llvm::toString(script.takeError()));
      continue;
    }
    std::string sym = symbolFor(workload->key);
    FailureOr<std::string> apply = applySequence(*script, sym);
    if (failed(apply)) {
      skip("the emitted script has no @__transform_main");
      continue;
    }
    os << "  // " << name << " (" << workload->key << "): best "
       << (passedOver ? "that a script expresses whole " : "")
       << llvm::format("%.4g", best.front()->result.median * 1e3) << " ms\n";
    emitMatcher(os, sym, task, anchorOp, *steps);
    emitTagger(os, "tag_" + sym, instance, task.anchor, *steps);
    emitTagger(os, "activate_" + sym, active, task.anchor, *steps);
    os << *apply << "\n";
    emitRetire(os, sym, *script, active, done);
    matches += (matches.empty() ? "" : ", ") + ("@match_" + sym + " -> @tag_" + sym);
    // Only where the payload holds the task: the schedule runs once per
    // anchor found (none: skipped).
    applies += "    %anchor_" + sym +
               " = transform.structured.match attributes{cwm.op = " +
               std::to_string(task.anchor) + " : i64, cwm.task = " +
               std::to_string(instance) +
               " : i64} in %tagged : (!transform.any_op) -> !transform.any_op\n" +
               "    transform.foreach %anchor_" + sym +
               " : !transform.any_op {\n    ^bb0(%one: !transform.any_op):\n" +
               "      transform.include @activate_" + sym +
               " failures(propagate) (%one) : (!transform.any_op) -> ()\n" +
               "      transform.include @apply_" + sym +
               " failures(propagate) (%tagged) : (!transform.any_op) -> ()\n" +
               "      transform.include @retire_" + sym +
               " failures(propagate) (%tagged) : (!transform.any_op) -> ()\n" +
               "    }\n";
    ++exported;
  }

  std::string library;
  llvm::raw_string_ostream out(library);
  out << "// Transform library written by cwm-export-spec from " << source
      << ": " << exported << " tuned task(s).\n"
      << "// mlir-opt PAYLOAD --transform-preload-library="
         "transform-library-paths=THIS --transform-interpreter\n"
      << "module attributes {transform.with_named_sequence} {\n"
      << text
      << "  transform.named_sequence @__transform_main(%root: !transform.any_op "
         "{transform.consumed}) {\n";
  if (exported)
    out << "    %tagged = transform.foreach_match in %root " << matches
        << " : (!transform.any_op) -> !transform.any_op\n"
        << applies;
  out << "    transform.yield\n  }\n}\n";
  return library;
}

namespace {

struct ExportSpecPass : impl::ExportSpecBase<ExportSpecPass> {
  using ExportSpecBase::ExportSpecBase;

  void runOnOperation() override {
    Location loc = getOperation().getLoc();
    if (database.empty()) {
      emitError(loc) << "cwm-export-spec needs db=FILE (a tuning database)";
      return signalPassFailure();
    }
    if (!llvm::sys::fs::exists(database)) {
      emitError(loc) << "cwm-export-spec: database '" << database
                     << "' does not exist";
      return signalPassFailure();
    }
    FailureOr<std::unique_ptr<::cwm::Database>> db =
        openDatabaseForPass(database, loc, /*mustExist=*/true);
    if (failed(db))
      return signalPassFailure();
    std::vector<std::string> skipped;
    std::string library =
        exportTransformSpec(**db, getContext(), database, &skipped);
    for (const std::string &message : skipped)
      emitRemark(loc) << "cwm-export-spec: " << message;

    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(spec, &error);
    if (!file) {
      emitError(loc) << "cwm-export-spec: cannot write '" << spec << "': " << error;
      return signalPassFailure();
    }
    file->os() << library;
    file->keep();
    markAllAnalysesPreserved();
  }
};

} // namespace
} // namespace mlir::cwm
