//===- cwm-compile.cpp - A Linalg payload to a CPU or GPU shared object ---===//
//
// cwm-compile model.mlir -o model.so [--db=tuning.jsonl] [--target=cuda]
//
// Applies the best schedule of every task found in the database (others keep
// the default lowering), lowers with cwm-lower-cpu (results become
// caller-owned out-params, public functions get C interfaces), optimizes for
// this CPU and links a shared object. The object carries the entry points'
// signatures as JSON in the global `cwm_signature`, which the Python runtime
// (python/cwm) reads to call it. --target=cuda compiles every task with its
// best GPU schedule (or a default one) and the rest into host code that
// passes device buffers between them (lib/Api/CompileCuda.cpp).
//
//===----------------------------------------------------------------------===//

#include "cwm/Api/Api.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "cwm/Version.h"
#include "llvm/Support/SourceMgr.h"

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
using Emit = cwm::CompileOptions::Emit;
static cl::opt<Emit> emitKind(
    "emit", cl::desc("What to write"), cl::init(Emit::SharedObject),
    cl::values(clEnumValN(Emit::SharedObject, "shared", "a shared object"),
               clEnumValN(Emit::Object, "object", "an object file"),
               clEnumValN(Emit::LLVMIR, "llvm-ir", "optimized LLVM IR"),
               clEnumValN(Emit::LoweredMLIR, "mlir",
                          "the module lowered to the LLVM dialect")),
    cl::cat(category));
static cl::opt<std::string>
    cpuName("cpu",
            cl::desc("CPU to generate code for: native (this machine) or an "
                     "LLVM CPU name such as x86-64"),
            cl::init("native"), cl::cat(category));
static cl::opt<std::string>
    target("target",
           cl::desc("cpu, or cuda (NVIDIA GPUs; the shared object needs "
                    "libcwm_cuda_runtime.so loaded first)"),
           cl::init("cpu"), cl::cat(category));
static cl::opt<std::string> chip("chip",
                                 cl::desc("GPU chip for --target=cuda"),
                                 cl::init("sm_90"), cl::cat(category));
static cl::opt<bool> openmp("openmp",
                            cl::desc("Run parallel loops on OpenMP threads"),
                            cl::init(true), cl::cat(category));
static cl::opt<bool> prepareWeights(
    "prepare-weights",
    cl::desc("CPU: move what reads only arguments marked cwm.weight into "
             "@F_prepare, run once per binding (@F keeps its signature)"),
    cl::init(true), cl::cat(category));
static cl::opt<bool> quiet("quiet", cl::desc("Print nothing on success"),
                           cl::init(false), cl::cat(category));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cwm::setVersionPrinter("cwm-compile");
  cl::ParseCommandLineOptions(
      argc, argv,
      "cwm-compile: a Linalg payload (tuned through a database, or with the "
      "default lowering) to a shared object for this CPU\n");
  auto start = std::chrono::steady_clock::now();
  auto fail = [](const llvm::Twine &message) {
    llvm::errs() << "cwm-compile: error: " << message << "\n";
    return 1;
  };

  DialectRegistry registry;
  cwm::registerEverything(registry);
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

  cwm::CompileOptions options;
  options.target = target;
  options.chip = chip;
  options.database = databasePath;
  options.cpu = cpuName;
  options.openmp = openmp;
  options.prepareWeights = prepareWeights;
  options.emit = emitKind;
  llvm::Expected<cwm::CompileOutput> output =
      cwm::compileModule(*module, outputPath, options);
  if (!output)
    return fail(llvm::toString(output.takeError()));
  if (quiet)
    return 0;
  std::string summary =
      target == "cuda"
          ? "no database: every task gets a default GPU schedule"
          : "no database: every task keeps the default lowering";
  if (!databasePath.empty()) {
    summary = llvm::formatv("{0} of {1} tasks tuned from {2}",
                            output->tunedTasks, output->tasks, databasePath);
    const std::vector<std::string> &defaults = output->defaultTasks;
    if (!defaults.empty()) {
      summary += target == "cuda" ? "; default schedule for"
                                  : "; default lowering for";
      size_t shown = std::min<size_t>(defaults.size(), 8);
      for (size_t i = 0; i < shown; ++i)
        summary += " " + defaults[i];
      if (shown < defaults.size())
        summary += llvm::formatv(" and {0} more", defaults.size() - shown).str();
    }
  }
  llvm::errs() << llvm::formatv(
      "cwm-compile: {0}; {1} entry point(s); wrote {2} in {3:F1} s\n", summary,
      output->entryPoints, outputPath,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count());
  return 0;
}
