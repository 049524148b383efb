//===- bindings.cpp - The `cwm._cwm` Python extension (pybind11) ----------===//
//
// Thin bindings over cwm's embedding API (cwm/Api/Api.h) and the tuning
// database. Values cross as JSON text, which cwm/__init__.py parses;
// errors become RuntimeError with cwm's message.
//
//===----------------------------------------------------------------------===//

#include "cwm/Api/Api.h"
#include "cwm/Database/Database.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <set>

namespace py = pybind11;

namespace {
[[noreturn]] void raise(llvm::Error error) {
  throw std::runtime_error(llvm::toString(std::move(error)));
}

std::string jsonText(const llvm::json::Value &value) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << value;
  return text;
}

/// The value of a cwm call, or RuntimeError with its message.
template <typename T> T value(llvm::Expected<T> result) {
  if (!result)
    raise(result.takeError());
  return std::move(*result);
}

/// Runs `call` with the GIL released (long work: tuning, training), so
/// other Python threads go on; the result is handled with the GIL held.
template <typename Call> auto withoutGil(Call call) {
  py::gil_scoped_release release;
  return call();
}

/// A tuning database opened by Python; corrupt lines are counted, not fatal.
class PyDatabase {
public:
  explicit PyDatabase(const std::string &path) {
    auto opened =
        cwm::Database::open(path, [this](size_t line, llvm::StringRef why) {
          warnings.push_back(llvm::formatv("line {0}: {1}", line, why).str());
        });
    if (!opened)
      raise(opened.takeError());
    database = std::move(*opened);
  }

  std::vector<std::string> workloads() const {
    std::vector<std::string> out;
    for (const cwm::WorkloadEntry *workload : database->getWorkloads())
      out.push_back(jsonText(cwm::toJSON(*workload)));
    return out;
  }

  std::vector<std::string> records(const std::string &key) const {
    std::vector<std::string> out;
    for (const cwm::TuningRecord *record : database->getRecords(key))
      out.push_back(jsonText(cwm::toJSON(*record)));
    return out;
  }

  std::vector<std::string> best(const std::string &key, size_t k) const {
    std::vector<std::string> out;
    for (const cwm::TuningRecord *record : database->getBestRecords(key, k))
      out.push_back(jsonText(cwm::toJSON(*record)));
    return out;
  }

  /// Adds the workloads and records of another database file that this
  /// one lacks (identical records are not added twice); returns the number
  /// of records added.
  size_t importFrom(const std::string &path) {
    // Opening a missing file would create an empty database there.
    if (!llvm::sys::fs::exists(path))
      throw py::value_error("cannot import from '" + path +
                            "': no such database file");
    if (llvm::sys::fs::is_directory(path))
      throw py::value_error("cannot import from '" + path +
                            "': it is a folder, not a database file");
    auto other = cwm::Database::open(path);
    if (!other)
      raise(other.takeError());
    std::set<std::string> present;
    for (const cwm::WorkloadEntry *workload : database->getWorkloads())
      for (const cwm::TuningRecord *record :
           database->getRecords(workload->key))
        present.insert(jsonText(cwm::toJSON(*record)));
    size_t added = 0;
    for (const cwm::WorkloadEntry *workload : (*other)->getWorkloads()) {
      if (!database->lookupWorkload(workload->key))
        if (llvm::Error error = database->addWorkload(*workload))
          raise(std::move(error));
      for (const cwm::TuningRecord *record :
           (*other)->getRecords(workload->key)) {
        if (!present.insert(jsonText(cwm::toJSON(*record))).second)
          continue;
        if (llvm::Error error = database->addRecord(*record))
          raise(std::move(error));
        ++added;
      }
    }
    return added;
  }

  /// Writes the workloads `keys` (all when empty) and their records to a
  /// new database file; returns the number of records written.
  size_t exportTo(const std::string &path,
                  const std::vector<std::string> &keys) const {
    if (path == database->getPath().str())
      throw std::runtime_error("export needs a file other than the database");
    auto out = cwm::Database::open(path);
    if (!out)
      raise(out.takeError());
    if ((*out)->getNumRecords() != 0 || !(*out)->getWorkloads().empty())
      throw std::runtime_error("export target '" + path +
                               "' already holds a database");
    size_t written = 0;
    for (const cwm::WorkloadEntry *workload : database->getWorkloads()) {
      if (!keys.empty() &&
          std::find(keys.begin(), keys.end(), workload->key) == keys.end())
        continue;
      if (llvm::Error error = (*out)->addWorkload(*workload))
        raise(std::move(error));
      for (const cwm::TuningRecord *record :
           database->getRecords(workload->key)) {
        if (llvm::Error error = (*out)->addRecord(*record))
          raise(std::move(error));
        ++written;
      }
    }
    return written;
  }

  size_t size() const { return database->getNumRecords(); }
  std::string path() const { return database->getPath().str(); }
  std::vector<std::string> warnings;

private:
  std::unique_ptr<cwm::Database> database;
};
} // namespace

PYBIND11_MODULE(_cwm, m) {
  m.doc() = "cwm's compiled core: tuning, compiling, tuning databases";
  m.def("version", &cwm::getVersion);
  m.def(
      "tune",
      [](const std::string &module, const std::string &options,
         py::object progress) {
        // After every trial, with the GIL: Ctrl-C (a pending SIGINT) or an
        // exception in `progress` stops tuning cleanly and is raised once
        // the tuner has returned (every result is in the database by then);
        // `progress` returning False stops it without an exception.
        PyObject *errorType = nullptr, *errorValue = nullptr,
                 *errorTrace = nullptr;
        cwm::TuningObserver observer = [&](const cwm::TuningProgress &p) {
          py::gil_scoped_acquire acquire;
          if (errorType)
            return false;
          if (PyErr_CheckSignals() != 0) {
            PyErr_Fetch(&errorType, &errorValue, &errorTrace);
            return false;
          }
          if (progress.is_none())
            return true;
          try {
            py::dict info;
            info["task"] = p.task;
            info["trial"] = p.trial;
            info["trials"] = p.trials;
            info["status"] = p.status;
            info["seconds"] = p.seconds;
            info["best_seconds"] = p.bestSeconds;
            info["gflops"] = p.gflops;
            info["elapsed_seconds"] = p.elapsedSeconds;
            info["eta_seconds"] =
                p.etaSeconds < 0 ? py::object(py::none())
                                 : py::object(py::float_(p.etaSeconds));
            py::object answer = progress(info);
            return !(py::isinstance<py::bool_>(answer) &&
                     !answer.cast<bool>());
          } catch (py::error_already_set &error) {
            error.restore();
            PyErr_Fetch(&errorType, &errorValue, &errorTrace);
            return false;
          }
        };
        llvm::Expected<cwm::TuneOutput> output = [&] {
          py::gil_scoped_release release;
          return cwm::tuneModule(module, options, observer);
        }();
        if (errorType) {
          if (!output)
            llvm::consumeError(output.takeError());
          PyErr_Restore(errorType, errorValue, errorTrace);
          throw py::error_already_set();
        }
        if (!output)
          raise(output.takeError());
        return py::make_tuple(output->module, output->report);
      },
      py::arg("module"), py::arg("options"), py::arg("progress") = py::none(),
      "Tunes MLIR text; options in cwm-autotune's syntax. Returns (tuned "
      "module text, report JSON). progress(dict) is called after every "
      "trial (False stops); Ctrl-C stops cleanly and raises "
      "KeyboardInterrupt.");
  m.def(
      "compile",
      [](const std::string &module, const std::string &output,
         const std::string &database, const std::string &cpu,
         const std::string &target, const std::string &chip) {
        cwm::CompileOptions options;
        options.database = database;
        options.cpu = cpu;
        options.target = target;
        options.chip = chip;
        py::gil_scoped_release release;
        llvm::Expected<cwm::CompileOutput> result =
            cwm::compileModuleText(module, output, options);
        py::gil_scoped_acquire acquire;
        if (!result)
          raise(result.takeError());
        return py::make_tuple(result->signature, result->tasks,
                              result->tunedTasks, result->defaultTasks);
      },
      py::arg("module"), py::arg("output"), py::arg("database") = "",
      py::arg("cpu") = "native", py::arg("target") = "cpu",
      py::arg("chip") = "sm_90",
      "Compiles MLIR text to a shared object (target cpu or cuda). Returns "
      "(signature JSON, "
      "tasks, tuned tasks, names of default-lowered tasks).");
  m.def(
      "shipped_world_model",
      [](const std::string &target) {
        return cwm::findShippedWorldModel(target);
      },
      py::arg("target") = "cpu",
      "The pre-trained world model shipped for a target ('' if none).");
  m.def(
      "export_spec",
      [](const std::string &database) {
        std::vector<std::string> skipped;
        std::string spec = value(cwm::exportSpec(database, &skipped));
        return py::make_tuple(spec, skipped);
      },
      py::arg("database"),
      "(library, skipped): a database's best CPU schedules as a Transform "
      "library for stock mlir-opt, and the tasks it could not export.");
  m.def(
      "transform_script",
      [](const std::string &trace, const std::string &task) {
        return value(cwm::transformScript(trace, task));
      },
      py::arg("trace"), py::arg("task"),
      "The Transform-dialect script of a schedule (a record's trace JSON) "
      "for a task (a workload's task JSON).");
  m.def(
      "describe_world_model",
      [](const std::string &path) {
        return value(cwm::describeWorldModel(path));
      },
      py::arg("path"), "A world-model file's configuration as JSON.");
  m.def(
      "rank_schedules",
      [](const std::string &module, const std::string &options) {
        return value(
            withoutGil([&] { return cwm::rankSchedules(module, options); }));
      },
      py::arg("module"), py::arg("options"),
      "Ranks candidate schedules of each task; options in "
      "cwm-rank-schedules' syntax. Returns JSON.");
  m.def(
      "score_database",
      [](const std::string &model, const std::string &database) {
        return value(
            withoutGil([&] { return cwm::scoreDatabase(model, database); }));
      },
      py::arg("model"), py::arg("database"),
      "Scores a database's measured candidates with a world model. Returns "
      "JSON (metrics, random, groups).");
  m.def(
      "train_world_model",
      [](const std::vector<std::string> &databases, const std::string &output,
         const std::string &startFrom, const std::string &heldout,
         int64_t epochs, int64_t seed, int64_t latent, int64_t hidden,
         double learningRate, bool consistency, bool ablateTransition,
         py::object progress) {
        cwm::WorldModelTraining options;
        options.databases = databases;
        options.output = output;
        options.startFrom = startFrom;
        options.heldoutManifest = heldout;
        options.epochs = epochs;
        options.seed = seed;
        options.latent = latent;
        options.hidden = hidden;
        options.learningRate = learningRate;
        options.consistency = consistency;
        options.ablateTransition = ablateTransition;
        if (!progress.is_none())
          options.progress = [progress](llvm::StringRef line) {
            py::gil_scoped_acquire acquire;
            progress(line.str());
          };
        return value(withoutGil([&] { return cwm::trainWorldModel(options); }));
      },
      py::arg("databases"), py::arg("output"), py::arg("start_from") = "",
      py::arg("heldout") = "", py::arg("epochs") = 30, py::arg("seed") = 0,
      py::arg("latent") = 128, py::arg("hidden") = 256, py::arg("lr") = 1e-3,
      py::arg("consistency") = true, py::arg("ablate_transition") = false,
      py::arg("progress") = py::none(),
      "Trains a world model on databases and writes it. Returns metrics "
      "JSON.");
  py::class_<PyDatabase>(m, "Database")
      .def(py::init<const std::string &>(), py::arg("path"))
      .def("workloads", &PyDatabase::workloads)
      .def("records", &PyDatabase::records, py::arg("key"))
      .def("best", &PyDatabase::best, py::arg("key"), py::arg("k") = 1)
      .def("import_from", &PyDatabase::importFrom, py::arg("path"))
      .def("export_to", &PyDatabase::exportTo, py::arg("path"),
           py::arg("keys") = std::vector<std::string>())
      .def("__len__", &PyDatabase::size)
      .def_property_readonly("path", &PyDatabase::path)
      .def_readonly("warnings", &PyDatabase::warnings);
}
