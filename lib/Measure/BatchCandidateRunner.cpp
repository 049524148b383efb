//===- BatchCandidateRunner.cpp - Candidates built here, measured by cwm-run ===//
//
// Compile here, run there: every candidate is built into a shared object in
// the batch folder (cwm-worker build-gpu / build-cpu) and appended to the
// manifest cwm-run reads; pending.jsonl remembers what each id stands for, so
// importBatchResults can turn cwm-run's results into records.
//
//===----------------------------------------------------------------------===//

#include "cwm/Measure/CandidateRunner.h"

#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Runtime/ChildProcess.h"
#include "cwm/Runtime/HostBuffer.h"
#include "cwm/Schedule/Validity.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>
#include <random>
#include <thread>

extern char **environ;

using namespace llvm;

namespace cwm {

/// `text` as one word for /bin/sh.
static std::string shellQuote(StringRef text) {
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string SlurmOptions::toArguments() const {
  std::string arguments;
  auto add = [&](StringRef flag, StringRef value) {
    if (!value.empty())
      arguments += (arguments.empty() ? "" : " ") + flag.str() + "=" +
                   shellQuote(value);
  };
  add("--partition", partition);
  add("--account", account);
  add("--time", timeLimit);
  if (gpusPerJob > 0)
    add("--gpus", std::to_string(gpusPerJob));
  if (!extraArguments.empty())
    arguments += (arguments.empty() ? "" : " ") + extraArguments;
  return arguments;
}

/// A CPU schedule for the reference outputs of a large matmul-like task
/// (the untransformed loops take minutes at 4096^3) that computes every
/// output with exactly the untransformed order of operations: only the
/// parallel loops are split over threads and vector lanes, and the
/// reduction loop runs in order (tiles of it in sequence, outer-product
/// FMAs one k at a time). Nothing for small tasks or other kinds of ops.
static std::optional<Trace> exactOrderReference(const TaskInfo &task) {
  if (task.flops < 2e10 || task.hasConsumer() ||
      (task.opClass != OpClass::Matmul && task.opClass != OpClass::BatchMatmul))
    return std::nullopt;
  const TaskOp &anchor = task.anchorOp();
  size_t rank = anchor.loops.size(); // [b,] m, n, k
  if (rank < 3 || task.ops.size() != 2 || !task.ops[0].isFill)
    return std::nullopt;
  int64_t m = anchor.loops[rank - 3].extent, n = anchor.loops[rank - 2].extent,
          k = anchor.loops[rank - 1].extent;
  if (m % 32 != 0 || n % 16 != 0 || k % 256 != 0)
    return std::nullopt;
  // Leading (batch) loops: one per thread chunk when parallelized, else
  // untouched.
  auto sizes = [&](std::vector<int64_t> tail, size_t length,
                   int64_t lead = 0) {
    std::vector<int64_t> result(length - tail.size(), lead);
    result.insert(result.end(), tail.begin(), tail.end());
    return result;
  };
  std::vector<Action> actions(6);
  actions[0].kind = ActionKind::Parallelize;
  actions[0].target = task.anchor;
  actions[0].decisions["sizes"] = Decision(sizes({32, 0, 0}, rank, 1));
  actions[1].kind = ActionKind::Tile;
  actions[1].target = task.anchor;
  actions[1].decisions["sizes"] = Decision(sizes({0, 0, 256}, rank));
  actions[2].kind = ActionKind::Tile;
  actions[2].target = task.anchor;
  actions[2].decisions["sizes"] = Decision(sizes({8, 16, 1}, rank));
  actions[3].kind = ActionKind::Tile;
  actions[3].target = 0;
  actions[3].decisions["sizes"] = Decision(sizes({8, 16}, rank - 1));
  actions[4].kind = ActionKind::Vectorize;
  actions[4].target = task.anchor;
  actions[4].decisions["contraction"] = Decision(std::string("outerproduct"));
  actions[5].kind = ActionKind::Vectorize;
  actions[5].target = 0;
  Trace trace(std::move(actions));
  if (Error error = checkTrace(trace, task)) {
    consumeError(std::move(error));
    return std::nullopt;
  }
  return trace;
}

namespace {

Error batchError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// Rewrites the reference file at `path` (the outputs named by the
/// argument spec, in order) to every stride-th element of each output when
/// the outputs hold more than 16 x `samples` elements (4M by default), so
/// about `samples` of each remain; returns the stride (1: kept
/// whole). The stride is a prime, so the samples fall on every residue of
/// any power-of-two tile and cover every position within the tiles.
static Expected<int64_t> sampleReference(StringRef path, StringRef spec,
                                         int64_t samples) {
  const int64_t kSamples = samples, kWholeLimit = 16 * kSamples;
  std::vector<std::pair<size_t, int64_t>> outputs; // element bytes, count
  int64_t largest = 0, total = 0;
  SmallVector<StringRef> words;
  spec.split(words, ' ', -1, false);
  for (StringRef word : words) {
    if (!word.consume_front("out:"))
      continue;
    auto [typeName, shape] = word.split(':');
    ElementType type;
    if (!parseElementType(typeName.str(), type))
      return batchError("unsupported output element type '" + typeName + "'");
    int64_t count = 1;
    SmallVector<StringRef> sizes;
    shape.split(sizes, 'x', -1, false);
    for (StringRef size : sizes) {
      int64_t extent;
      if (size.getAsInteger(10, extent) || extent < 0)
        return batchError("bad output shape '" + shape + "'");
      count *= extent;
    }
    outputs.push_back({elementSize(type), count});
    largest = std::max(largest, count);
    total += count;
  }
  if (total <= kWholeLimit)
    return 1;
  int64_t stride = (largest + kSamples - 1) / kSamples;
  auto prime = [](int64_t n) {
    for (int64_t d = 2; d * d <= n; ++d)
      if (n % d == 0)
        return false;
    return n >= 2;
  };
  while (!prime(stride))
    ++stride;
  ErrorOr<std::unique_ptr<MemoryBuffer>> whole =
      MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!whole)
    return batchError("cannot read the reference '" + path + "'");
  StringRef bytes = (*whole)->getBuffer();
  std::string sampled;
  size_t offset = 0;
  for (auto [width, count] : outputs) {
    if (offset + width * count > bytes.size())
      return batchError("the reference '" + path + "' is too short");
    for (int64_t i = 0; i < count; i += stride)
      sampled.append(bytes.data() + offset + i * width, width);
    offset += width * count;
  }
  whole->reset();
  std::error_code ec;
  raw_fd_ostream os(path, ec);
  if (ec)
    return batchError("cannot write '" + path + "': " + ec.message());
  os << sampled;
  return stride;
}

/// cwm-run's argument list for a task: inputs, then results as out-params.
Expected<std::string> argumentSpec(StringRef ir) {
  mlir::DialectRegistry registry;
  registerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(ir, &context);
  if (!module)
    return batchError("the workload IR does not parse");
  auto functions = module->getOps<mlir::func::FuncOp>();
  if (functions.empty())
    return batchError("the workload has no function");
  mlir::FunctionType type = (*functions.begin()).getFunctionType();
  std::string spec;
  auto add = [&](StringRef role, mlir::Type t) -> Error {
    auto shaped = dyn_cast<mlir::RankedTensorType>(t);
    if (!shaped || !shaped.hasStaticShape())
      return batchError("batch candidates need statically shaped tensors");
    std::string element;
    raw_string_ostream(element) << shaped.getElementType();
    spec += (spec.empty() ? "" : " ") + role.str() + ":" + element + ":";
    for (auto [i, size] : llvm::enumerate(shaped.getShape()))
      spec += (i ? "x" : "") + std::to_string(size);
    return Error::success();
  };
  for (mlir::Type t : type.getInputs())
    if (Error error = add("in", t))
      return std::move(error);
  for (mlir::Type t : type.getResults())
    if (Error error = add("out", t))
      return std::move(error);
  return spec;
}

Error appendLine(StringRef path, StringRef line) {
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_Append);
  if (ec)
    return batchError("cannot append to '" + path + "': " + ec.message());
  os << line << "\n";
  return Error::success();
}


/// One workload's part of a batch folder.
class BatchSession final : public MeasureSession {
public:
  BatchSession(const LocalCpuRunner &workers, const BatchOptions &options,
               const WorkloadEntry &workload, std::string arguments)
      : workers(workers), options(options), workload(workload),
        arguments(std::move(arguments)) {}

  /// Writes the task file and reads what earlier exports left pending.
  Error initialize() {
    taskFile = (options.directory + "/" + workload.key + ".mlir");
    pendingPath = options.directory + "/pending.jsonl";
    manifestPath = options.directory + "/manifest.txt";
    {
      std::error_code ec;
      raw_fd_ostream os(taskFile, ec);
      if (ec)
        return batchError("cannot write '" + taskFile + "': " + ec.message());
      os << workload.ir;
    }
    if (auto buffer = MemoryBuffer::getFile(pendingPath)) {
      SmallVector<StringRef> lines;
      (*buffer)->getBuffer().split(lines, '\n', -1, false);
      for (StringRef line : lines) {
        Expected<json::Value> value = json::parse(line);
        if (!value) {
          consumeError(value.takeError());
          continue;
        }
        const json::Object *o = value->getAsObject();
        if (!o || o->getString("workload") != StringRef(workload.key))
          continue;
        ++nextIndex;
        if (o->getString("build_error"))
          continue; // recorded at import, not waiting for cwm-run
        if (const json::Value *t = o->get("trace")) {
          if (Expected<Trace> trace = Trace::fromJSON(*t))
            pending.insert(trace->fingerprint());
          else
            consumeError(trace.takeError());
        }
        if (!o->getBoolean("remeasure").value_or(false))
          ++pendingTrials;
      }
    }
    // Ids are unique across rounds (a results file may hold several, and a
    // later round may restart the folder): the workload, this export's tag,
    // the index.
    std::mt19937_64 rng(std::hash<std::string>()(workload.key));
    batchTag = llvm::utohexstr(
        (uint64_t(std::chrono::system_clock::now().time_since_epoch().count()) ^
         rng()) & 0xffffffffULL,
        /*LowerCase=*/true);
    return Error::success();
  }

  MeasureResult prepareReference(uint64_t newSeed, bool /*time*/) override {
    seed = newSeed % 1000000007ULL;
    referenceName = workload.key + "-seed" + std::to_string(seed) + ".ref";
    MeasureRequest reference;
    reference.taskFile = taskFile;
    reference.seed = seed;
    reference.reference = true;
    reference.referenceFile = options.directory + "/" + referenceName;
    reference.time = false;
    // A large task's reference may take minutes even when scheduled.
    RunnerOptions referenceOptions = workers.getOptions();
    if (std::optional<Trace> fast = exactOrderReference(workload.task)) {
      reference.trace = *fast;
      referenceOptions.timeoutSeconds =
          std::max(referenceOptions.timeoutSeconds, 600.0);
    }
    MeasureResult result = LocalCpuRunner(referenceOptions).measure(reference);
    if (!result.ok())
      return result;
    // A large reference (say 64 MiB for 4096x4096 f32) would not fit in one
    // trip to the measuring machine: keep every stride-th element.
    Expected<int64_t> stride = sampleReference(
        reference.referenceFile, arguments, options.referenceSamples);
    if (!stride) {
      result.status = MeasureStatus::RunnerError;
      result.message = toString(stride.takeError());
      return result;
    }
    referenceToken = *stride > 1
                         ? referenceName + "@" + std::to_string(*stride)
                         : referenceName;
    return result;
  }

  std::optional<MeasureResult> measure(const Trace &trace,
                                       double /*slowCutoffSeconds*/,
                                       bool remeasure) override {
    std::string id =
        workload.key + "-" + batchTag + "-" + std::to_string(nextIndex++);
    MeasureRequest build;
    build.taskFile = taskFile;
    build.trace = trace;
    if (options.target == "cpu") {
      build.cpuOutput = options.directory + "/" + id + ".so";
      build.cpu = options.cpu;
    } else {
      build.gpuOutput = options.directory + "/" + id + ".so";
      build.gpuChip = options.chip;
    }
    MeasureResult built = workers.measure(build);
    if (!built.ok())
      return built; // never leaves this machine: recorded now
    json::Object entry{{"id", id},
                       {"workload", workload.key},
                       {"target", options.target},
                       {"trace", trace.toJSON()},
                       {"seed", static_cast<int64_t>(seed)}};
    if (remeasure)
      entry["remeasure"] = true;
    std::string line;
    raw_string_ostream(line) << json::Value(std::move(entry));
    std::string candidate =
        "candidate " + id + " " + id + ".so " + std::to_string(seed) + " " +
        referenceToken + " " +
        (usesTf32(trace)
             ? "tolerance=" + std::to_string(kTf32Tolerance) + " "
             : std::string()) +
        formatv("timeout={0} min-time={1} ", options.timeoutSeconds,
                options.minSeconds)
            .str() +
        (options.flushCache ? "flush-cache " : "") + arguments;
    // The pending entry first: a manifest line without one could not be
    // imported.
    if (Error error = appendLine(pendingPath, line)) {
      MeasureResult failure;
      failure.status = MeasureStatus::RunnerError;
      failure.message = toString(std::move(error));
      return failure;
    }
    if (Error error = appendLine(manifestPath, candidate)) {
      MeasureResult failure;
      failure.status = MeasureStatus::RunnerError;
      failure.message = toString(std::move(error));
      return failure;
    }
    pending.insert(trace.fingerprint());
    pendingTrials += !remeasure;
    round.push_back({id, trace, candidate});
    return std::nullopt;
  }

  Error collect(ResultHandler onResult) override {
    if (options.cwmRun.empty() || round.empty())
      return Error::success();
    std::vector<Dispatched> todo = std::move(round);
    round.clear();
    // A job that fails, times out or is cancelled is submitted again once;
    // what still has no result then is recorded as the runner's failure.
    // Each result is handed on as soon as its array task has written it.
    std::map<std::string, std::string> lastFailure;
    std::unordered_set<std::string> done;
    Error handlerError = Error::success();
    auto deliver = [&](const Dispatched &d, const MeasureResult &result) {
      done.insert(d.id);
      pending.erase(d.trace.fingerprint());
      --pendingTrials;
      if (!handlerError)
        handlerError = onResult(d.trace, result);
      else
        consumeError(onResult(d.trace, result));
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::vector<const Dispatched *> missing;
      for (const Dispatched &d : todo)
        if (!done.count(d.id))
          missing.push_back(&d);
      if (missing.empty())
        break;
      if (Error error = runJobArray(missing, attempt, deliver, lastFailure)) {
        std::string why = toString(std::move(error));
        for (const Dispatched *d : missing)
          if (!done.count(d->id))
            lastFailure[d->id] = why;
      }
      if (handlerError)
        break;
    }
    for (const Dispatched &d : todo) {
      if (done.count(d.id))
        continue;
      MeasureResult failure;
      failure.status = MeasureStatus::RunnerError;
      auto it = lastFailure.find(d.id);
      failure.message = "the Slurm job for this candidate failed twice" +
                        (it == lastFailure.end() ? std::string()
                                                 : ": " + it->second);
      deliver(d, failure);
    }
    return handlerError;
  }

  const std::unordered_set<uint64_t> &getPending() const override {
    return pending;
  }
  bool measuresBaseline() const override { return false; }
  StringRef getCollectedLabel() const override { return "Slurm"; }
  int64_t getPendingTrials() const override { return pendingTrials; }

private:
  struct Dispatched {
    std::string id;
    Trace trace;
    std::string manifestLine;
  };

  /// A shell command's output (stdout and stderr), or an error naming it.
  Expected<std::string> runCommand(const std::string &command,
                                   const std::string &outputPath,
                                   double timeoutSeconds) {
    ChildOptions child;
    child.arguments = {"/bin/sh", "-c", command};
    for (char **entry = environ; entry && *entry; ++entry)
      child.environment.push_back(*entry);
    child.outputPath = outputPath;
    child.timeoutSeconds = timeoutSeconds;
    ChildOutcome outcome = runChild(child);
    auto text = MemoryBuffer::getFile(outputPath);
    std::string output = text ? (*text)->getBuffer().trim().str() : "";
    if (outcome.kind != ChildOutcome::Kind::Exited || outcome.exitCode != 0)
      return batchError("'" + command.substr(0, command.find(' ')) +
                        "' failed" + (output.empty() ? "" : ": " + output));
    return output;
  }

  /// The state of each array task of `jobId` (index -> Slurm state, e.g.
  /// PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLED) from squeue,
  /// which knows jobs until slurmctld forgets them (MinJobAge), else from
  /// sacct (accounting). An error if neither answers.
  Expected<std::map<int64_t, std::string>>
  queryStates(const std::string &jobId, const std::string &shards) {
    std::map<int64_t, std::string> states;
    auto parse = [&](StringRef output, char separator, bool sacct) {
      SmallVector<StringRef> lines;
      output.split(lines, '\n', -1, false);
      for (StringRef line : lines) {
        auto [first, state] = line.trim().split(separator);
        StringRef index = first;
        if (sacct) // "123_4|COMPLETED"; steps ("123_4.batch") are skipped
          index = first.contains('.') ? StringRef() : first.rsplit('_').second;
        int64_t value;
        if (!index.getAsInteger(10, value))
          states[value] = state.split(' ').first.trim().str();
      }
    };
    Expected<std::string> queue = runCommand(
        "squeue -h -r --states=all -j " + jobId + " -o '%K %T'",
        shards + "/squeue.log", 60);
    if (queue) {
      parse(*queue, ' ', false);
      if (!states.empty())
        return states;
    } else {
      consumeError(queue.takeError());
    }
    Expected<std::string> accounting =
        runCommand("sacct -n -P -X -j " + jobId + " -o JobID,State",
                   shards + "/sacct.log", 60);
    if (!accounting)
      return accounting.takeError();
    parse(*accounting, '|', true);
    return states;
  }

  /// Runs `candidates` as one job array (one cwm-run per candidate),
  /// followed with squeue / sacct until every array task has ended; each
  /// result is handed to `deliver` as soon as its task has written it, and
  /// a task that ends without one leaves its Slurm state in `failures`.
  template <typename Deliver>
  Error runJobArray(llvm::ArrayRef<const Dispatched *> candidates, int attempt,
                    Deliver &deliver,
                    std::map<std::string, std::string> &failures) {
    std::string tag = batchTag + "-r" + std::to_string(rounds++) + "-a" +
                      std::to_string(attempt);
    std::string shards = options.directory + "/slurm-" + tag;
    if (std::error_code ec = sys::fs::create_directories(shards))
      return batchError("cannot create '" + shards + "': " + ec.message());
    for (auto [index, candidate] : llvm::enumerate(candidates)) {
      // Paths in a shard are relative to the batch folder.
      std::string line = candidate->manifestLine;
      SmallVector<StringRef> words;
      StringRef(line).split(words, ' ', -1, false);
      std::string rewritten;
      for (auto [w, word] : llvm::enumerate(words)) {
        std::string text = word.str();
        if (w == 2 || w == 4)
          text = "../" + text;
        rewritten += (w ? " " : "") + text;
      }
      std::error_code ec;
      raw_fd_ostream os(shards + "/shard-" + std::to_string(index) + ".txt",
                        ec);
      if (ec)
        return batchError("cannot write a shard: " + ec.message());
      os << rewritten << "\n";
    }
    std::string script = shards + "/job.sh";
    {
      std::error_code ec;
      raw_fd_ostream os(script, ec);
      if (ec)
        return batchError("cannot write '" + script + "': " + ec.message());
      // cwm-run writes its results to a temporary name first: a result file
      // that exists is complete.
      os << "#!/bin/sh\n"
         << "cd " << shards << " || exit 1\n"
         << options.cwmRun << (options.target == "cpu" ? " --cpu" : "")
         << " shard-$SLURM_ARRAY_TASK_ID.txt"
         << " -o result-$SLURM_ARRAY_TASK_ID.part || exit $?\n"
         << "mv result-$SLURM_ARRAY_TASK_ID.part"
         << " result-$SLURM_ARRAY_TASK_ID.jsonl\n";
    }
    std::string submit = "sbatch --parsable --array=0-" +
                         std::to_string(candidates.size() - 1) +
                         " --job-name=cwm-" + workload.key.substr(0, 8) +
                         " -o " + shards + "/slurm-%a.out " +
                         options.slurm.toArguments() + " " + script;
    Expected<std::string> submitted =
        runCommand(submit, shards + "/sbatch.log", 300);
    if (!submitted)
      return submitted.takeError();
    // --parsable prints "jobid" or "jobid;cluster".
    std::string jobId = StringRef(*submitted).split(';').first.trim().str();
    if (jobId.empty() || !llvm::all_of(jobId, llvm::isDigit))
      return batchError("sbatch printed no job id: " + *submitted);
    std::vector<bool> ended(candidates.size(), false);
    size_t endedCount = 0;
    auto readResult = [&](size_t index) -> std::optional<MeasureResult> {
      auto text = MemoryBuffer::getFile(shards + "/result-" +
                                        std::to_string(index) + ".jsonl");
      if (!text)
        return std::nullopt;
      SmallVector<StringRef> lines;
      (*text)->getBuffer().split(lines, '\n', -1, false);
      for (StringRef line : lines) {
        Expected<json::Value> value = json::parse(line);
        if (!value) {
          consumeError(value.takeError());
          continue;
        }
        Expected<MeasureResult> result = measureResultFromJSON(*value);
        if (!result) {
          consumeError(result.takeError());
          continue;
        }
        return std::move(*result);
      }
      return std::nullopt;
    };
    std::string lastSummary;
    int failedQueries = 0;
    // Completed tasks whose result file is not visible yet (a network file
    // system's attribute cache): when each was first seen completed.
    std::map<size_t, std::chrono::steady_clock::time_point> completedAt;
    while (endedCount < candidates.size()) {
      std::this_thread::sleep_for(std::chrono::duration<double>(
          std::max(0.05, options.slurm.pollSeconds)));
      // Results first: a task that wrote one is done, whatever Slurm says.
      for (size_t index = 0; index < candidates.size(); ++index)
        if (!ended[index])
          if (std::optional<MeasureResult> result = readResult(index)) {
            ended[index] = true;
            ++endedCount;
            deliver(*candidates[index], *result);
          }
      if (endedCount == candidates.size())
        break;
      Expected<std::map<int64_t, std::string>> states =
          queryStates(jobId, shards);
      if (!states) {
        // slurmctld unreachable for a while, and no accounting: the array's
        // remaining tasks are cancelled and retried as failed.
        std::string why = toString(states.takeError());
        if (++failedQueries < options.slurm.maxFailedQueries)
          continue;
        consumeError(runCommand("scancel " + jobId, shards + "/scancel.log", 60)
                         .takeError());
        for (size_t index = 0; index < candidates.size(); ++index)
          if (!ended[index])
            failures[candidates[index]->id] =
                "job " + jobId + " could not be followed: " + why;
        return Error::success();
      }
      failedQueries = 0;
      std::map<std::string, int64_t> counts;
      for (size_t index = 0; index < candidates.size(); ++index) {
        if (ended[index]) {
          ++counts["done"];
          continue;
        }
        auto it = states->find(int64_t(index));
        // A task Slurm no longer lists (forgotten, no accounting) has ended.
        std::string state = it == states->end() ? "ENDED" : it->second;
        bool active = state == "PENDING" || state == "RUNNING" ||
                      state == "CONFIGURING" || state == "COMPLETING" ||
                      state == "REQUEUED" || state == "RESIZING" ||
                      state == "SUSPENDED" || state == "STAGE_OUT" ||
                      state == "SIGNALING" || state == "REQUEUE_HOLD" ||
                      state == "REQUEUE_FED" || state == "RESV_DEL_HOLD";
        if (active) {
          ++counts[StringRef(state).lower()];
          continue;
        }
        // Ended: a last look for its result (written just before the end).
        if (std::optional<MeasureResult> result = readResult(index)) {
          ended[index] = true;
          ++endedCount;
          ++counts["done"];
          deliver(*candidates[index], *result);
          continue;
        }
        if (state == "COMPLETED" || state == "ENDED") {
          auto now = std::chrono::steady_clock::now();
          auto first = completedAt.try_emplace(index, now).first->second;
          if (std::chrono::duration<double>(now - first).count() <
              options.slurm.resultGraceSeconds) {
            ++counts["finishing"];
            continue;
          }
        }
        ended[index] = true;
        ++endedCount;
        ++counts[StringRef(state).lower()];
        failures[candidates[index]->id] =
            "array task " + jobId + "_" + std::to_string(index) + " ended " +
            state + " without a result (log: " + shards + "/slurm-" +
            std::to_string(index) + ".out)";
      }
      std::string summary;
      for (auto &[state, count] : counts)
        summary += (summary.empty() ? "" : ", ") + std::to_string(count) +
                   " " + state;
      if (summary != lastSummary && !options.quiet)
        errs() << "[cwm-autotune] slurm job " << jobId << ": " << summary
               << "\n";
      lastSummary = summary;
    }
    return Error::success();
  }

  const LocalCpuRunner &workers;
  const BatchOptions &options;
  const WorkloadEntry &workload;
  std::vector<Dispatched> round;
  int64_t rounds = 0;
  std::string arguments;
  std::string taskFile, pendingPath, manifestPath, batchTag;
  std::string referenceName, referenceToken;
  uint64_t seed = 0;
  int64_t nextIndex = 0, pendingTrials = 0;
  std::unordered_set<uint64_t> pending;
};

} // namespace

Expected<std::unique_ptr<MeasureSession>>
BatchCandidateRunner::open(const WorkloadEntry &workload) {
  if (std::error_code ec = sys::fs::create_directories(options.directory))
    return batchError("cannot create '" + options.directory +
                      "': " + ec.message());
  Expected<std::string> arguments = argumentSpec(workload.ir);
  if (!arguments)
    return arguments.takeError();
  auto session =
      std::make_unique<BatchSession>(workers, options, workload, *arguments);
  if (Error error = session->initialize())
    return std::move(error);
  return std::move(session);
}

HardwareInfo BatchCandidateRunner::getHardware() const {
  // The measuring machine is not known here: the cost model sees the target.
  HardwareInfo hardware;
  hardware.target = options.target;
  return hardware;
}

Expected<int64_t> importBatchResults(Database &database, StringRef directory,
                                     StringRef resultsFile) {
  SmallString<256> pendingPath(directory);
  sys::path::append(pendingPath, "pending.jsonl");
  auto pendingBuffer = MemoryBuffer::getFile(pendingPath);
  if (!pendingBuffer)
    return batchError("cannot read '" + pendingPath + "'");
  struct Pending {
    std::string workload;
    Trace trace;
    uint64_t seed = 0;
    std::optional<MeasureResult> buildFailure;
    /// A best schedule exported again: its trace is measured already.
    bool remeasure = false;
    /// Pending lists written before CPU batches existed name no target.
    std::string target = "cuda";
  };
  StringMap<Pending> pending;
  SmallVector<StringRef> lines;
  (*pendingBuffer)->getBuffer().split(lines, '\n', -1, false);
  for (auto [index, line] : llvm::enumerate(lines)) {
    Expected<json::Value> value = json::parse(line);
    if (!value)
      return batchError(pendingPath + ":" + Twine(index + 1) + ": " +
                        toString(value.takeError()));
    const json::Object *o = value->getAsObject();
    const json::Value *traceValue = o ? o->get("trace") : nullptr;
    if (!o || !traceValue || !o->getString("id") || !o->getString("workload"))
      return batchError(pendingPath + ":" + Twine(index + 1) +
                        ": not a pending candidate");
    Expected<Trace> trace = Trace::fromJSON(*traceValue);
    if (!trace)
      return trace.takeError();
    Pending entry{o->getString("workload")->str(), std::move(*trace),
                  static_cast<uint64_t>(o->getInteger("seed").value_or(0)),
                  std::nullopt};
    entry.remeasure = o->getBoolean("remeasure").value_or(false);
    if (auto target = o->getString("target"))
      entry.target = target->str();
    if (auto status = o->getString("build_error")) {
      MeasureResult failure;
      failure.status =
          parseMeasureStatus(*status).value_or(MeasureStatus::LoweringError);
      failure.message = o->getString("message").value_or("").str();
      entry.buildFailure = failure;
    }
    pending[o->getString("id")->str()] = std::move(entry);
  }

  int64_t added = 0;
  auto addRecord = [&](const Pending &entry, MeasureResult result,
                       StringRef hardware,
                       std::optional<HardwareInfo> info = std::nullopt) -> Error {
    if (!database.lookupWorkload(entry.workload))
      return Error::success();
    // Imported already: a new schedule by its trace, a re-measurement by
    // its trace and the seed of its export.
    if (!entry.remeasure && database.hasMeasured(entry.workload, entry.trace))
      return Error::success();
    if (entry.remeasure)
      for (const TuningRecord *record : database.getRecords(entry.workload))
        if (record->seed == entry.seed && record->trace == entry.trace)
          return Error::success();
    TuningRecord record;
    record.workloadKey = entry.workload;
    record.target = entry.target;
    record.hardware = hardware.str();
    record.hardwareInfo = std::move(info);
    record.trace = entry.trace;
    record.result = std::move(result);
    record.timestamp = currentTimestamp();
    record.seed = entry.seed;
    record.remeasured = entry.remeasure;
    ++added;
    return database.addRecord(record);
  };
  // Build failures never reached the GPU; they are records all the same.
  for (auto &entry : pending)
    if (entry.second.buildFailure)
      if (Error error =
              addRecord(entry.second, *entry.second.buildFailure, "build"))
        return std::move(error);

  auto resultsBuffer = MemoryBuffer::getFile(resultsFile);
  if (!resultsBuffer)
    return batchError("cannot read results '" + resultsFile + "'");
  lines.clear();
  (*resultsBuffer)->getBuffer().split(lines, '\n', -1, false);
  for (auto [index, line] : llvm::enumerate(lines)) {
    Expected<json::Value> value = json::parse(line);
    if (!value)
      return batchError(resultsFile + ":" + Twine(index + 1) + ": " +
                        toString(value.takeError()));
    const json::Object *o = value->getAsObject();
    if (!o || !o->getString("id"))
      return batchError(resultsFile + ":" + Twine(index + 1) +
                        ": not a cwm-run result");
    auto it = pending.find(*o->getString("id"));
    if (it == pending.end())
      continue; // another batch's candidate
    Expected<MeasureResult> result = measureResultFromJSON(*value);
    if (!result)
      return batchError(resultsFile + ":" + Twine(index + 1) + ": " +
                        toString(result.takeError()));
    std::optional<HardwareInfo> info;
    if (const json::Value *h = o->get("hardware_info")) {
      Expected<HardwareInfo> parsed = hardwareInfoFromJSON(*h);
      if (!parsed)
        return batchError(resultsFile + ":" + Twine(index + 1) + ": " +
                          toString(parsed.takeError()));
      info = std::move(*parsed);
    }
    if (Error error = addRecord(it->second, std::move(*result),
                                o->getString("hardware").value_or(it->second.target),
                                std::move(info)))
      return std::move(error);
  }
  return added;
}

} // namespace cwm
