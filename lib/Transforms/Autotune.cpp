//===- Autotune.cpp - cwm-autotune ----------------------------------------===//

#include "cwm/Transforms/Passes.h"

#include "DatabaseAccess.h"

#include "cwm/CostModel/CostModel.h"
#include "cwm/Database/Database.h"
#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Measure/CandidateRunner.h"
#include "cwm/Search/ApplyBest.h"
#include "cwm/Search/ScheduleLibrary.h"
#include "cwm/Search/TaskScheduler.h"
#include "cwm/Search/Tuner.h"
#include "cwm/SearchSpace/SearchSpace.h"
#include "cwm/Task/TaskExtraction.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "cwm/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Format.h"

#include <set>
#include <thread>

namespace mlir::cwm {

#define GEN_PASS_DEF_AUTOTUNE
#include "cwm/Transforms/Passes.h.inc"

namespace {

void printSummary(llvm::raw_ostream &os,
                  llvm::ArrayRef<::cwm::TaskReport> reports) {
  os << llvm::format("%-36s %5s %10s %12s %12s %9s %8s %7s %s\n", "task",
                     "count", "GFLOP", "untuned", "tuned", "GFLOP/s",
                     "speedup", "trials", "errors");
  double untunedTotal = 0, tunedTotal = 0;
  bool complete = true;
  for (const ::cwm::TaskReport &r : reports) {
    auto time = [](double s) {
      return s > 0 ? llvm::formatv("{0:F3} ms", s * 1e3).str()
                   : std::string("-");
    };
    std::string errors;
    for (auto &[kind, count] : r.errors)
      errors += (errors.empty() ? "" : ", ") + kind + "=" + std::to_string(count);
    // When no candidate beats the default lowering, the default is what
    // the payload keeps, so that is the time reported as tuned.
    double applied = r.keepsDefault() ? r.baselineSeconds : r.bestSeconds;
    if (r.keepsDefault())
      errors = "default kept; " + (errors.empty() ? std::string("none") : errors);
    if (!r.failure.empty())
      errors = "not tuned (see the warning); " +
               (errors.empty() ? std::string("none") : errors);
    double gflops = applied > 0 ? r.flops / applied / 1e9 : 0;
    double speedup = applied > 0 && r.baselineSeconds > 0
                         ? r.baselineSeconds / applied
                         : 0;
    untunedTotal += r.weight * r.baselineSeconds;
    tunedTotal += r.weight * applied;
    complete &= applied > 0 && r.baselineSeconds > 0;
    os << llvm::format("%-36s %5lld %10.3f %12s %12s %9.1f %7.1fx %7lld %s\n",
                       r.name.c_str(), (long long)r.weight, r.flops / 1e9,
                       time(r.baselineSeconds).c_str(),
                       time(applied).c_str(), gflops, speedup,
                       (long long)r.measured,
                       errors.empty() ? "none" : errors.c_str());
  }
  // With more than one task: the model's time as the sum over its tasks.
  if (reports.size() > 1 && complete)
    os << llvm::formatv("all tasks, weighted by count: untuned {0:F3} ms, "
                        "tuned {1:F3} ms ({2:F1}x)\n",
                        untunedTotal * 1e3, tunedTotal * 1e3,
                        untunedTotal / tunedTotal);
}

/// The JSON report; `costModel` and `modelFile` say what ranked the
/// candidates (the file empty for a model without one).
llvm::json::Value reportToJSON(llvm::ArrayRef<::cwm::TaskReport> reports,
                               llvm::StringRef hardware, int64_t threads,
                               llvm::StringRef costModel,
                               llvm::StringRef modelFile) {
  llvm::json::Array tasks;
  for (const ::cwm::TaskReport &r : reports) {
    llvm::json::Object errors;
    for (auto &[kind, count] : r.errors)
      errors[kind] = count;
    llvm::json::Object task{{"name", r.name},
                            {"key", r.key},
                            {"count", r.weight},
                            {"flops", r.flops},
                            {"baseline_median_s", r.baselineSeconds},
                            {"best_median_s", r.bestSeconds},
                            {"keeps_default", r.keepsDefault()},
                            {"trials_measured", r.measured},
                            {"trials_measured_this_run", r.measuredNow},
                            {"tuning_seconds", r.tuningSeconds},
                            {"model_scored_candidates", r.scoredCandidates},
                            {"model_score_seconds", r.modelSeconds},
                            {"model_update_seconds", r.modelUpdateSeconds},
                            {"errors", std::move(errors)}};
    if (!r.failure.empty())
      task["failure"] = r.failure;
    if (r.stopped)
      task["stopped"] = true;
    if (r.best)
      task["best_trace"] = r.best->toJSON();
    tasks.push_back(std::move(task));
  }
  // schema: this report's layout (docs/database.md); cwm_version: the build.
  return llvm::json::Object{{"schema", 1},
                            {"cwm_version", ::cwm::versionString()},
                            {"hardware", hardware},
                            {"threads", threads},
                            {"timestamp", ::cwm::currentTimestamp()},
                            {"cost_model", costModel},
                            {"model_file", modelFile},
                            {"tasks", std::move(tasks)}};
}

struct Autotune final : impl::AutotuneBase<Autotune> {
  using Base::Base;

  LogicalResult checkOptions(Location loc) {
    if (target != "cpu" && target != "cuda")
      return emitError(loc) << "unsupported target '" << target
                            << "' (supported: cpu, cuda)";
    if (runnerName != "local" && runnerName != "slurm")
      return emitError(loc) << "unknown runner '" << runnerName
                            << "' (known: local, slurm)";
    if (runnerName == "slurm" && exportDir.empty())
      return emitError(loc) << "runner=slurm builds candidates into a folder "
                               "the compute nodes share: give export=DIR";
    if (runnerName != "slurm") {
      for (auto [name, given] :
           {std::pair<const char *, bool>{"sbatch", !sbatchArguments.empty()},
            {"partition", !partition.empty()},
            {"account", !account.empty()},
            {"time-limit", !timeLimit.empty()},
            {"gpus-per-job", gpusPerJob != -1},
            {"poll", pollSeconds != 2.0}})
        if (given)
          return emitError(loc) << name << "= needs runner=slurm";
    }
    if (!(buildTimeout > 0) || !(runTimeout > 0))
      return emitError(loc) << "build-timeout and run-timeout must be "
                               "positive, got "
                            << static_cast<double>(buildTimeout) << " and "
                            << static_cast<double>(runTimeout);
    if (mustTry < -1 || mustTry > 64)
      return emitError(loc) << "must-try=" << static_cast<int64_t>(mustTry)
                            << " is outside 0..64 (or -1: the default)";
    if (buildJobs < 0 || buildJobs > 1024)
      return emitError(loc) << "build-jobs=" << static_cast<int64_t>(buildJobs)
                            << " is outside 0..1024";
    if (gpusPerJob < -1 || gpusPerJob > 64)
      return emitError(loc) << "gpus-per-job=" << static_cast<int64_t>(gpusPerJob)
                            << " is outside 0..64";
    if (!(pollSeconds >= 0.05 && pollSeconds <= 3600))
      return emitError(loc) << "poll=" << static_cast<double>(pollSeconds)
                            << " is outside 0.05..3600 seconds";
    for (auto [name, value] :
         {std::pair<const char *, const std::string *>{"partition", &partition},
          {"account", &account},
          {"time-limit", &timeLimit}})
      if (value->find_first_of(" \t\n'\"") != std::string::npos)
        return emitError(loc) << name << "='" << *value
                              << "' holds spaces or quotes";
    if (target == "cuda" && exportDir.empty())
      return emitError(loc)
             << "target=cuda measures on a GPU through cwm-run: give "
                "export=DIR (candidates are built into DIR; run cwm-run on "
                "DIR/manifest.txt, then import=RESULTS with the same export "
                "and db)";
    if (!importResults.empty() && (exportDir.empty() || database.empty()))
      return emitError(loc) << "import=FILE needs export=DIR (the batch "
                               "folder it answers) and db=FILE";
    if (trials < 0)
      return emitError(loc) << "trials must be >= 0, got " << static_cast<int64_t>(trials);
    if (budget < 0)
      return emitError(loc) << "budget must be >= 0, got "
                            << static_cast<int64_t>(budget);
    if (!::cwm::parseSchedulePolicy(scheduler))
      return emitError(loc) << "unknown scheduler '" << scheduler
                            << "' (supported: gradient, round-robin)";
    if (budget > 0 && !exportDir.empty())
      return emitError(loc) << "budget= (the task scheduler) needs the "
                               "results of each step: it measures on this "
                               "machine (target=cpu without export=); give "
                               "trials= per task for a batch folder";
    if (batchSize < 1)
      return emitError(loc) << "batch must be >= 1, got " << static_cast<int64_t>(batchSize);
    if (timeout <= 0)
      return emitError(loc) << "timeout must be positive, got " << static_cast<double>(timeout);
    int64_t maxThreads =
        4 * std::max<int64_t>(1, std::thread::hardware_concurrency());
    if (threads < 0 || threads > maxThreads)
      return emitError(loc) << "threads must be between 0 (all cores) and "
                            << maxThreads << " (4 per core), got "
                            << static_cast<int64_t>(threads);
    // A worker maps about half a GB of compiler libraries before it starts.
    if (!(memoryLimit == 0 || (memoryLimit >= 1 && memoryLimit <= 1e6)))
      return emitError(loc) << "memory-limit must be 0 (three quarters of "
                               "physical memory) or at least 1 GB, got "
                            << static_cast<double>(memoryLimit);
    if (online != "linear" && online != "finetune" && online != "both" &&
        online != "none")
      return emitError(loc) << "unknown online mode '" << online
                            << "' (known: " << ::cwm::kWorldOnlineModes << ")";
    if (!(explore >= 0 && explore <= 100))
      return emitError(loc) << "explore must be between 0 and 100, got "
                            << llvm::formatv("{0}", static_cast<double>(explore)).str();
    if (population < 1 || generations < 0)
      return emitError(loc) << "population must be >= 1 and generations >= 0";
    if (firstGenerations < -1)
      return emitError(loc) << "first-generations must be >= 0 (or -1: the "
                               "default for the cost model), got "
                            << static_cast<int64_t>(firstGenerations);
    if (!(diversity == -1.0 || (diversity >= 0 && diversity <= 100)))
      return emitError(loc) << "diversity must be between 0 and 100 (or -1: "
                               "the default for the cost model), got "
                            << llvm::formatv("{0}", static_cast<double>(diversity)).str();
    if (transfer < 0)
      return emitError(loc) << "transfer must be >= 0, got "
                            << static_cast<int64_t>(transfer);
    if (transfer > 0 && library.empty())
      return emitError(loc) << "transfer=" << static_cast<int64_t>(transfer)
                            << " needs library= (a schedule library written "
                               "by cwm-train --write-library)";
    if (novelty != "mean" && novelty != "rarest" && novelty != "coverage")
      return emitError(loc) << "unknown novelty '" << novelty
                            << "' (known: mean, rarest, coverage)";
    if (remeasure < 0)
      return emitError(loc) << "remeasure must be >= 0, got "
                            << static_cast<int64_t>(remeasure);
    if (referenceSamples < 1024)
      return emitError(loc) << "reference-samples must be >= 1024, got "
                            << static_cast<int64_t>(referenceSamples);
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    Location loc = module.getLoc();
    if (failed(checkOptions(loc)))
      return signalPassFailure();
    std::string modelName = costModel, modelFile = modelPath;
    bool worldLike = modelName == "world" || modelName == "hybrid";
    if (modelName == "auto" || (worldLike && modelFile.empty())) {
      if (modelFile.empty())
        modelFile = ::cwm::findDefaultModel(target);
      if (modelName == "auto")
        modelName = modelFile.empty() ? "random" : "world";
      if (!quiet && modelName == "random")
        llvm::errs() << "[cwm-autotune] no world model for target '" << target
                     << "' found; ranking candidates at random\n";
    }
    if (!quiet && (modelName == "world" || modelName == "hybrid"))
      llvm::errs() << "[cwm-autotune] cost model: " << modelName << " ("
                   << modelFile << ")\n";
    ::cwm::WorldOnlineOptions onlineOptions;
    onlineOptions.mode = online;
    onlineOptions.explore = explore;
    auto model = ::cwm::createCostModel(modelName, seed, modelFile, target,
                                        onlineOptions);
    if (!model) {
      emitError(loc) << llvm::toString(model.takeError());
      return signalPassFailure();
    }
    llvm::Expected<std::string> worker = ::cwm::findWorker(workerPath);
    if (!worker) {
      emitError(loc) << llvm::toString(worker.takeError());
      return signalPassFailure();
    }
    std::unique_ptr<::cwm::Database> db;
    if (database.empty()) {
      db = ::cwm::Database::inMemory();
    } else {
      FailureOr<std::unique_ptr<::cwm::Database>> opened =
          openDatabaseForPass(database, loc, /*mustExist=*/false);
      if (failed(opened))
        return signalPassFailure();
      db = std::move(*opened);
    }

    FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
        ::cwm::extractTasks(module, target);
    if (failed(tasks))
      return signalPassFailure();
    if (tasks->empty()) {
      emitWarning(loc) << "no Linalg task found; nothing to tune";
      // The report still says so (a caller reading it finds no tasks).
      if (!report.empty() && failed(writeReport(loc, {}, 0, modelName,
                                                modelFile)))
        return signalPassFailure();
      return;
    }

    // Inside a model each task finds its weights evicted by the tasks before
    // it; timed alone and repeated it finds them in cache. Tuned warm,
    // ResNet-18's 512-channel convolutions ran 1.5-2x their tuned times in
    // the model (docs/benchmarks.md "CPU whole models: cache state").
    bool flush = false;
    if (flushCache == "auto") {
      std::set<std::string> keys;
      for (const ::cwm::ExtractedTask &task : *tasks)
        keys.insert(task.key);
      flush = target == "cpu" && keys.size() > 1;
      if (flush && !quiet)
        llvm::errs() << "[cwm-autotune] " << keys.size()
                     << " tasks: timing each with the caches flushed, as in a "
                        "model (flush-cache=auto; false times them warm)\n";
    } else if (flushCache == "true" || flushCache == "1") {
      flush = true;
      if (target == "cuda")
        emitWarning(loc) << "flush-cache flushes the host CPU's caches only: "
                            "GPU kernels are timed with the GPU's L2 as the "
                            "run before left it";
    } else if (flushCache != "false" && flushCache != "0") {
      emitError(loc) << "flush-cache must be true, false or auto, got '"
                     << flushCache << "'";
      return signalPassFailure();
    }

    int64_t threadCount =
        threads > 0 ? int64_t(threads)
                    : std::max<int64_t>(1, std::thread::hardware_concurrency());
    ::cwm::RunnerOptions runnerOptions;
    runnerOptions.workerPath = *worker;
    runnerOptions.threads = threadCount;
    runnerOptions.timeoutSeconds = timeout;
    runnerOptions.memoryLimitBytes =
        memoryLimit > 0 ? uint64_t(memoryLimit * 1e9)
                        : ::cwm::defaultWorkerMemoryLimit();
    if (!keepFailed.empty()) {
      if (std::error_code ec = llvm::sys::fs::create_directories(keepFailed)) {
        emitError(loc) << "keep-failed: cannot create '" << keepFailed
            << "': " << ec.message();
        return signalPassFailure();
      }
      runnerOptions.keepFailedDirectory = keepFailed;
    }
    ::cwm::LocalCpuRunner workers(runnerOptions);
    // Where candidates are measured: a batch folder for cwm-run (always for
    // CUDA: this machine has no GPU to rely on; for the CPU with export=), or
    // this machine's CPU now. Either way the same loop below.
    std::unique_ptr<::cwm::CandidateRunner> runner;
    if (!exportDir.empty()) {
      ::cwm::BatchOptions batch;
      batch.directory = exportDir;
      batch.target = target;
      batch.chip = chip;
      batch.referenceSamples = referenceSamples;
      batch.timeoutSeconds = timeout;
      batch.minSeconds = minMeasureSeconds;
      batch.flushCache = flush;
      if (runnerName == "slurm") {
        // cwm-run beside the worker (build tree or installed tools).
        llvm::SmallString<256> cwmRun(llvm::sys::path::parent_path(*worker));
        llvm::sys::path::append(cwmRun, "cwm-run");
        if (!llvm::sys::fs::can_execute(cwmRun)) {
          emitError(loc) << "runner=slurm needs cwm-run beside cwm-worker ("
                         << cwmRun << ")";
          return signalPassFailure();
        }
        llvm::SmallString<256> absolute(exportDir);
        llvm::sys::fs::make_absolute(absolute);
        batch.directory = absolute.str().str();
        batch.cwmRun = cwmRun.str().str();
        batch.slurm.partition = partition;
        batch.slurm.account = account;
        batch.slurm.timeLimit = timeLimit;
        batch.slurm.gpusPerJob =
            gpusPerJob >= 0 ? gpusPerJob : (target == "cuda" ? 1 : 0);
        batch.slurm.extraArguments = sbatchArguments;
        batch.slurm.pollSeconds = pollSeconds;
        batch.quiet = quiet;
      }
      runner = std::make_unique<::cwm::BatchCandidateRunner>(workers, batch);
    } else {
      ::cwm::TimingOptions timing;
      timing.minTotalSeconds = minMeasureSeconds;
      timing.flushCache = flush;
      int64_t jobs = buildJobs > 0
                         ? buildJobs
                         : int64_t(std::max(1u, std::thread::hardware_concurrency()));
      ::cwm::CandidateLimits limits;
      limits.buildSeconds = buildTimeout;
      limits.runSeconds = runTimeout;
      runner = std::make_unique<::cwm::LocalCandidateRunner>(workers, timing,
                                                             jobs, limits);
    }
    std::unique_ptr<::cwm::SearchSpace> space;
    if (target == "cuda") {
      ::cwm::CudaSpaceOptions spaceOptions;
      spaceOptions.allowTf32 = allowTf32;
      spaceOptions.hopper = llvm::StringRef(chip).starts_with("sm_90");
      space = ::cwm::createCudaSearchSpace(spaceOptions);
    } else {
      ::cwm::CpuSpaceOptions spaceOptions;
      spaceOptions.threads = threadCount;
      spaceOptions.packWeights = packWeights;
      spaceOptions.packB = packB;
      spaceOptions.raggedTiles = raggedTiles;
      spaceOptions.tileReduction = tileReduction;
      spaceOptions.winograd = winograd;
      spaceOptions.directFamily = mustTryDirect;
      space = ::cwm::createCpuSearchSpace(spaceOptions);
    }
    ::cwm::TuneOptions options;
    options.target = target;
    options.trials = trials;
    options.batchSize = batchSize;
    options.seed = seed;
    options.quiet = quiet;
    options.timing.minTotalSeconds = minMeasureSeconds;
    options.timing.flushCache = flush;
    options.remeasureCut = remeasureCut;
    options.remeasureBest = remeasure;
    ::cwm::SearchOptions searchOptions;
    searchOptions.populationSize = population;
    searchOptions.generations = generations;
    // Every round evolves by default, the first one too: on the validation
    // set (30 workloads x 3 seeds) that beat picking the first round from the
    // unevolved samples at every budget (docs/world-model.md, "The first
    // round"); first-generations=0 is the better choice for a single round.
    searchOptions.firstGenerations =
        firstGenerations >= 0 ? int64_t(firstGenerations) : -1;
    searchOptions.checkByApplying = precheck;
    // The novelty bonus was chosen for the world model's search (1, on the
    // training generator's validation workloads: docs/world-model.md); other
    // cost models keep their plain ranking unless asked.
    searchOptions.mustTryMembers = mustTry;
    searchOptions.diversity =
        diversity >= 0 ? double(diversity)
                       : (modelName == "world" || modelName == "hybrid" ? 1.0 : 0.0);
    searchOptions.novelty =
        novelty == "rarest"     ? ::cwm::SearchOptions::Novelty::RarestAtom
        : novelty == "coverage" ? ::cwm::SearchOptions::Novelty::Coverage
                                : ::cwm::SearchOptions::Novelty::MeanValue;
    std::optional<::cwm::ScheduleLibrary> scheduleLibrary;
    if (!library.empty()) {
      llvm::Expected<::cwm::ScheduleLibrary> loaded =
          ::cwm::ScheduleLibrary::load(library);
      if (!loaded) {
        emitError(loc) << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      scheduleLibrary = std::move(*loaded);
      searchOptions.library = &*scheduleLibrary;
      searchOptions.transfer = transfer;
    }
    ::cwm::EvolutionarySearch strategy(*db, **model, *space, searchOptions);
    ::cwm::Tuner tuner(*db, strategy, *runner, options);

    // Distinct workloads, weighted by their instances in the payload.
    std::vector<::cwm::ScheduledTask> distinct;
    llvm::StringMap<size_t> position;
    for (::cwm::ExtractedTask &task : *tasks) {
      auto [it, inserted] = position.try_emplace(task.key, distinct.size());
      if (!inserted) {
        ++distinct[it->second].weight;
        continue;
      }
      ::cwm::WorkloadEntry workload{task.key, target, task.info, task.ir};
      if (llvm::Error error = db->addWorkload(workload)) {
        emitError(loc) << llvm::toString(std::move(error));
        return signalPassFailure();
      }
      distinct.push_back({std::move(workload), 1});
    }
    // Results of an earlier batch come in before the search goes on.
    if (!importResults.empty()) {
      llvm::Expected<int64_t> added =
          ::cwm::importBatchResults(*db, exportDir, importResults);
      if (!added) {
        emitError(loc) << "import failed: " << llvm::toString(added.takeError());
        return signalPassFailure();
      }
      llvm::errs() << "[cwm-autotune] imported " << *added << " "
                   << (target == "cuda" ? "GPU" : "CPU") << " results into "
                   << database << "\n";
    }
    std::vector<::cwm::TaskReport> reports;
    if (budget > 0) {
      ::cwm::SchedulerOptions schedulerOptions;
      schedulerOptions.policy = *::cwm::parseSchedulePolicy(scheduler);
      schedulerOptions.budget = budget;
      schedulerOptions.stepTrials = batchSize;
      schedulerOptions.quiet = quiet;
      ::cwm::TaskScheduler taskScheduler(*db, tuner, schedulerOptions);
      llvm::Expected<std::vector<::cwm::TaskReport>> scheduled =
          taskScheduler.run(distinct);
      if (!scheduled) {
        emitError(loc) << "tuning failed: "
                       << llvm::toString(scheduled.takeError());
        return signalPassFailure();
      }
      reports = std::move(*scheduled);
    } else {
      for (auto [index, task] : llvm::enumerate(distinct)) {
        std::string prefix =
            llvm::formatv("[cwm-autotune {0}/{1} {2}]", index + 1,
                          distinct.size(), task.workload.task.name)
                .str();
        llvm::Expected<::cwm::TaskReport> report =
            tuner.tune(task.workload, prefix);
        if (!report) {
          // One task that cannot be measured does not stop the others: it
          // keeps the default lowering, and the summary says why.
          std::string why = llvm::toString(report.takeError());
          emitWarning(loc) << "task '" << task.workload.task.name
                           << "' is not tuned: " << why
                           << "; it keeps the default lowering";
          report = ::cwm::summarizeWorkload(*db, task.workload);
          report->failure = why;
        }
        report->weight = task.weight;
        reports.push_back(std::move(*report));
      }
    }

    if (runner->isDeferred()) {
      // Nothing was measured here: the payload stays as it is (apply the
      // best records once they are imported: cwm-apply-best).
      int64_t exported = 0;
      for (const ::cwm::TaskReport &r : reports)
        exported += r.exported;
      if (exported > 0)
        llvm::errs() << "[cwm-autotune] batch in " << exportDir
                     << ": run `cwm-run " << (target == "cpu" ? "--cpu " : "")
                     << exportDir << "/manifest.txt -o " << exportDir
                     << "/results.jsonl` on "
                     << (target == "cuda" ? "a machine with an NVIDIA GPU"
                                          : "the machine to measure on")
                     << ", then rerun with import=" << exportDir
                     << "/results.jsonl\n";
      if (!report.empty() &&
          failed(writeReport(loc, reports, threadCount, modelName, modelFile)))
        return signalPassFailure();
      return;
    }
    // Rewrite every task instance with its workload's best trace.
    if (failed(::cwm::applyBestSchedules(module, *tasks, *db)))
      return signalPassFailure();

    printSummary(llvm::errs(), reports);
    if (!report.empty() &&
        failed(writeReport(loc, reports, threadCount, modelName, modelFile)))
      return signalPassFailure();
  }

  LogicalResult writeReport(Location loc,
                            llvm::ArrayRef<::cwm::TaskReport> reports,
                            int64_t threadCount, llvm::StringRef modelName,
                            llvm::StringRef modelFile) {
    std::error_code ec;
    llvm::raw_fd_ostream os(report, ec);
    if (ec)
      return emitError(loc) << "cannot write report '" << report
                            << "': " << ec.message();
    os << llvm::formatv("{0:2}",
                        reportToJSON(reports, ::cwm::describeHostCpu(),
                                     threadCount, modelName,
                                     modelName == "random" ? "" : modelFile))
       << "\n";
    return success();
  }
};
} // namespace

} // namespace mlir::cwm
