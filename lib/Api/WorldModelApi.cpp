//===- WorldModelApi.cpp - World models from an embedding -----------------===//
//
// describeWorldModel, scoreDatabase and trainWorldModel: the world model's
// file, its ranking of measured records, and its training, as calls that
// return JSON (the Python package's WorldModel and train wrap them).
// rankSchedules lives in Api.cpp beside tuneModule: both run a pass over a
// parsed module.
//
//===----------------------------------------------------------------------===//

#include "cwm/Api/Api.h"

#include "cwm/CostModel/CostModel.h"
#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/ProgramFeatures.h"
#include "cwm/CostModel/TrainingData.h"
#include "cwm/Measure/Runner.h"
#include "cwm/WorldModel/WorldModel.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <chrono>
#include <map>
#include <optional>
#include <thread>

namespace cwm {

namespace {

llvm::Error modelError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string jsonText(llvm::json::Value value) {
  std::string text;
  llvm::raw_string_ostream(text) << value;
  return text;
}

/// Opens a database that must exist; corrupt lines go to `warn`.
llvm::Expected<std::unique_ptr<Database>>
openExisting(llvm::StringRef path,
             const std::function<void(llvm::StringRef)> &warn) {
  if (!llvm::sys::fs::exists(path))
    return modelError("database '" + path + "' does not exist");
  return Database::open(path, [&](size_t line, llvm::StringRef reason) {
    if (warn)
      warn(llvm::formatv("warning: {0}:{1}: skipped corrupt line: {2}", path,
                         line, reason)
               .str());
  });
}

HardwareInfo hostFallback() {
  return detectHostCpu(std::max(1u, std::thread::hardware_concurrency()));
}

/// A set's size, its model metrics and a random ranking's.
llvm::json::Object evaluateSet(const LabeledSet &data,
                               llvm::ArrayRef<double> scores) {
  return llvm::json::Object{
      {"candidates", int64_t(data.set.seconds.size())},
      {"groups", int64_t(data.groups.size())},
      {"metrics", toJSON(evaluateRanking(data.set, scores))},
      {"random", toJSON(randomRanking(data.set))}};
}

} // namespace

std::string findShippedWorldModel(llvm::StringRef target) {
  return findDefaultModel(target);
}

llvm::Expected<std::string> describeWorldModel(llvm::StringRef modelPath) {
  llvm::Expected<WorldModel> model = WorldModel::load(modelPath);
  if (!model)
    return model.takeError();
  const WorldModelConfig &config = model->getConfig();
  return jsonText(llvm::json::Object{
      {"path", modelPath},
      {"file_version", kWorldModelFileVersion},
      {"feature_version", config.featureVersion},
      // Whether this cwm scores with it, and trains it further.
      {"scores", featuresMatch(config, /*forTraining=*/false)},
      {"trains", featuresMatch(config, /*forTraining=*/true)},
      {"task_features", config.taskSize},
      {"action_features", config.actionSize},
      {"hardware_features", config.hardwareSize},
      {"program_features", config.programSize},
      {"latent", config.latent},
      {"hidden", config.hidden},
      {"action_embed", config.actionEmbed},
      {"ablate_transition", config.ablateTransition},
      {"seed", int64_t(config.seed)}});
}

llvm::Expected<std::string> scoreDatabase(llvm::StringRef modelPath,
                                          llvm::StringRef databasePath) {
  llvm::json::Array warnings;
  llvm::Expected<std::unique_ptr<Database>> database =
      openExisting(databasePath, [&](llvm::StringRef line) {
        warnings.push_back(line.str());
      });
  if (!database)
    return database.takeError();
  llvm::Expected<WorldModel> model =
      loadWorldModel(modelPath, /*forTraining=*/false);
  if (!model)
    return model.takeError();
  LabeledSet data;
  appendTrainingRecords(**database, nullptr, hostFallback(), data,
                        model->getConfig().featureVersion);
  if (data.set.seconds.empty())
    return modelError("database '" + databasePath +
                      "' holds no measured schedule to score");
  llvm::Expected<std::vector<double>> scores = model->score(data.set.batch);
  if (!scores)
    return scores.takeError();

  // Each candidate's position among its workload's records.
  std::map<const TuningRecord *, int64_t> indexOf;
  for (const GroupInfo &group : data.groups) {
    int64_t index = 0;
    for (const TuningRecord *record :
         (*database)->getRecords(group.workloadKey))
      indexOf.try_emplace(record, index++);
  }
  std::vector<llvm::json::Array> candidates(data.groups.size());
  for (size_t i = 0; i < data.records.size(); ++i)
    candidates[data.set.group[i]].push_back(
        llvm::json::Object{{"record", indexOf[data.records[i]]},
                           {"seconds", data.set.seconds[i]},
                           {"score", (*scores)[i]}});
  llvm::json::Array groups;
  for (size_t g = 0; g < data.groups.size(); ++g)
    groups.push_back(
        llvm::json::Object{{"key", data.groups[g].workloadKey},
                           {"task", data.groups[g].taskName},
                           {"hardware", data.groups[g].hardware},
                           {"candidates", std::move(candidates[g])}});
  llvm::json::Object result = evaluateSet(data, *scores);
  result["groups"] = std::move(groups);
  result["warnings"] = std::move(warnings);
  return jsonText(std::move(result));
}

llvm::Expected<std::string> trainWorldModel(const WorldModelTraining &options) {
  auto say = [&](const llvm::Twine &line) {
    if (options.progress)
      options.progress(line.str());
  };
  if (options.databases.empty())
    return modelError("give at least one training database");
  if (options.output.empty())
    return modelError("give the output model file");
  if (options.epochs < 0 || options.latent <= 0 || options.hidden <= 0 ||
      options.learningRate <= 0)
    return modelError("epochs must be >= 0; latent, hidden and the learning "
                      "rate positive");

  llvm::StringSet<> heldout;
  if (!options.heldoutManifest.empty()) {
    llvm::Expected<llvm::StringSet<>> names =
        readHeldoutManifest(options.heldoutManifest);
    if (!names)
      return names.takeError();
    heldout = std::move(*names);
  }
  llvm::json::Array warnings; // corrupt lines skipped
  // The labeled sets point into the databases: keep them open.
  std::vector<std::unique_ptr<Database>> opened;
  LabeledSet train, held;
  HardwareInfo fallback = hostFallback();
  for (const std::string &path : options.databases) {
    llvm::Expected<std::unique_ptr<Database>> database =
        openExisting(path, [&](llvm::StringRef line) {
          warnings.push_back(line.str());
          say(line);
        });
    if (!database)
      return database.takeError();
    auto isHeld = [&](const WorkloadEntry &w) {
      return heldout.contains(w.task.name);
    };
    appendTrainingRecords(
        **database, [&](const WorkloadEntry &w) { return !isHeld(w); },
        fallback, train);
    appendTrainingRecords(**database, isHeld, fallback, held);
    opened.push_back(std::move(*database));
  }
  say(llvm::formatv("{0} candidates of {1} workloads for training, {2} of {3} "
                    "held out",
                    train.set.seconds.size(), train.groups.size(),
                    held.set.seconds.size(), held.groups.size()));

  std::optional<WorldModel> model;
  if (!options.startFrom.empty()) {
    llvm::Expected<WorldModel> loaded =
        loadWorldModel(options.startFrom, /*forTraining=*/true);
    if (!loaded)
      return loaded.takeError();
    model = std::move(*loaded);
  } else {
    WorldModelConfig config = defaultWorldModelConfig();
    config.latent = options.latent;
    config.hidden = options.hidden;
    config.ablateTransition = options.ablateTransition;
    config.seed = options.seed;
    if (options.consistency && options.epochs > 0) {
      config.programSize = programFeatureSize();
      addConsistencyTargets(train, options.progress);
    }
    llvm::Expected<WorldModel> created = WorldModel::create(config);
    if (!created)
      return created.takeError();
    model = std::move(*created);
  }

  double trainSeconds = 0;
  if (options.epochs > 0) {
    TrainOptions trainOptions;
    trainOptions.epochs = options.epochs;
    trainOptions.learningRate = options.learningRate;
    trainOptions.seed = options.seed;
    trainOptions.quiet = true;
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error error = model->train(
            train.set, trainOptions, [&](int64_t epoch, double loss) {
              say(llvm::formatv("epoch {0}/{1}  loss {2:F4}", epoch + 1,
                                options.epochs, loss));
            }))
      return std::move(error);
    trainSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  }
  if (llvm::Error error = model->save(options.output))
    return std::move(error);
  say(llvm::formatv("trained in {0:F1} s; wrote {1}", trainSeconds,
                    options.output));

  llvm::json::Object result{{"model", options.output},
                            {"train_seconds", trainSeconds},
                            {"epochs", options.epochs},
                            {"seed", options.seed},
                            {"warnings", std::move(warnings)}};
  for (auto [name, data] :
       {std::pair<const char *, LabeledSet *>{"train", &train},
        {"heldout", &held}}) {
    if (data->set.seconds.empty())
      continue;
    llvm::Expected<std::vector<double>> scores = model->score(data->set.batch);
    if (!scores)
      return scores.takeError();
    result[name] = evaluateSet(*data, *scores);
  }
  return jsonText(std::move(result));
}

} // namespace cwm
