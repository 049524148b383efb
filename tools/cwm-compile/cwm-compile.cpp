//===- cwm-compile.cpp - A Linalg payload to a CPU shared object ----------===//
//
// cwm-compile model.mlir -o model.so [--db=tuning.jsonl]
//
// Applies the best schedule of every task found in the database (others keep
// the default lowering), lowers with cwm-lower-cpu (results become
// caller-owned out-params, public functions get C interfaces), optimizes for
// this CPU and links a shared object. The object carries the entry points'
// signatures as JSON in the global `cwm_signature`, which the Python runtime
// (python/cwm) reads to call it.
//
//===----------------------------------------------------------------------===//

#include "cwm/Database/Database.h"
#include "cwm/Pipelines/Compile.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Search/ApplyBest.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("cwm-compile options");
static cl::opt<std::string> inputPath(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::init("-"), cl::cat(category));
static cl::opt<std::string> outputPath("o", cl::desc("Output file"),
                                       cl::value_desc("path"), cl::Required,
                                       cl::cat(category));
static cl::opt<std::string>
    databasePath("db", cl::desc("Apply the best schedules of this tuning "
                                "database (default: none, every task keeps "
                                "the default lowering)"),
                 cl::value_desc("tuning.jsonl"), cl::cat(category));
enum class EmitKind { Shared, Object, LLVMIR, MLIR };
static cl::opt<EmitKind> emitKind(
    "emit", cl::desc("What to write"), cl::init(EmitKind::Shared),
    cl::values(clEnumValN(EmitKind::Shared, "shared", "a shared object"),
               clEnumValN(EmitKind::Object, "object", "an object file"),
               clEnumValN(EmitKind::LLVMIR, "llvm-ir", "optimized LLVM IR"),
               clEnumValN(EmitKind::MLIR, "mlir",
                          "the module lowered to the LLVM dialect")),
    cl::cat(category));
static cl::opt<std::string>
    cpuName("cpu",
            cl::desc("CPU to generate code for: native (this machine) or an "
                     "LLVM CPU name such as x86-64"),
            cl::init("native"), cl::cat(category));
static cl::opt<bool> openmp("openmp",
                            cl::desc("Run parallel loops on OpenMP threads"),
                            cl::init(true), cl::cat(category));
static cl::opt<bool> quiet("quiet", cl::desc("Print nothing on success"),
                           cl::init(false), cl::cat(category));

namespace {
using Clock = std::chrono::steady_clock;

std::string elementTypeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// The JSON description of one tensor argument or result.
FailureOr<llvm::json::Value> describeTensor(func::FuncOp function, Type type,
                                            llvm::StringRef role,
                                            unsigned index) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return function.emitError()
           << role << " " << index << " of @" << function.getSymName()
           << " has type " << type
           << "; cwm-compile needs statically shaped tensors";
  llvm::json::Array shape;
  for (int64_t dim : tensor.getShape())
    shape.push_back(dim);
  return llvm::json::Value(llvm::json::Object{
      {"shape", std::move(shape)},
      {"type", elementTypeName(tensor.getElementType())}});
}

/// Signatures of the public functions, before lowering: inputs, then the
/// outputs the C interface takes as trailing out-params.
FailureOr<std::string> describeEntryPoints(ModuleOp module,
                                           int64_t &entryCount) {
  llvm::json::Array functions;
  for (func::FuncOp function : module.getOps<func::FuncOp>()) {
    if (function.isExternal() || !function.isPublic())
      continue;
    llvm::json::Array inputs, outputs;
    FunctionType type = function.getFunctionType();
    for (auto [index, input] : llvm::enumerate(type.getInputs())) {
      FailureOr<llvm::json::Value> entry =
          describeTensor(function, input, "argument", index);
      if (failed(entry))
        return failure();
      inputs.push_back(std::move(*entry));
    }
    for (auto [index, result] : llvm::enumerate(type.getResults())) {
      FailureOr<llvm::json::Value> entry =
          describeTensor(function, result, "result", index);
      if (failed(entry))
        return failure();
      outputs.push_back(std::move(*entry));
    }
    functions.push_back(llvm::json::Object{
        {"name", function.getSymName()},
        {"symbol", ("_mlir_ciface_" + function.getSymName()).str()},
        {"inputs", std::move(inputs)},
        {"outputs", std::move(outputs)}});
    function->setAttr("llvm.emit_c_interface",
                      UnitAttr::get(module.getContext()));
  }
  entryCount = functions.size();
  if (functions.empty())
    return module.emitError("no public function with a body to compile");
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(llvm::json::Object{
      {"version", 1},
      {"calling_convention",
       "symbol(inputs..., outputs...): pointers to MLIR memref descriptors; "
       "outputs are caller-allocated"},
      {"functions", std::move(functions)}});
  return text;
}

int fail(const llvm::Twine &message) {
  llvm::errs() << "cwm-compile: error: " << message << "\n";
  return 1;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "cwm-compile: a Linalg payload (tuned through a database, or with the "
      "default lowering) to a shared object for this CPU\n");
  auto start = Clock::now();

  DialectRegistry registry;
  ::cwm::registerPipelines();
  ::cwm::registerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      openInputFile(inputPath, &errorMessage);
  if (!input)
    return fail(errorMessage);
  sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + inputPath + "'");

  // Schedules from the database.
  std::string summary;
  if (!databasePath.empty()) {
    if (!llvm::sys::fs::exists(databasePath))
      return fail("tuning database '" + databasePath + "' does not exist");
    auto database = ::cwm::Database::open(
        databasePath, [&](size_t line, llvm::StringRef why) {
          llvm::errs() << "cwm-compile: warning: " << databasePath << ":"
                       << line << ": skipped corrupt line: " << why << "\n";
        });
    if (!database)
      return fail(llvm::toString(database.takeError()));
    FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
        ::cwm::extractTasks(*module, "cpu");
    if (failed(tasks))
      return 1;
    FailureOr<::cwm::AppliedSchedules> applied =
        ::cwm::applyBestSchedules(*module, *tasks, **database);
    if (failed(applied))
      return 1;
    summary = llvm::formatv("{0} of {1} tasks tuned from {2}", applied->applied,
                            applied->tasks, databasePath)
                  .str();
    if (!applied->defaults.empty()) {
      summary += "; default lowering for";
      size_t shown = std::min<size_t>(applied->defaults.size(), 8);
      for (size_t i = 0; i < shown; ++i)
        summary += " " + applied->defaults[i];
      if (shown < applied->defaults.size())
        summary += llvm::formatv(" and {0} more",
                                 applied->defaults.size() - shown).str();
    }
  } else {
    summary = "no database: every task keeps the default lowering";
  }

  int64_t entryCount = 0;
  FailureOr<std::string> signature = describeEntryPoints(*module, entryCount);
  if (failed(signature))
    return 1;

  {
    PassManager pm(&context);
    ::cwm::LowerCpuOptions lowering;
    lowering.outParams = true;
    lowering.openmp = openmp;
    ::cwm::buildLowerCpuPipeline(pm, lowering);
    if (failed(pm.run(*module)))
      return fail("lowering to the LLVM dialect failed");
  }

  std::string openMP = ::cwm::openMPRuntimePath();
  if (emitKind == EmitKind::MLIR) {
    std::unique_ptr<llvm::ToolOutputFile> output =
        openOutputFile(outputPath, &errorMessage);
    if (!output)
      return fail(errorMessage);
    module->print(output->os());
    output->keep();
  } else {
    ::cwm::ObjectOptions options;
    options.cpu = cpuName;
    options.moduleName = inputPath;
    options.signature = *signature;
    llvm::Error error = llvm::Error::success();
    if (emitKind == EmitKind::Shared) {
      std::vector<std::string> libraries;
      if (openmp) {
        if (openMP.empty())
          return fail("the OpenMP runtime (libomp) is not installed; install "
                      "libomp-22-dev or pass --openmp=false");
        libraries.push_back(openMP);
      }
      std::string runnerUtils = ::cwm::cRunnerUtilsPath();
      if (runnerUtils.empty())
        return fail("MLIR's C runner utilities (libmlir_c_runner_utils.so) "
                    "are not installed; install libmlir-22-dev");
      libraries.push_back(runnerUtils);
      error = ::cwm::compileSharedObject(*module, outputPath, options, libraries);
    } else {
      error = ::cwm::emitObjectFile(*module, outputPath, options,
                                  emitKind == EmitKind::LLVMIR);
    }
    if (error)
      return fail(llvm::toString(std::move(error)));
  }
  if (!quiet)
    llvm::errs() << llvm::formatv(
        "cwm-compile: {0}; {1} entry point(s); wrote {2} in {3:F1} s\n",
        summary, entryCount, outputPath,
        std::chrono::duration<double>(Clock::now() - start).count());
  return 0;
}
