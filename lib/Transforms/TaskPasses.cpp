//===- TaskPasses.cpp - cwm-extract-tasks, cwm-apply-trace, cwm-apply-best ===//

#include "cwm/Transforms/Passes.h"

#include "DatabaseAccess.h"

#include "cwm/Database/Database.h"
#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Search/ApplyBest.h"
#include "cwm/Schedule/TransformEmitter.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_EXTRACTTASKS
#define GEN_PASS_DEF_APPLYTRACE
#define GEN_PASS_DEF_APPLYBEST
#include "cwm/Transforms/Passes.h.inc"

namespace {
struct ExtractTasks final : impl::ExtractTasksBase<ExtractTasks> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
        ::cwm::extractTasks(module, target);
    if (failed(tasks))
      return signalPassFailure();
    // Replace the payload by one function per task.
    for (Operation &op : llvm::make_early_inc_range(*module.getBody()))
      op.erase();
    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    for (::cwm::ExtractedTask &task : *tasks) {
      func::FuncOp function = *task.module->getOps<func::FuncOp>().begin();
      auto copy = cast<func::FuncOp>(builder.clone(*function));
      std::string name = task.info.name;
      std::replace(name.begin(), name.end(), '.', '_');
      copy.setSymName(name);
      copy->setAttr("cwm.key", builder.getStringAttr(task.key));
      copy->setAttr("cwm.op_class", builder.getStringAttr(::cwm::stringifyOpClass(
                                        task.info.opClass)));
      copy->setAttr("cwm.flops", builder.getF64FloatAttr(task.info.flops));
      copy->setAttr("cwm.anchor", builder.getI64IntegerAttr(task.info.anchor));
      // The ops keep the payload's instance number (the task module numbers
      // its ops' task 0): what `--cwm-apply-trace print-script=true` prints
      // for this task then applies to this output with any Transform
      // interpreter, one function per task (test/Schedule/stock-mlir-opt.test).
      copy.walk([&](Operation *op) {
        if (op->hasAttr("cwm.task"))
          op->setAttr("cwm.task", builder.getI64IntegerAttr(task.instance));
      });
    }
  }
};

struct ApplyTrace final : impl::ApplyTraceBase<ApplyTrace> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (traceFile.empty()) {
      emitError(module.getLoc()) << "cwm-apply-trace needs trace-file=PATH";
      return signalPassFailure();
    }
    if (target != "cpu" && target != "cuda") {
      emitError(module.getLoc())
          << "unsupported target '" << target << "' (supported: cpu, cuda)";
      return signalPassFailure();
    }
    auto buffer = llvm::MemoryBuffer::getFile(traceFile);
    if (!buffer) {
      emitError(module.getLoc())
          << "cannot read trace file '" << traceFile
          << "': " << buffer.getError().message();
      return signalPassFailure();
    }
    llvm::Expected<::cwm::Trace> trace =
        ::cwm::Trace::parse((*buffer)->getBuffer());
    if (!trace) {
      emitError(module.getLoc()) << "in '" << traceFile
                                 << "': " << llvm::toString(trace.takeError());
      return signalPassFailure();
    }
    FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
        ::cwm::extractTasks(module, target);
    if (failed(tasks))
      return signalPassFailure();
    if (tasks->empty()) {
      emitError(module.getLoc())
          << "the payload has no task the trace could apply to";
      return signalPassFailure();
    }
    if (taskIndex >= int64_t(tasks->size())) {
      emitError(module.getLoc()) << "task " << taskIndex << " requested but the "
                                 << "payload has " << tasks->size();
      return signalPassFailure();
    }
    for (auto [index, task] : llvm::enumerate(*tasks)) {
      if (taskIndex >= 0 && int64_t(index) != taskIndex)
        continue;
      if (printScript) {
        if (auto script =
                ::cwm::emitTransformScript(*trace, task.info, task.instance))
          llvm::errs() << *script;
        else
          llvm::consumeError(script.takeError());
      }
      if (failed(::cwm::applyTrace(module, *trace, task.info, task.instance)))
        return signalPassFailure();
    }
    ::cwm::stripTaskTags(module);
  }
};

struct ApplyBest final : impl::ApplyBestBase<ApplyBest> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (database.empty()) {
      emitError(module.getLoc()) << "cwm-apply-best needs db=PATH";
      return signalPassFailure();
    }
    FailureOr<std::unique_ptr<::cwm::Database>> db =
        openDatabaseForPass(database, module.getLoc(), /*mustExist=*/true);
    if (failed(db))
      return signalPassFailure();
    FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
        ::cwm::extractTasks(module, target);
    if (failed(tasks))
      return signalPassFailure();
    FailureOr<::cwm::AppliedSchedules> applied =
        ::cwm::applyBestSchedules(module, *tasks, **db);
    if (failed(applied))
      return signalPassFailure();
    for (const std::string &name : applied->defaults)
      if (!llvm::is_contained(applied->failed, name)) // warned about already
        emitRemark(module.getLoc())
            << "task '" << name
            << "' has no tuned record faster than the default lowering; "
               "it keeps the default lowering";
  }
};
} // namespace

} // namespace mlir::cwm
