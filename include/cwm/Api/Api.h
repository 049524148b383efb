//===- Api.h - cwm's entry points for embedding ------------------*- C++ -*-===//
//
// What a framework embedding cwm calls: register cwm's dialects, passes and
// pipelines in its own tool; tune a module (text in, tuned text and a JSON
// report out); compile a module into a CPU shared object. The C API
// (cwm-c/Cwm.h) and the Python package wrap these; cwm-compile is a thin
// driver over `compileModule`. World models: describe a model file, rank a
// module's candidate schedules, score a database's measured records, train
// a model on databases (what cwm-train does, as a call).
//
//===----------------------------------------------------------------------===//

#ifndef CWM_API_API_H
#define CWM_API_API_H

#include "cwm/Search/Observer.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cwm {

/// The version of cwm's embedding interfaces ("MAJOR.MINOR").
const char *getVersion();

/// Adds every dialect, extension and translation cwm's pipelines need to
/// `registry`, and registers cwm's passes and pipelines (cwm-autotune,
/// cwm-apply-best, cwm-lower-cpu, ...) and MLIR's own passes with MLIR's
/// global pass registry, so an opt driver can parse them.
void registerEverything(mlir::DialectRegistry &registry);

/// Tuning a module: `options` uses the option syntax of the cwm-autotune
/// pass ("target=cpu budget=256 db=tune.jsonl"; see `cwm-opt --help`).
/// `observer`, if given, is called after every measured trial; returning
/// false stops tuning cleanly (cwm/Search/Observer.h): the module then holds
/// the best schedules found so far and the report marks stopped tasks.
struct TuneOutput {
  std::string module; ///< the payload with the best schedules applied
  std::string report; ///< the JSON report (cwm-autotune report=)
};
llvm::Expected<TuneOutput> tuneModule(llvm::StringRef moduleText,
                                      llvm::StringRef options,
                                      TuningObserver observer = {});

struct CompileOptions {
  /// "cpu", or "cuda" (NVIDIA GPUs: kernels and host code; the object's
  /// mgpu* calls are resolved by libcwm_cuda_runtime.so, loaded first).
  std::string target = "cpu";
  /// Apply the best schedules of this database (empty: default lowering on
  /// the CPU; on the GPU a default schedule of the CUDA rules per task).
  std::string database;
  /// CPU: "native" or an LLVM CPU name ("x86-64").
  std::string cpu = "native";
  /// GPU: chip, PTX features and embedded kernel format (isa, bin, fatbin).
  std::string chip = "sm_90";
  std::string gpuFeatures = "+ptx80";
  std::string gpuFormat = "isa";
  bool openmp = true;
  /// CPU: what reads only arguments marked `cwm.weight` is computed by
  /// @F_prepare, once per binding, instead of at every call
  /// (cwm-prepare-weights; @F keeps its signature).
  bool prepareWeights = true;
  enum class Emit { SharedObject, Object, LLVMIR, LoweredMLIR };
  Emit emit = Emit::SharedObject;
};
struct CompileOutput {
  int64_t tasks = 0;          ///< task instances in the payload (with a database)
  int64_t tunedTasks = 0;     ///< of which tuned from the database
  std::vector<std::string> defaultTasks; ///< names of those that were not
  std::string signature;      ///< the entry points as JSON (also in the object)
  int64_t entryPoints = 0;
};
/// Compiles `module` (Linalg on tensors, static shapes) to `outputPath`.
/// On "cuda" only a shared object is emitted, and every buffer an entry
/// point takes is device memory.
/// The module is consumed (rewritten and lowered in place).
llvm::Expected<CompileOutput> compileModule(mlir::ModuleOp module,
                                            llvm::StringRef outputPath,
                                            const CompileOptions &options);
/// The same from text.
llvm::Expected<CompileOutput> compileModuleText(llvm::StringRef moduleText,
                                                llvm::StringRef outputPath,
                                                const CompileOptions &options);

//===----------------------------------------------------------------------===//
// World models
//===----------------------------------------------------------------------===//

/// The pre-trained world model shipped for `target` ("cpu"); empty if none
/// is found ($CWM_MODEL_DIR, the source tree, the install).
std::string findShippedWorldModel(llvm::StringRef target);

/// A model file's configuration as JSON: path, feature_version,
/// task/action/hardware/program feature sizes, latent, hidden,
/// action_embed, ablate_transition, seed, and whether this cwm can score
/// with it ("scores": features of version 2 on) and train it further
/// ("trains": the current feature version). A missing, corrupt or foreign
/// file is an error.
llvm::Expected<std::string> describeWorldModel(llvm::StringRef modelPath);

/// The Transform-dialect script cwm runs for a schedule: `traceJson` (a
/// record's "trace") applied to the task `taskJson` (a workload's "task"),
/// whose ops carry the tags {cwm.task = 0, cwm.op = i} (a database workload's
/// "ir"). An invalid trace or task is an error naming the problem.
llvm::Expected<std::string> transformScript(llvm::StringRef traceJson,
                                            llvm::StringRef taskJson);

/// The Transform library of a database's best CPU schedules for stock
/// mlir-opt (what `cwm-opt --cwm-export-spec` writes; docs/schedules.md).
/// Tasks it cannot export are comments in it and, when given, in `skipped`.
/// A missing database is an error.
llvm::Expected<std::string> exportSpec(llvm::StringRef databasePath,
                                       std::vector<std::string> *skipped = nullptr);

/// Ranks candidate schedules of each task of `moduleText` with a world
/// model (nothing is applied or measured): `options` in the syntax of the
/// cwm-rank-schedules pass ("model=m.pt candidates=256 top=5 seed=0").
/// Returns a JSON list, one entry per task instance: {task, op, ranked_from,
/// ranked: [{rank, score, trace}]}, best first.
llvm::Expected<std::string> rankSchedules(llvm::StringRef moduleText,
                                          llvm::StringRef options);

/// Scores every measured candidate of a database (baselines and records
/// that say nothing about their schedule left out, as in training) and
/// compares the ranking with the measurements. Returns JSON: {metrics,
/// random (the mean of 20 random rankings), groups: [{key, task, hardware,
/// candidates: [{record, seconds, score}]}], warnings}, where `record`
/// indexes the workload's records in database order, `seconds` is 0 for a
/// failure, and `warnings` names corrupt lines that were skipped.
llvm::Expected<std::string> scoreDatabase(llvm::StringRef modelPath,
                                          llvm::StringRef databasePath);

struct WorldModelTraining {
  std::vector<std::string> databases; ///< training data
  std::string output;                 ///< model file to write
  /// Continue from this model instead of fresh weights (same architecture).
  std::string startFrom;
  /// Workloads this manifest marks "heldout" are evaluated, not trained on.
  std::string heldoutManifest;
  int64_t epochs = 30;
  int64_t seed = 0;
  int64_t latent = 128;
  int64_t hidden = 256;
  double learningRate = 1e-3;
  /// The latent-consistency loss (applies trace prefixes: slower).
  bool consistency = true;
  bool ablateTransition = false;
  /// Progress lines (loading, epochs); none when empty.
  std::function<void(llvm::StringRef)> progress;
};
/// Trains a world model and writes it to `output`. Returns JSON: {model,
/// train and heldout: {candidates, groups, metrics, random},
/// train_seconds, epochs, seed, warnings (corrupt lines skipped)}.
llvm::Expected<std::string> trainWorldModel(const WorldModelTraining &options);

} // namespace cwm

#endif // CWM_API_API_H
