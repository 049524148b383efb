//===- RankSchedules.cpp - cwm-rank-schedules ------------------------------===//
//
// Scores candidate schedules of every task with the world model and attaches
// the best ones to the task's anchor op. Nothing is applied or measured.
//
//===----------------------------------------------------------------------===//

#include "cwm/Transforms/Passes.h"

#include "cwm/CostModel/CostModel.h"
#include "cwm/Measure/Runner.h"
#include "cwm/Schedule/Validity.h"
#include "cwm/SearchSpace/SearchSpace.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <numeric>
#include <random>
#include <thread>
#include <unordered_set>

namespace mlir::cwm {

#define GEN_PASS_DEF_RANKSCHEDULES
#include "cwm/Transforms/Passes.h.inc"

namespace {

/// A trace in one line: "parallelize@1 sizes=[4,0,0] | vectorize@1 ...".
std::string summarize(const ::cwm::Trace &trace) {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (auto [index, action] : llvm::enumerate(trace.getActions())) {
    os << (index ? " | " : "") << ::cwm::stringifyActionKind(action.kind)
       << "@" << action.target;
    for (const auto &[name, decision] : action.decisions) {
      os << " " << name << "=";
      switch (decision.getKind()) {
      case ::cwm::Decision::Kind::Int:
        os << decision.getInt();
        break;
      case ::cwm::Decision::Kind::IntList:
        os << "[";
        llvm::interleave(decision.getList(), os, ",");
        os << "]";
        break;
      case ::cwm::Decision::Kind::String:
        os << decision.getString();
        break;
      }
    }
  }
  return text;
}

/// Reads a JSON list of traces; errors name the entry.
FailureOr<std::vector<::cwm::Trace>> readTraceList(StringRef path,
                                                   Location loc) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return emitError(loc) << "cannot read traces file '" << path
                          << "': " << buffer.getError().message();
  llvm::Expected<llvm::json::Value> value =
      llvm::json::parse((*buffer)->getBuffer());
  if (!value)
    return emitError(loc) << "traces file '" << path << "' is not JSON: "
                          << llvm::toString(value.takeError());
  const llvm::json::Array *list = value->getAsArray();
  if (!list)
    return emitError(loc) << "traces file '" << path
                          << "' must hold a JSON list of traces";
  std::vector<::cwm::Trace> traces;
  for (auto [index, entry] : llvm::enumerate(*list)) {
    llvm::Expected<::cwm::Trace> trace = ::cwm::Trace::fromJSON(entry);
    if (!trace)
      return emitError(loc) << "traces file '" << path << "', entry " << index
                            << ": " << llvm::toString(trace.takeError());
    traces.push_back(std::move(*trace));
  }
  return traces;
}

struct RankSchedules final : impl::RankSchedulesBase<RankSchedules> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    Location loc = module.getLoc();
    if (target != "cpu") {
      emitError(loc) << "unsupported target '" << target << "' (supported: cpu)";
      return signalPassFailure();
    }
    if (candidates < 1 || top < 1 || threads < 0) {
      emitError(loc) << "candidates and top must be >= 1 and threads >= 0";
      return signalPassFailure();
    }
    std::string modelFile =
        modelPath.empty() ? ::cwm::findDefaultModel(target) : modelPath.getValue();
    if (modelFile.empty()) {
      emitError(loc) << "no world model for target '" << target
                     << "': pass model=FILE (train one with cwm-train)";
      return signalPassFailure();
    }
    auto model = ::cwm::createWorldCostModel(modelFile, seed, target);
    if (!model) {
      emitError(loc) << llvm::toString(model.takeError());
      return signalPassFailure();
    }
    std::optional<std::vector<::cwm::Trace>> given;
    if (!tracesFile.empty()) {
      FailureOr<std::vector<::cwm::Trace>> traces =
          readTraceList(tracesFile, loc);
      if (failed(traces))
        return signalPassFailure();
      given = std::move(*traces);
    }

    FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
        ::cwm::extractTasks(module, target);
    if (failed(tasks))
      return signalPassFailure();
    int64_t threadCount =
        threads > 0 ? int64_t(threads)
                    : std::max<int64_t>(1, std::thread::hardware_concurrency());
    ::cwm::HardwareInfo hardware = ::cwm::detectHostCpu(threadCount);
    ::cwm::CpuSpaceOptions spaceOptions;
    spaceOptions.threads = threadCount;
    auto space = ::cwm::createCpuSearchSpace(spaceOptions);
    Builder builder(&getContext());

    for (::cwm::ExtractedTask &task : *tasks) {
      std::vector<::cwm::Trace> pool;
      if (given) {
        // Only the traces that fit this task (static checks).
        for (const ::cwm::Trace &trace : *given)
          if (llvm::Error error = ::cwm::checkTrace(trace, task.info))
            llvm::consumeError(std::move(error));
          else
            pool.push_back(trace);
      } else {
        std::mt19937_64 rng(seed ^ llvm::xxh3_64bits(task.key));
        std::unordered_set<uint64_t> seen;
        for (int64_t i = 0; i < candidates; ++i) {
          ::cwm::Trace trace = space->sample(task.info, rng);
          if (seen.insert(trace.fingerprint()).second)
            pool.push_back(std::move(trace));
        }
      }
      ::cwm::WorkloadEntry workload{task.key, target, task.info, task.ir};
      llvm::Expected<std::vector<double>> scores =
          (*model)->predict(workload, hardware, pool);
      if (!scores) {
        emitError(loc) << llvm::toString(scores.takeError());
        return signalPassFailure();
      }
      std::vector<size_t> order(pool.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return (*scores)[a] > (*scores)[b];
      });
      if (print) {
        llvm::errs() << "cwm-rank-schedules: " << task.info.name << " ("
                     << pool.size() << " distinct candidates, " << target
                     << ", " << threadCount << " threads)\n"
                     << "  rank     score  schedule\n";
        for (size_t rank = 0;
             rank < order.size() && static_cast<int64_t>(rank) < top; ++rank)
          llvm::errs() << llvm::format("  %4zu  %8.4f  ", rank + 1,
                                       (*scores)[order[rank]])
                       << summarize(pool[order[rank]]) << "\n";
        if (pool.empty())
          llvm::errs() << "  (no candidate fits this task)\n";
      }
      SmallVector<Attribute> ranked;
      for (size_t rank = 0;
           rank < order.size() && static_cast<int64_t>(rank) < top; ++rank) {
        size_t i = order[rank];
        ranked.push_back(builder.getDictionaryAttr({
            builder.getNamedAttr("rank", builder.getI64IntegerAttr(rank)),
            builder.getNamedAttr("score", builder.getF64FloatAttr((*scores)[i])),
            builder.getNamedAttr("trace", builder.getStringAttr(pool[i].str())),
        }));
      }
      // Attach to the anchor op of this task in the payload.
      if (Operation *op =
              ::cwm::findTaskOp(module, task.instance, task.info.anchor)) {
        op->setAttr("cwm.ranked_schedules", builder.getArrayAttr(ranked));
        op->setAttr("cwm.ranked_from", builder.getI64IntegerAttr(
                                           static_cast<int64_t>(pool.size())));
        op->setAttr("cwm.ranked_task", builder.getStringAttr(task.info.name));
      }
    }
    ::cwm::stripTaskTags(module);
  }
};

} // namespace
} // namespace mlir::cwm
