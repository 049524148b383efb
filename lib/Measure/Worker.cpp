//===- Worker.cpp - Build, run, check and time one candidate --------------===//
//
// The body of the cwm-worker process. It reads a request (JSON), parses the
// task, applies the trace, lowers with cwm-lower-cpu, JIT-compiles with the
// host CPU's features, runs the kernel on seeded random inputs, checks the
// outputs against the reference, times it, and writes a result (JSON). Any
// crash here is seen by the parent as the candidate's crash.
//
//===----------------------------------------------------------------------===//

#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Measure/CpuBuilder.h"
#include "cwm/Measure/GpuBuilder.h"
#include "cwm/Measure/Runner.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Runtime/HostBuffer.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/Support/ErrorHandling.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <new>
#include <thread>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/file.h>
#include <unistd.h>

using namespace mlir;

namespace cwm {

namespace {
/// A parsed worker request: what the runner asked for, plus how the runner
/// started the worker.
struct WorkerRequest : MeasureRequest {
  int64_t threads = 1;

  std::string resultFile;
  /// Mode "build-gpu": build the trace into this shared object for cwm-run
  /// instead of measuring it on the CPU.
  std::string gpuOutput;
  GpuBuildOptions gpu;
  /// Mode "build-cpu": build the trace (or, without one, the untransformed
  /// program) into this shared object for cwm-run --cpu.
  std::string cpuOutput;
  CpuBuildOptions cpu;
};
} // namespace

static llvm::Expected<WorkerRequest> parseRequest(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read request");
  llvm::Expected<llvm::json::Value> value =
      llvm::json::parse((*buffer)->getBuffer());
  if (!value)
    return value.takeError();
  const llvm::json::Object *o = value->getAsObject();
  if (!o)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "request is not an object");
  WorkerRequest request;
  request.taskFile = o->getString("task_file").value_or("").str();
  request.resultFile = o->getString("result_file").value_or("").str();
  request.referenceFile = o->getString("reference_file").value_or("").str();
  request.seed = o->getInteger("seed").value_or(0);
  request.reference = o->getString("mode") == llvm::StringRef("reference");
  request.time = o->getBoolean("time").value_or(true);
  request.tolerance = o->getNumber("tolerance").value_or(1e-4);
  request.threads = o->getInteger("threads").value_or(1);
  request.library = o->getString("library").value_or("").str();
  request.buildTimeoutSeconds =
      o->getNumber("build_timeout_seconds").value_or(0);
  request.runTimeoutSeconds = o->getNumber("run_timeout_seconds").value_or(0);
  if (o->getString("mode") == llvm::StringRef("build-cpu")) {
    request.cpuOutput = o->getString("output").value_or("").str();
    if (request.cpuOutput.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "build-cpu request lacks output");
    if (auto cpu = o->getString("cpu"))
      request.cpu.cpu = cpu->str();
  }
  if (o->getString("mode") == llvm::StringRef("build-gpu")) {
    request.gpuOutput = o->getString("output").value_or("").str();
    if (request.gpuOutput.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "build-gpu request lacks output");
    if (auto chip = o->getString("chip"))
      request.gpu.chip = chip->str();
    if (auto format = o->getString("format"))
      request.gpu.format = format->str();
  }
  if (const llvm::json::Object *t = o->getObject("timing")) {
    request.timing.warmupRuns = t->getInteger("warmup").value_or(1);
    request.timing.minRepeats = t->getInteger("min_repeats").value_or(3);
    request.timing.maxRepeats = t->getInteger("max_repeats").value_or(1000);
    request.timing.minTotalSeconds = t->getNumber("min_seconds").value_or(0.2);
    request.timing.maxTotalSeconds = t->getNumber("max_seconds").value_or(10);
    request.timing.flushCache = t->getBoolean("flush_cache").value_or(false);
    request.timing.slowCutoffSeconds =
        t->getNumber("slow_cutoff_seconds").value_or(0);
  }
  if (const llvm::json::Value *trace = o->get("trace")) {
    llvm::Expected<Trace> parsed = Trace::fromJSON(*trace);
    if (!parsed)
      return parsed.takeError();
    request.trace = std::move(*parsed);
  }
  if (request.taskFile.empty() || request.resultFile.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "request lacks task_file or result_file");
  return request;
}

static int writeResult(const WorkerRequest &request,
                       const MeasureResult &result) {
  // Write then rename, so the parent never reads half a result.
  std::string temporary = request.resultFile + ".partial";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(temporary, ec);
    if (ec) {
      llvm::errs() << "cwm-worker: cannot write result: " << ec.message()
                   << "\n";
      return 1;
    }
    os << toJSON(result);
  }
  if (llvm::sys::fs::rename(temporary, request.resultFile)) {
    llvm::errs() << "cwm-worker: cannot move result into place\n";
    return 1;
  }
  return 0;
}

/// Writes/reads output buffers as raw bytes, one after the other.
static bool saveOutputs(llvm::StringRef path,
                        llvm::ArrayRef<std::unique_ptr<HostBuffer>> outputs) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return false;
  for (const auto &buffer : outputs)
    os.write(static_cast<const char *>(buffer->data()),
             buffer->getSizeInBytes());
  return !os.has_error();
}

static bool loadOutputs(llvm::StringRef path,
                        llvm::ArrayRef<std::unique_ptr<HostBuffer>> outputs) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer)
    return false;
  llvm::StringRef bytes = (*buffer)->getBuffer();
  size_t offset = 0;
  for (const auto &output : outputs) {
    size_t size = output->getSizeInBytes();
    if (offset + size > bytes.size())
      return false;
    std::memcpy(output->data(), bytes.data() + offset, size);
    offset += size;
  }
  return offset == bytes.size();
}

static std::string typeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// Ends the worker with the exit status the runner records as out_of_memory.
[[noreturn]] static void exitOutOfMemory(const char *where) {
  static const char prefix[] = "cwm-worker: out of memory in ";
  (void)!write(2, prefix, sizeof(prefix) - 1);
  (void)!write(2, where, strlen(where));
  (void)!write(2, "\n", 1);
  _exit(kWorkerOutOfMemoryExitCode);
}

/// Allocation functions of the JIT-compiled kernel (memref.alloc lowers to
/// them): a failed allocation ends the worker as out of memory instead of
/// crashing on a null pointer.
extern "C" void *cwmWorkerMalloc(size_t size) {
  void *pointer = std::malloc(size);
  if (!pointer && size)
    exitOutOfMemory("a kernel allocation");
  return pointer;
}
extern "C" void *cwmWorkerAlignedAlloc(size_t alignment, size_t size) {
  void *pointer = std::aligned_alloc(alignment, size);
  if (!pointer && size)
    exitOutOfMemory("a kernel allocation");
  return pointer;
}

/// A fault the tests inject (CWM_WORKER_FAULT_PLAN: a file with one fault per
/// line; each candidate run takes the next line; CWM_WORKER_REFERENCE_FAULT_PLAN
/// the same for runs of the untransformed program). Never set in normal use.
enum class Fault { None, Segv, Abort, Kill, Hang, OutOfMemory, NaN, Wrong, Exit };

static Fault takePlannedFault(bool reference) {
  const char *plan = std::getenv(reference ? "CWM_WORKER_REFERENCE_FAULT_PLAN"
                                           : "CWM_WORKER_FAULT_PLAN");
  if (!plan || !*plan)
    return Fault::None;
  int fd = ::open(plan, O_RDWR);
  if (fd < 0)
    return Fault::None;
  ::flock(fd, LOCK_EX);
  std::string text;
  char chunk[4096];
  ssize_t got;
  while ((got = ::read(fd, chunk, sizeof(chunk))) > 0)
    text.append(chunk, got);
  llvm::StringRef rest(text);
  auto [line, remaining] = rest.split('\n');
  std::string kept = remaining.str();
  ::lseek(fd, 0, SEEK_SET);
  (void)!::ftruncate(fd, 0);
  (void)!::write(fd, kept.data(), kept.size());
  ::flock(fd, LOCK_UN);
  ::close(fd);
  return llvm::StringSwitch<Fault>(line.trim())
      .Case("segv", Fault::Segv)
      .Case("abort", Fault::Abort)
      .Case("kill", Fault::Kill)
      .Case("hang", Fault::Hang)
      .Case("oom", Fault::OutOfMemory)
      .Case("nan", Fault::NaN)
      .Case("wrong", Fault::Wrong)
      .Case("exit", Fault::Exit)
      .Default(Fault::None);
}

/// Does what `fault` stands for, as a broken kernel would, after its run.
static void injectFault(Fault fault,
                        llvm::ArrayRef<std::unique_ptr<HostBuffer>> outputs) {
  switch (fault) {
  case Fault::None:
    return;
  case Fault::Segv:
    std::raise(SIGSEGV);
    return;
  case Fault::Abort:
    std::abort();
  case Fault::Kill:
    std::raise(SIGKILL);
    return;
  case Fault::Hang:
    while (true)
      std::this_thread::sleep_for(std::chrono::seconds(1));
  case Fault::OutOfMemory: {
    // Allocate and touch until the memory limit stops it.
    std::vector<void *> blocks;
    while (true) {
      void *block = cwmWorkerMalloc(size_t(256) << 20);
      std::memset(block, 1, size_t(256) << 20);
      blocks.push_back(block);
    }
  }
  case Fault::NaN:
  case Fault::Wrong:
    for (const auto &buffer : outputs) {
      if (fault == Fault::NaN)
        buffer->poison();
      else
        std::memset(buffer->data(), 0x3f, std::min<size_t>(
                                               buffer->getSizeInBytes(), 64));
    }
    return;
  case Fault::Exit:
    _exit(3);
  }
}

/// The exit status of the phase whose deadline is armed.
static volatile sig_atomic_t phaseExitCode = 0;

/// Ends the worker with an exit status naming the phase (build or run) once
/// that phase's deadline passes: a real-time interval timer, so nothing
/// wakes up meanwhile and the timing is not disturbed. start() arms it (a
/// later phase replaces the deadline), stop() and the destructor disarm it.
class PhaseDeadline {
public:
  void start(double seconds, int exitCode) {
    phaseExitCode = exitCode;
    std::signal(SIGALRM, [](int) { ::_exit(phaseExitCode); });
    arm(seconds);
  }
  void stop() { arm(0); }
  ~PhaseDeadline() { stop(); }

private:
  static void arm(double seconds) {
    itimerval timer{};
    if (seconds > 0) {
      timer.it_value.tv_sec = static_cast<time_t>(seconds);
      timer.it_value.tv_usec = static_cast<suseconds_t>(
          (seconds - double(timer.it_value.tv_sec)) * 1e6);
      if (timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0)
        timer.it_value.tv_usec = 1;
    }
    ::setitimer(ITIMER_REAL, &timer, nullptr);
  }
};

/// Builds, runs and checks the candidate; fills `result`.
static void measureCandidate(const WorkerRequest &request,
                             MeasureResult &result) {
  using Clock = std::chrono::steady_clock;
  auto buildStart = Clock::now();
  PhaseDeadline deadline;
  if (request.buildTimeoutSeconds > 0 && request.library.empty() &&
      !request.reference)
    deadline.start(request.buildTimeoutSeconds, kWorkerBuildTooSlowExitCode);
  DialectRegistry registry;
  registerDialects(registry);
  registerAllToLLVMIRTranslations(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.disableMultithreading();

  // Collect error text for the record.
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
    if (diagnostic.getSeverity() == DiagnosticSeverity::Error &&
        diagnostics.size() < 4000) {
      llvm::raw_string_ostream os(diagnostics);
      os << diagnostic.getLocation() << ": " << diagnostic << "\n";
    }
    return success();
  });
  auto fail = [&](MeasureStatus status, llvm::StringRef what) {
    result.status = status;
    result.message = (what + (diagnostics.empty() ? "" : ": " + diagnostics))
                         .str();
    if (result.message.size() > 2000)
      result.message.resize(2000);
  };

  llvm::SourceMgr sourceMgr;
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(request.taskFile, sourceMgr, &context);
  if (!module)
    return fail(MeasureStatus::RunnerError, "cannot parse the task module");
  FailureOr<TaskInfo> task = analyzeTaskModule(*module);
  if (failed(task))
    return fail(MeasureStatus::RunnerError, "not a task module");
  func::FuncOp function = *module->getOps<func::FuncOp>().begin();
  FunctionType type = function.getFunctionType();

  // A task reading a model's weights runs as the compiled model does: what
  // the schedule computes from the weights alone (a Winograd filter
  // transform) is made once by `task_prepare`, and `task_prepared` is timed
  // (cwm-prepare-weights; the builder splits the same way).
  SmallVector<unsigned> weightIndices; // task arguments task_prepare reads
  SmallVector<Type> preparedTypes;     // what it makes, task_prepared reads
  auto splitWeights = [&]() -> LogicalResult {
    FailureOr<bool> split = prepareWeights(*module);
    if (failed(split))
      return failure();
    auto parts = (*module)
                     .lookupSymbol<func::FuncOp>("task")
                     ->getAttrOfType<DictionaryAttr>(kPrepareAttr);
    if (!*split || !parts)
      return success();
    auto prepare = module->lookupSymbol<func::FuncOp>(
        cast<FlatSymbolRefAttr>(parts.get("prepare")).getValue());
    for (int64_t index :
         cast<DenseI64ArrayAttr>(parts.get("weights")).asArrayRef())
      weightIndices.push_back(index);
    llvm::append_range(preparedTypes, prepare.getFunctionType().getResults());
    return success();
  };

  // The entry point: a prebuilt shared object's, or the trace applied,
  // lowered and compiled here; with weights prepared, the two parts'.
  void *cEntry = nullptr;                   // prebuilt: one pointer per buffer
  void *cPrepare = nullptr;
  void (*packedEntry)(void **) = nullptr;   // JIT: the packed wrapper
  void (*packedPrepare)(void **) = nullptr;
  std::unique_ptr<ExecutionEngine> jit;
  if (!request.library.empty()) {
    void *library = dlopen(request.library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library)
      return fail(MeasureStatus::CompileError,
                  std::string("cannot load the built candidate: ") + dlerror());
    void *entry = dlsym(library, "_mlir_ciface_task");
    if (!entry)
      return fail(MeasureStatus::CompileError,
                  "the built candidate has no _mlir_ciface_task");
    if (task->readsWeights && dlsym(library, "_mlir_ciface_task_prepared")) {
      // The prepared values' types: the split done again on the task.
      if (!request.trace ||
          failed(applyTrace(*module, *request.trace, *task, /*instance=*/0)) ||
          failed(splitWeights()) || preparedTypes.empty())
        return fail(MeasureStatus::RunnerError,
                    "the built candidate prepares its weights, but the "
                    "schedule does not split the task here");
      entry = dlsym(library, "_mlir_ciface_task_prepared");
      cPrepare = dlsym(library, "_mlir_ciface_task_prepare");
      if (!cPrepare)
        return fail(MeasureStatus::CompileError,
                    "the built candidate has no _mlir_ciface_task_prepare");
    }
    if (type.getNumInputs() + preparedTypes.size() + type.getNumResults() >
        kMaxTaskEntryArguments)
      return fail(MeasureStatus::RunnerError,
                  "a built candidate takes at most " +
                      std::to_string(kMaxTaskEntryArguments) + " buffers");
    cEntry = entry;
  } else {
    if (request.trace &&
        failed(applyTrace(*module, *request.trace, *task, /*instance=*/0)))
      return fail(MeasureStatus::TransformError, "schedule failed to apply");
    if (task->readsWeights && failed(splitWeights()))
      return fail(MeasureStatus::TransformError,
                  "preparing the weights failed");

    for (func::FuncOp part : module->getOps<func::FuncOp>())
      if (part.isPublic())
        part->setAttr("llvm.emit_c_interface", UnitAttr::get(&context));
    LowerCpuOptions lowering;
    lowering.outParams = true;
    lowering.openmp = true;
    if (failed(lowerToLLVMDialect(*module, lowering)) || !diagnostics.empty())
      return fail(MeasureStatus::LoweringError, "lowering failed");

    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!machineBuilder)
      return fail(MeasureStatus::CompileError,
                  llvm::toString(machineBuilder.takeError()));
    machineBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
    auto machine = machineBuilder->createTargetMachine();
    if (!machine)
      return fail(MeasureStatus::CompileError,
                  llvm::toString(machine.takeError()));
    auto transformer = makeOptimizingTransformer(3, 0, machine->get());
    llvm::SmallVector<llvm::StringRef> libraries;
    std::string openmp = CWM_OPENMP_RUNTIME, runnerUtils = CWM_C_RUNNER_UTILS;
    if (llvm::sys::fs::exists(openmp))
      libraries.push_back(openmp);
    if (llvm::sys::fs::exists(runnerUtils))
      libraries.push_back(runnerUtils);
    ExecutionEngineOptions engineOptions;
    engineOptions.transformer = transformer;
    engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
    engineOptions.sharedLibPaths = libraries;
    engineOptions.enableGDBNotificationListener = false;
    engineOptions.enablePerfNotificationListener = false;
    auto engine =
        ExecutionEngine::create(*module, engineOptions, std::move(*machine));
    if (!engine)
      return fail(MeasureStatus::CompileError,
                  llvm::toString(engine.takeError()));
    (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
      llvm::orc::SymbolMap symbols;
      symbols[interner("malloc")] = {
          llvm::orc::ExecutorAddr::fromPtr(&cwmWorkerMalloc),
          llvm::JITSymbolFlags::Exported};
      symbols[interner("aligned_alloc")] = {
          llvm::orc::ExecutorAddr::fromPtr(&cwmWorkerAlignedAlloc),
          llvm::JITSymbolFlags::Exported};
      return symbols;
    });
    auto entry = (*engine)->lookupPacked(preparedTypes.empty()
                                             ? "_mlir_ciface_task"
                                             : "_mlir_ciface_task_prepared");
    if (!entry)
      return fail(MeasureStatus::CompileError,
                  llvm::toString(entry.takeError()));
    packedEntry = *entry;
    if (!preparedTypes.empty()) {
      auto prepare = (*engine)->lookupPacked("_mlir_ciface_task_prepare");
      if (!prepare)
        return fail(MeasureStatus::CompileError,
                    llvm::toString(prepare.takeError()));
      packedPrepare = *prepare;
    }
    jit = std::move(*engine);
  }
  result.buildSeconds =
      std::chrono::duration<double>(Clock::now() - buildStart).count();
  if (request.runTimeoutSeconds > 0 && !request.reference)
    deadline.start(request.runTimeoutSeconds, kWorkerRunTooSlowExitCode);
  else
    deadline.stop();

  // Buffers: inputs then outputs (destination-passing style).
  std::vector<std::unique_ptr<HostBuffer>> inputs, outputs;
  // Buffers that cannot fit under the memory limit together are out of
  // memory before anything is allocated (no swapping, no OOM killer).
  {
    double total = 0;
    auto addBytes = [&](Type t, double copies) {
      if (auto shaped = dyn_cast<ShapedType>(t); shaped && shaped.hasStaticShape())
        total += copies * double(shaped.getNumElements()) *
                 (shaped.getElementType().isIntOrFloat()
                      ? std::max<double>(
                            1, shaped.getElementType().getIntOrFloatBitWidth() /
                                   8.0)
                      : 8.0);
    };
    for (Type t : llvm::concat<const Type>(type.getInputs(), preparedTypes))
      addBytes(t, 1);
    for (Type t : type.getResults())
      addBytes(t, request.reference ? 1 : 2); // outputs + the reference
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
        total > double(limit.rlim_cur))
      exitOutOfMemory(llvm::formatv("buffers of {0:F1} GB (limit {1:F1} GB)",
                                    total / 1e9, limit.rlim_cur / 1e9)
                          .str()
                          .c_str());
  }
  // An unsupported element type is the task's problem; a failed allocation
  // is out of memory (the runner's memory limit).
  auto makeBuffer = [&](Type t) -> std::unique_ptr<HostBuffer> {
    auto shaped = dyn_cast<ShapedType>(t);
    ElementType elementType;
    if (!shaped || !shaped.hasStaticShape() ||
        !parseElementType(typeName(shaped.getElementType()), elementType))
      return nullptr;
    auto buffer = std::make_unique<HostBuffer>(
        elementType, std::vector<int64_t>(shaped.getShape().begin(),
                                          shaped.getShape().end()));
    if (!buffer->valid())
      exitOutOfMemory(("a buffer of type " + typeName(t)).c_str());
    return buffer;
  };
  for (Type t : type.getInputs()) {
    inputs.push_back(makeBuffer(t));
    if (!inputs.back())
      return fail(MeasureStatus::RunnerError,
                  "unsupported input type " + typeName(t));
  }
  for (Type t : type.getResults()) {
    outputs.push_back(makeBuffer(t));
    if (!outputs.back())
      return fail(MeasureStatus::RunnerError,
                  "unsupported output type " + typeName(t));
  }
  for (auto [index, buffer] : llvm::enumerate(inputs))
    buffer->fillRandom(request.seed * 1000003ULL + index);
  // The prepared values, made once from the weights before anything is
  // checked or timed.
  std::vector<std::unique_ptr<HostBuffer>> prepared;
  for (Type t : preparedTypes) {
    prepared.push_back(makeBuffer(t));
    if (!prepared.back())
      return fail(MeasureStatus::RunnerError,
                  "unsupported prepared type " + typeName(t));
  }
  if (!prepared.empty()) {
    std::vector<void *> prepareDescriptors, prepareArguments;
    for (unsigned index : weightIndices)
      prepareDescriptors.push_back(inputs[index]->descriptor());
    for (auto &buffer : prepared)
      prepareDescriptors.push_back(buffer->descriptor());
    for (void *&descriptor : prepareDescriptors)
      prepareArguments.push_back(&descriptor);
    if (cPrepare)
      callTaskEntry(cPrepare, prepareDescriptors);
    else
      packedPrepare(prepareArguments.data());
    result.weightsPrepared = true;
  }
  std::vector<void *> descriptors, arguments;
  for (auto &buffer :
       llvm::concat<std::unique_ptr<HostBuffer>>(inputs, prepared, outputs))
    descriptors.push_back(buffer->descriptor());
  for (void *&descriptor : descriptors)
    arguments.push_back(&descriptor);
  auto run = [&] {
    if (cEntry)
      callTaskEntry(cEntry, descriptors);
    else
      packedEntry(arguments.data());
  };

  // Check: poisoned outputs, one run, compare.
  for (auto &buffer : outputs)
    buffer->poison();
  auto checkStart = Clock::now();
  run();
  double checkSeconds =
      std::chrono::duration<double>(Clock::now() - checkStart).count();
  injectFault(takePlannedFault(request.reference), outputs);
  if (request.reference) {
    if (!saveOutputs(request.referenceFile, outputs))
      return fail(MeasureStatus::RunnerError, "cannot write reference outputs");
  } else {
    std::vector<std::unique_ptr<HostBuffer>> expected;
    for (Type t : type.getResults())
      expected.push_back(makeBuffer(t));
    if (!loadOutputs(request.referenceFile, expected))
      return fail(MeasureStatus::RunnerError, "cannot read reference outputs");
    double worst = 0;
    for (auto [actual, wanted] : llvm::zip(outputs, expected))
      worst = std::max(worst, relativeError(*actual, *wanted));
    result.maxRelativeError = worst;
    if (!(worst <= request.tolerance)) {
      result.status = MeasureStatus::WrongResult;
      result.message =
          std::isfinite(worst)
              ? "outputs differ from the reference: relative error " +
                    std::to_string(worst) + " > tolerance " +
                    std::to_string(request.tolerance)
              : std::string("outputs hold NaN or infinite values (or the "
                            "reference does)");
      return;
    }
  }
  result.threads = request.threads;
  if (request.time) {
    // A slow kernel's check run already warmed it up; and a very slow one
    // (the untuned baseline) is timed fewer times.
    TimingOptions timing = request.timing;
    if (checkSeconds > 0.5)
      timing.warmupRuns = 0;
    if (checkSeconds > 2.0)
      timing.minRepeats = std::min<int64_t>(timing.minRepeats, 1);
    if (timing.slowCutoffSeconds > 0 && checkSeconds > timing.slowCutoffSeconds)
      timing.warmupRuns = 0;
    TimingSummary summary = timeRepeatedly(run, timing);
    result.seconds = summary.seconds;
    result.median = summary.median;
    result.spread = summary.spread;
  } else {
    result.median = 0;
  }
  result.status = MeasureStatus::Ok;
}

/// Parses the task and builds it with `build` into a shared object for
/// cwm-run (modes build-cpu and build-gpu; nothing is measured here).
static void buildSharedObject(
    const WorkerRequest &request, MeasureResult &result, bool needsTrace,
    llvm::function_ref<llvm::Error(ModuleOp, const TaskInfo &)> build) {
  auto start = std::chrono::steady_clock::now();
  PhaseDeadline deadline;
  if (request.buildTimeoutSeconds > 0)
    deadline.start(request.buildTimeoutSeconds, kWorkerBuildTooSlowExitCode);
  DialectRegistry registry;
  registerDialects(registry);
  registerAllToLLVMIRTranslations(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.disableMultithreading();
  registerPipelines();
  llvm::SourceMgr sourceMgr;
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(request.taskFile, sourceMgr, &context);
  FailureOr<TaskInfo> task =
      module ? analyzeTaskModule(*module) : FailureOr<TaskInfo>(failure());
  if (!module || failed(task) || (needsTrace && !request.trace)) {
    result.status = MeasureStatus::RunnerError;
    result.message = "cannot read the task or the trace";
    return;
  }
  if (llvm::Error error = build(*module, *task)) {
    result.message = llvm::toString(std::move(error));
    // The builders name the step that failed.
    llvm::StringRef message = result.message;
    result.status = message.starts_with("schedule failed to apply")
                        ? MeasureStatus::TransformError
                    : message.starts_with("compiling failed")
                        ? MeasureStatus::CompileError
                        : MeasureStatus::LoweringError;
    if (result.message.size() > 2000)
      result.message.resize(2000);
    return;
  }
  result.status = MeasureStatus::Ok;
  result.buildSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
}

int runWorkerMain(int argc, char **argv) {
  if (argc != 3 || llvm::StringRef(argv[1]) != "--request") {
    llvm::errs() << "usage: cwm-worker --request REQUEST.json\n"
                    "Builds, checks and times one candidate for cwm; started "
                    "by cwm-opt --cwm-autotune, not by hand.\n";
    return 2;
  }
  // Allocation failures anywhere in MLIR / LLVM end the worker with the
  // out-of-memory status instead of an abort that reads as a crash.
  std::set_new_handler([] { exitOutOfMemory("the compiler"); });
  llvm::install_bad_alloc_error_handler(
      [](void *, const char *, bool) { exitOutOfMemory("the compiler"); });
  llvm::Expected<WorkerRequest> request = parseRequest(argv[2]);
  if (!request) {
    llvm::errs() << "cwm-worker: bad request: "
                 << llvm::toString(request.takeError()) << "\n";
    return 2;
  }
  MeasureResult result;
  if (!request->cpuOutput.empty())
    buildSharedObject(*request, result, /*needsTrace=*/false,
                      [&](ModuleOp module, const TaskInfo &task) {
                        return buildCpuCandidate(
                            module, request->trace ? &*request->trace : nullptr,
                            task, request->cpuOutput, request->cpu);
                      });
  else if (!request->gpuOutput.empty())
    buildSharedObject(*request, result, /*needsTrace=*/true,
                      [&](ModuleOp module, const TaskInfo &task) {
                        return buildGpuCandidate(module, *request->trace, task,
                                                 request->gpuOutput,
                                                 request->gpu);
                      });
  else
    measureCandidate(*request, result);
  // A reference run that is not timed still reports success with median 0;
  // give it a tiny positive median so the record format stays uniform.
  if (result.ok() && !(result.median > 0))
    result.median = 1e-12;
  return writeResult(*request, result);
}

} // namespace cwm
