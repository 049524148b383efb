//===- Api.cpp - cwm's entry points for embedding -------------------------===//

#include "cwm/Api/Api.h"

#include "CompileCuda.h"

#include "cwm/Database/Database.h"
#include "cwm/Measure/CpuBuilder.h"
#include "cwm/Pipelines/Compile.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Schedule/TransformEmitter.h"
#include "cwm/Search/ApplyBest.h"
#include "cwm/Task/TaskExtraction.h"
#include "cwm/Transforms/ExportSpec.h"
#include "cwm/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

namespace cwm {

const char *getVersion() { return CWM_VERSION; }

void registerEverything(DialectRegistry &registry) {
  registerAllPasses();
  registerDialects(registry);
}

namespace {
llvm::Error apiError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Collects error diagnostics (with their locations) while in scope, and
/// prints warnings (a database's best trace that does not apply, say) on
/// stderr as they come: they explain a task left with the default lowering.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext *context)
      : handler(context, [this](Diagnostic &d) {
          if (d.getSeverity() == DiagnosticSeverity::Warning)
            llvm::errs() << d.getLocation() << ": warning: " << d << "\n";
          if (d.getSeverity() == DiagnosticSeverity::Error) {
            llvm::raw_string_ostream os(text);
            if (!text.empty())
              os << "\n";
            os << d.getLocation() << ": " << d;
            for (const Diagnostic &note : d.getNotes())
              if (!StringRef(note.str()).starts_with("see current operation"))
                os << "\n  note: " << note;
          }
          return success();
        }) {}
  llvm::Error error(const llvm::Twine &what) const {
    return apiError(what + (text.empty() ? "" : ": " + text));
  }

private:
  std::string text;
  ScopedDiagnosticHandler handler;
};

std::string typeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

llvm::Expected<llvm::json::Value> describeTensor(func::FuncOp function,
                                                 Type type, StringRef role,
                                                 unsigned index) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return apiError(role + " " + llvm::Twine(index) + " of @" +
                    function.getSymName() + " has type " + typeName(type) +
                    "; compiling needs statically shaped tensors");
  llvm::json::Array shape;
  for (int64_t dim : tensor.getShape())
    shape.push_back(dim);
  return llvm::json::Value(llvm::json::Object{
      {"shape", std::move(shape)},
      {"type", typeName(tensor.getElementType())}});
}

/// Signatures of the public functions (inputs, then the outputs the C
/// interface takes as trailing out-params); marks them for C interfaces.
llvm::Expected<std::string> describeEntryPoints(ModuleOp module,
                                                int64_t &count,
                                                llvm::StringRef target) {
  llvm::json::Array functions;
  for (func::FuncOp function : module.getOps<func::FuncOp>()) {
    if (function.isExternal() || !function.isPublic())
      continue;
    llvm::json::Array inputs, outputs;
    FunctionType type = function.getFunctionType();
    for (auto [index, input] : llvm::enumerate(type.getInputs())) {
      auto entry = describeTensor(function, input, "argument", index);
      if (!entry)
        return entry.takeError();
      inputs.push_back(std::move(*entry));
    }
    for (auto [index, result] : llvm::enumerate(type.getResults())) {
      auto entry = describeTensor(function, result, "result", index);
      if (!entry)
        return entry.takeError();
      outputs.push_back(std::move(*entry));
    }
    llvm::json::Object entry{
        {"name", function.getSymName()},
        {"symbol", ("_mlir_ciface_" + function.getSymName()).str()},
        {"inputs", std::move(inputs)},
        {"outputs", std::move(outputs)}};
    // Which inputs are weights (bound once by a caller that can), and the
    // functions cwm-prepare-weights split the function into.
    llvm::json::Array weights;
    for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
      if (function.getArgAttr(i, kWeightArgAttr))
        weights.push_back(int64_t(i));
    if (!weights.empty())
      entry["weights"] = std::move(weights);
    if (auto role = function->getAttrOfType<StringAttr>(kPreparedRoleAttr))
      entry["role"] = role.getValue();
    if (auto split = function->getAttrOfType<DictionaryAttr>(kPrepareAttr)) {
      auto prepare = split.getAs<FlatSymbolRefAttr>("prepare");
      auto prepared = split.getAs<FlatSymbolRefAttr>("prepared");
      if (prepare && prepared)
        entry["prepare"] = llvm::json::Object{
            {"prepare", prepare.getValue()}, {"prepared", prepared.getValue()}};
    }
    functions.push_back(std::move(entry));
    function->setAttr("llvm.emit_c_interface",
                      UnitAttr::get(module.getContext()));
  }
  count = functions.size();
  if (functions.empty())
    return apiError("no public function with a body to compile");
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(llvm::json::Object{
      {"version", 1},
      {"target", target},
      {"calling_convention",
       "symbol(inputs..., outputs...): pointers to MLIR memref descriptors; "
       "outputs are caller-allocated"},
      {"functions", std::move(functions)}});
  return text;
}

/// A module parsed from text in a context of its own (everything
/// registered), with its parse errors collected.
struct ParsedModule {
  std::unique_ptr<MLIRContext> context;
  OwningOpRef<ModuleOp> module;
};
llvm::Expected<ParsedModule> parseModule(llvm::StringRef moduleText) {
  DialectRegistry registry;
  registerEverything(registry);
  ParsedModule parsed;
  // MLIR parses empty text as an empty module; from a caller it is a mistake.
  if (moduleText.trim().empty())
    return apiError("no MLIR given: the module text is empty");
  parsed.context = std::make_unique<MLIRContext>(registry);
  parsed.context->loadAllAvailableDialects();
  DiagnosticCollector diagnostics(parsed.context.get());
  parsed.module =
      parseSourceString<ModuleOp>(moduleText, parsed.context.get(), "input");
  if (!parsed.module)
    return diagnostics.error("cannot parse the module");
  return parsed;
}

/// Runs one pass, `name{options hidden}`, over a parsed module; a bad
/// option is an error naming `options` (what the caller gave), a failing
/// pass one with its diagnostics.
llvm::Error runPass(ParsedModule &parsed, llvm::StringRef name,
                    llvm::StringRef options, llvm::StringRef hidden,
                    llvm::StringRef what) {
  DiagnosticCollector diagnostics(parsed.context.get());
  PassManager pm(parsed.context.get());
  std::string parseErrors;
  llvm::raw_string_ostream parseStream(parseErrors);
  if (failed(parsePassPipeline(
          (name + "{" + options + " " + hidden + "}").str(), pm, parseStream)))
    return apiError("bad " + what + " options '" + options + "': " +
                    parseErrors);
  if (failed(pm.run(*parsed.module)))
    return diagnostics.error(what + " failed");
  return llvm::Error::success();
}
} // namespace

llvm::Expected<TuneOutput> tuneModule(llvm::StringRef moduleText,
                                      llvm::StringRef options,
                                      TuningObserver observer) {
  llvm::Expected<ParsedModule> parsed = parseModule(moduleText);
  if (!parsed)
    return parsed.takeError();
  if (options.contains("report="))
    return apiError("tuneModule returns the report itself: leave report= "
                    "out of the options");
  llvm::SmallString<128> reportPath;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("cwm-report", "json", reportPath))
    return apiError("cannot create a temporary report file: " + ec.message());
  llvm::scope_exit removeReport([&] { llvm::sys::fs::remove(reportPath); });
  std::optional<ScopedTuningObserver> observing;
  if (observer)
    observing.emplace(std::move(observer));
  if (llvm::Error error =
          runPass(*parsed, "cwm-autotune", options,
                  ("report=" + reportPath.str()).str(), "tuning"))
    return std::move(error);
  OwningOpRef<ModuleOp> &module = parsed->module;
  TuneOutput output;
  llvm::raw_string_ostream os(output.module);
  module->print(os);
  auto report = llvm::MemoryBuffer::getFile(reportPath);
  if (!report)
    return apiError("the tuner wrote no report");
  output.report = (*report)->getBuffer().str();
  return output;
}

llvm::Expected<std::string> rankSchedules(llvm::StringRef moduleText,
                                          llvm::StringRef options) {
  llvm::Expected<ParsedModule> parsed = parseModule(moduleText);
  if (!parsed)
    return parsed.takeError();
  if (llvm::Error error =
          runPass(*parsed, "cwm-rank-schedules", options, "", "ranking"))
    return std::move(error);
  // The pass annotates each task's anchor op; read the annotations back.
  llvm::json::Array tasks;
  parsed->module->walk([&](Operation *op) {
    auto ranked = op->getAttrOfType<ArrayAttr>("cwm.ranked_schedules");
    if (!ranked)
      return;
    llvm::json::Array entries;
    for (auto entry : ranked.getAsRange<DictionaryAttr>()) {
      auto rank = entry.getAs<IntegerAttr>("rank");
      auto score = entry.getAs<FloatAttr>("score");
      auto trace = entry.getAs<StringAttr>("trace");
      if (!rank || !score || !trace)
        continue;
      llvm::Expected<llvm::json::Value> traceJson =
          llvm::json::parse(trace.getValue());
      entries.push_back(llvm::json::Object{
          {"rank", rank.getInt()},
          {"score", score.getValueAsDouble()},
          {"trace", traceJson ? std::move(*traceJson)
                              : llvm::json::Value(trace.getValue())}});
      if (!traceJson)
        llvm::consumeError(traceJson.takeError());
    }
    auto from = op->getAttrOfType<IntegerAttr>("cwm.ranked_from");
    auto task = op->getAttrOfType<StringAttr>("cwm.ranked_task");
    tasks.push_back(llvm::json::Object{
        {"task", task ? task.getValue() : ""},
        {"op", op->getName().getStringRef()},
        {"ranked_from", from ? from.getInt() : int64_t(0)},
        {"ranked", std::move(entries)}});
  });
  std::string text;
  llvm::raw_string_ostream(text) << llvm::json::Value(std::move(tasks));
  return text;
}

llvm::Expected<CompileOutput> compileModule(ModuleOp module,
                                            llvm::StringRef outputPath,
                                            const CompileOptions &options) {
  MLIRContext *context = module.getContext();
  DiagnosticCollector diagnostics(context);
  CompileOutput output;
  if (options.target != "cpu" && options.target != "cuda")
    return apiError("unknown target '" + options.target +
                    "' (known: cpu, cuda)");
  std::unique_ptr<Database> database;
  if (!options.database.empty()) {
    if (!llvm::sys::fs::exists(options.database))
      return apiError("tuning database '" + options.database +
                      "' does not exist");
    auto opened = Database::open(
        options.database, [&](size_t line, llvm::StringRef why) {
          llvm::errs() << "cwm: warning: " << options.database << ":" << line
                       << ": skipped corrupt line: " << why << "\n";
        });
    if (!opened)
      return opened.takeError();
    database = std::move(*opened);
  }
  if (options.target == "cuda") {
    if (options.emit != CompileOptions::Emit::SharedObject)
      return apiError("target cuda emits shared objects only");
    llvm::Expected<std::string> signature =
        describeEntryPoints(module, output.entryPoints, options.target);
    if (!signature)
      return signature.takeError();
    output.signature = *signature;
    if (llvm::Error error = compileCudaModule(module, outputPath, options,
                                              database.get(), output))
      return std::move(error);
    return output;
  }
  if (database) {
    FailureOr<std::vector<ExtractedTask>> tasks = extractTasks(module, "cpu");
    if (failed(tasks))
      return diagnostics.error("cannot split the module into tasks");
    FailureOr<AppliedSchedules> applied =
        applyBestSchedules(module, *tasks, *database, options.prepareWeights);
    if (failed(applied))
      return diagnostics.error("applying the database's schedules failed");
    output.tasks = applied->tasks;
    output.tunedTasks = applied->applied;
    output.defaultTasks = applied->defaults;
  }
  if (options.prepareWeights && failed(prepareWeights(module)))
    return diagnostics.error("preparing the weights failed");
  llvm::Expected<std::string> signature =
      describeEntryPoints(module, output.entryPoints, options.target);
  if (!signature)
    return signature.takeError();
  output.signature = *signature;
  {
    PassManager pm(context);
    LowerCpuOptions lowering;
    lowering.outParams = true;
    lowering.openmp = options.openmp;
    // Large transient buffers reused across calls (cwm's CPU runtime
    // archive, linked below, defines the allocation functions).
    lowering.recycleBuffers = options.emit == CompileOptions::Emit::SharedObject &&
                              !cpuCandidateRuntimePath().empty();
    buildLowerCpuPipeline(pm, lowering);
    if (failed(pm.run(module)))
      return diagnostics.error("lowering to the LLVM dialect failed");
  }
  using Emit = CompileOptions::Emit;
  if (options.emit == Emit::LoweredMLIR) {
    std::string message;
    std::unique_ptr<llvm::ToolOutputFile> file =
        mlir::openOutputFile(outputPath, &message);
    if (!file)
      return apiError(message);
    module->print(file->os());
    file->keep();
    return output;
  }
  ObjectOptions objectOptions;
  objectOptions.cpu = options.cpu;
  objectOptions.signature = output.signature;
  if (options.emit != Emit::SharedObject) {
    if (llvm::Error error = emitObjectFile(module, outputPath, objectOptions,
                                           options.emit == Emit::LLVMIR))
      return std::move(error);
    return output;
  }
  // memrefCopy from cwm's own archive first: the object then needs MLIR's C
  // runner utilities (libMLIR, libLLVM) only for anything else it calls
  // (the linker drops them when nothing is left for them).
  std::vector<std::string> libraries;
  if (std::string runtime = cpuCandidateRuntimePath(); !runtime.empty())
    libraries.push_back(runtime);
  if (options.openmp) {
    std::string openMP = openMPRuntimePath();
    if (openMP.empty())
      return apiError("the OpenMP runtime (libomp) is not installed; install "
                      "libomp-22-dev or compile without OpenMP");
    libraries.push_back(openMP);
  }
  std::string runnerUtils = cRunnerUtilsPath();
  if (runnerUtils.empty())
    return apiError("MLIR's C runner utilities (libmlir_c_runner_utils.so) "
                    "are not installed; install libmlir-22-dev");
  libraries.push_back(runnerUtils);
  if (llvm::Error error =
          compileSharedObject(module, outputPath, objectOptions, libraries))
    return std::move(error);
  return output;
}

llvm::Expected<CompileOutput> compileModuleText(llvm::StringRef moduleText,
                                                llvm::StringRef outputPath,
                                                const CompileOptions &options) {
  llvm::Expected<ParsedModule> parsed = parseModule(moduleText);
  if (!parsed)
    return parsed.takeError();
  return compileModule(*parsed->module, outputPath, options);
}

llvm::Expected<std::string> exportSpec(llvm::StringRef databasePath,
                                       std::vector<std::string> *skipped) {
  if (!llvm::sys::fs::exists(databasePath))
    return apiError("tuning database '" + databasePath.str() +
                    "' does not exist");
  auto opened = Database::open(databasePath, [&](size_t line,
                                                 llvm::StringRef why) {
    llvm::errs() << "cwm: warning: " << databasePath << ":" << line
                 << ": skipped corrupt line: " << why << "\n";
  });
  if (!opened)
    return opened.takeError();
  DialectRegistry registry;
  registerEverything(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  return mlir::cwm::exportTransformSpec(**opened, context, databasePath,
                                        skipped);
}

llvm::Expected<std::string> transformScript(llvm::StringRef traceJson,
                                            llvm::StringRef taskJson) {
  llvm::Expected<Trace> trace = Trace::parse(traceJson);
  if (!trace)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "trace: " + llvm::toString(trace.takeError()));
  llvm::Expected<llvm::json::Value> taskValue = llvm::json::parse(taskJson);
  if (!taskValue)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "task: not JSON (" + llvm::toString(taskValue.takeError()) + ")");
  llvm::Expected<TaskInfo> task = taskInfoFromJSON(*taskValue);
  if (!task)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "task: " + llvm::toString(task.takeError()));
  return emitTransformScript(*trace, *task, /*instance=*/0);
}

} // namespace cwm
