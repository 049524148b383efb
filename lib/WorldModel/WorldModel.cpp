//===- WorldModel.cpp - Latent dynamics over schedule actions (LibTorch) --===//
//
// The only translation unit that includes LibTorch (built with exceptions
// and RTTI). It is compiled into the plugin libcwm_world_model.so, which
// cwm loads on first use of a world model (WorldModelClient.cpp), so tools
// that never use one do not load LibTorch. Every entry point catches
// c10::Error / std::exception and returns llvm::Error.
//
//===----------------------------------------------------------------------===//

#include "cwm/WorldModel/WorldModel.h"
#include "PluginApi.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <malloc.h>
#include <map>
#include <numeric>
#include <random>

namespace cwm {

namespace {

constexpr const char *kFormatName = "cwm-world-model";

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Linear - GELU - Linear.
torch::nn::Sequential mlp(int64_t in, int64_t hidden, int64_t out) {
  return torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::GELU(),
                               torch::nn::Linear(hidden, out));
}

struct NetImpl : torch::nn::Module {
  explicit NetImpl(const WorldModelConfig &c)
      : config(c),
        encoder(register_module(
            "encoder", mlp(c.taskSize + c.hardwareSize, c.hidden, c.latent))),
        encoderNorm(register_module(
            "encoder_norm",
            torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.latent})))),
        actionEmbed(register_module(
            "action_embed", mlp(c.actionSize, c.hidden, c.actionEmbed))),
        transition(register_module(
            "transition",
            mlp(c.latent + c.actionEmbed, c.hidden, c.latent))),
        ablatedStep(register_module(
            "ablated_step", torch::nn::Linear(c.actionEmbed, c.latent))),
        head(register_module(
            "head", mlp(c.latent + 2 * c.actionEmbed + c.hardwareSize,
                        c.hidden, 1))) {
    // Normalization statistics (buffers: saved with the weights).
    taskMean = register_buffer("task_mean", torch::zeros({c.taskSize}));
    taskScale = register_buffer("task_scale", torch::ones({c.taskSize}));
    actionMean = register_buffer("action_mean", torch::zeros({c.actionSize}));
    actionScale = register_buffer("action_scale", torch::ones({c.actionSize}));
    hwMean = register_buffer("hw_mean", torch::zeros({c.hardwareSize}));
    hwScale = register_buffer("hw_scale", torch::ones({c.hardwareSize}));
    fitted = register_buffer("fitted", torch::zeros({1}));
    if (c.programSize > 0) {
      programEncoder = register_module(
          "program_encoder", mlp(c.programSize, c.hidden, c.latent));
      programHead =
          register_module("program_head", mlp(c.latent, c.hidden / 2, 1));
      programMean =
          register_buffer("program_mean", torch::zeros({c.programSize}));
      programScale =
          register_buffer("program_scale", torch::ones({c.programSize}));
    }
  }

  /// Latent of real (intermediate) programs, for the consistency loss.
  torch::Tensor encodeProgram(const torch::Tensor &program) {
    return programEncoder->forward((program - programMean) * programScale);
  }

  /// Scores: tasks [C, T], hw [C, H], contextOf [B], actions [B, L, A],
  /// mask [B, L] -> [B].
  /// With `states`, also returns z after each step: [L + 1, B, latent].
  torch::Tensor forward(const torch::Tensor &tasks, const torch::Tensor &hw,
                        const torch::Tensor &contextOf,
                        const torch::Tensor &actions,
                        const torch::Tensor &mask,
                        torch::Tensor *states = nullptr) {
    return head->forward(headInput(tasks, hw, contextOf, actions, mask, states))
        .squeeze(-1);
  }

  /// The head's last hidden layer [B, hidden] (the score is a linear
  /// function of it) and the score [B].
  std::pair<torch::Tensor, torch::Tensor>
  embed(const torch::Tensor &tasks, const torch::Tensor &hw,
        const torch::Tensor &contextOf, const torch::Tensor &actions,
        const torch::Tensor &mask) {
    torch::Tensor x = headInput(tasks, hw, contextOf, actions, mask, nullptr);
    // The head is Linear - GELU - Linear (mlp()).
    torch::Tensor hidden = head->ptr(1)->as<torch::nn::GELUImpl>()->forward(
        head->ptr(0)->as<torch::nn::LinearImpl>()->forward(x));
    torch::Tensor score =
        head->ptr(2)->as<torch::nn::LinearImpl>()->forward(hidden);
    return {hidden, score.squeeze(-1)};
  }

  /// What the head reads: the final state, pooled action embeddings and
  /// the hardware features.
  torch::Tensor headInput(const torch::Tensor &tasks, const torch::Tensor &hw,
                          const torch::Tensor &contextOf,
                          const torch::Tensor &actions,
                          const torch::Tensor &mask, torch::Tensor *states) {
    torch::Tensor t = (tasks - taskMean) * taskScale;
    torch::Tensor h = (hw - hwMean) * hwScale;
    torch::Tensor z0 = encoderNorm->forward(
        encoder->forward(torch::cat({t, h}, /*dim=*/1)));
    torch::Tensor z = z0.index_select(0, contextOf);
    torch::Tensor hb = h.index_select(0, contextOf);
    torch::Tensor a = (actions - actionMean) * actionScale;
    torch::Tensor e = actionEmbed->forward(a); // [B, L, E]
    torch::Tensor m = mask.unsqueeze(-1);      // [B, L, 1]
    int64_t steps = actions.size(1);
    std::vector<torch::Tensor> trajectory;
    if (states)
      trajectory.push_back(z);
    for (int64_t step = 0; step < steps; ++step) {
      torch::Tensor et = e.select(1, step);
      torch::Tensor dz = config.ablateTransition
                             ? ablatedStep->forward(et)
                             : transition->forward(torch::cat({z, et}, 1));
      z = z + m.select(1, step) * dz;
      if (states)
        trajectory.push_back(z);
    }
    if (states)
      *states = torch::stack(trajectory);
    torch::Tensor count = m.sum(1).clamp_min(1.0);
    torch::Tensor meanE = (e * m).sum(1) / count;
    torch::Tensor maxE =
        (e + (m - 1.0) * 1e4).amax(1) * (count > 0.5).to(torch::kFloat);
    maxE = torch::where(m.sum(1) > 0.5, maxE, torch::zeros_like(maxE));
    return torch::cat({z, meanE, maxE, hb}, 1);
  }

  WorldModelConfig config;
  torch::nn::Sequential encoder;
  torch::nn::LayerNorm encoderNorm;
  torch::nn::Sequential actionEmbed;
  torch::nn::Sequential transition;
  torch::nn::Linear ablatedStep;
  torch::nn::Sequential head;
  torch::nn::Sequential programEncoder{nullptr}, programHead{nullptr};
  torch::Tensor programMean, programScale;
  torch::Tensor taskMean, taskScale, actionMean, actionScale, hwMean, hwScale,
      fitted;
};
TORCH_MODULE(Net);

/// Tensors of a batch, padded to the longest trace.
struct BatchTensors {
  torch::Tensor tasks, hw, contextOf, actions, mask;
};

BatchTensors toTensors(const FeatureBatch &batch, const WorldModelConfig &c,
                       llvm::ArrayRef<int64_t> candidates) {
  int64_t contexts = static_cast<int64_t>(batch.numContexts(c.taskSize));
  BatchTensors t;
  t.tasks = torch::from_blob(const_cast<float *>(batch.tasks.data()),
                             {contexts, c.taskSize}, torch::kFloat)
                .clone();
  t.hw = torch::from_blob(const_cast<float *>(batch.hardware.data()),
                          {contexts, c.hardwareSize}, torch::kFloat)
             .clone();
  std::vector<int64_t> offsets(batch.lengths.size() + 1, 0);
  for (size_t i = 0; i < batch.lengths.size(); ++i)
    offsets[i + 1] = offsets[i] + batch.lengths[i];
  int64_t maxLength = 1;
  for (int64_t i : candidates)
    maxLength = std::max(maxLength, batch.lengths[i]);
  int64_t n = static_cast<int64_t>(candidates.size());
  std::vector<float> actions(n * maxLength * c.actionSize, 0.0f);
  std::vector<float> mask(n * maxLength, 0.0f);
  std::vector<int64_t> contextOf(n);
  for (int64_t row = 0; row < n; ++row) {
    int64_t i = candidates[row];
    contextOf[row] = batch.contextOf[i];
    for (int64_t step = 0; step < batch.lengths[i]; ++step) {
      const float *src =
          batch.actions.data() + (offsets[i] + step) * c.actionSize;
      std::copy(src, src + c.actionSize,
                actions.begin() + (row * maxLength + step) * c.actionSize);
      mask[row * maxLength + step] = 1.0f;
    }
  }
  t.actions = torch::from_blob(actions.data(), {n, maxLength, c.actionSize},
                               torch::kFloat)
                  .clone();
  t.mask = torch::from_blob(mask.data(), {n, maxLength}, torch::kFloat).clone();
  t.contextOf =
      torch::from_blob(contextOf.data(), {n}, torch::kLong).clone();
  return t;
}

/// Calls `fn` on the tensors of consecutive chunks of the batch's
/// candidates, in order: chunks bound the padded tensor size.
template <typename Fn>
void forEachChunk(const FeatureBatch &batch, const WorldModelConfig &c, Fn fn) {
  constexpr size_t kChunk = 4096;
  for (size_t begin = 0; begin < batch.numCandidates(); begin += kChunk) {
    size_t end = std::min(batch.numCandidates(), begin + kChunk);
    std::vector<int64_t> ids(end - begin);
    std::iota(ids.begin(), ids.end(), static_cast<int64_t>(begin));
    fn(toTensors(batch, c, ids));
  }
}

llvm::Error checkBatch(const FeatureBatch &batch, const WorldModelConfig &c) {
  if (c.taskSize <= 0 || batch.tasks.size() % c.taskSize != 0 ||
      batch.hardware.size() !=
          batch.numContexts(c.taskSize) * static_cast<size_t>(c.hardwareSize))
    return makeError("feature batch does not match the model's feature sizes "
                     "(task " + llvm::Twine(c.taskSize) + ", hardware " +
                     llvm::Twine(c.hardwareSize) + ")");
  int64_t rows = 0;
  for (size_t i = 0; i < batch.lengths.size(); ++i) {
    if (batch.contextOf[i] < 0 ||
        batch.contextOf[i] >= static_cast<int64_t>(batch.numContexts(c.taskSize)))
      return makeError("candidate " + llvm::Twine(i) + " names no context");
    rows += batch.lengths[i];
  }
  if (batch.actions.size() != static_cast<size_t>(rows * c.actionSize))
    return makeError("action rows do not match the model's action size " +
                     llvm::Twine(c.actionSize));
  return llvm::Error::success();
}

/// Per-column mean and 1/std over the rows of a row-major matrix.
std::pair<torch::Tensor, torch::Tensor> columnStats(const std::vector<float> &data,
                                                    int64_t columns) {
  int64_t rows = columns ? static_cast<int64_t>(data.size()) / columns : 0;
  if (rows == 0)
    return {torch::zeros({columns}), torch::ones({columns})};
  torch::Tensor m = torch::from_blob(const_cast<float *>(data.data()),
                                     {rows, columns}, torch::kFloat);
  torch::Tensor mean = m.mean(0);
  torch::Tensor std = m.std(0, /*unbiased=*/false);
  // Constant columns pass through unscaled.
  torch::Tensor scale = torch::where(std > 1e-6, 1.0 / std, torch::ones_like(std));
  return {mean.clone(), scale.clone()};
}

} // namespace

/// The LibTorch implementation behind the plugin API.
class TorchWorldModel {
public:
  ~TorchWorldModel();
  TorchWorldModel(TorchWorldModel &&);
  static llvm::Expected<TorchWorldModel> create(const WorldModelConfig &config);
  static llvm::Expected<TorchWorldModel> load(llvm::StringRef path);
  llvm::Error save(llvm::StringRef path) const;
  const WorldModelConfig &getConfig() const;
  void setTarget(llvm::StringRef target);
  llvm::Expected<std::vector<double>> score(const FeatureBatch &batch) const;
  llvm::Expected<Embeddings> embed(const FeatureBatch &batch) const;
  llvm::Error train(const TrainingSet &set, const TrainOptions &options,
                    const std::function<void(int64_t, double)> &progress);

private:
  struct Impl;
  explicit TorchWorldModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

struct TorchWorldModel::Impl {
  explicit Impl(const WorldModelConfig &config) : net(config) {}
  Net net;
};

TorchWorldModel::TorchWorldModel(std::unique_ptr<Impl> impl)
    : impl(std::move(impl)) {}
TorchWorldModel::~TorchWorldModel() = default;
TorchWorldModel::TorchWorldModel(TorchWorldModel &&) = default;

const WorldModelConfig &TorchWorldModel::getConfig() const {
  return impl->net->config;
}

void TorchWorldModel::setTarget(llvm::StringRef target) {
  impl->net->config.target = target.str();
}

llvm::Expected<TorchWorldModel> TorchWorldModel::create(const WorldModelConfig &config) {
  if (config.taskSize <= 0 || config.actionSize <= 0 ||
      config.hardwareSize <= 0 || config.latent <= 0 || config.hidden <= 0 ||
      config.actionEmbed <= 0)
    return makeError("world model sizes must be positive");
  try {
    torch::manual_seed(config.seed);
    return TorchWorldModel(std::make_unique<Impl>(config));
  } catch (const std::exception &e) {
    return makeError(llvm::Twine("cannot create the world model: ") + e.what());
  }
}

/// A checksum of every parameter and buffer of `net` (names, shapes and
/// bytes, in registration order): a model file whose weights were damaged
/// inside an intact archive no longer loads silently.
static int64_t weightsChecksum(torch::nn::Module &net) {
  uint64_t hash = 0;
  auto mix = [&](llvm::ArrayRef<uint8_t> bytes) {
    hash = llvm::xxh3_64bits(bytes) ^ (hash * 0x9E3779B97F4A7C15ULL);
  };
  auto add = [&](const std::string &name, const torch::Tensor &value) {
    torch::Tensor data = value.detach().to(torch::kCPU).contiguous();
    mix(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(name.data()), name.size()));
    std::vector<int64_t> shape = data.sizes().vec();
    mix(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(shape.data()),
                                shape.size() * sizeof(int64_t)));
    mix(llvm::ArrayRef<uint8_t>(static_cast<const uint8_t *>(data.data_ptr()),
                                data.nbytes()));
  };
  for (const auto &item : net.named_parameters(/*recurse=*/true))
    add(item.key(), item.value());
  for (const auto &item : net.named_buffers(/*recurse=*/true))
    add(item.key(), item.value());
  return static_cast<int64_t>(hash & 0x7fffffffffffffffULL);
}

/// Why the tensors loaded into `net` cannot be used, or "": a name or shape
/// that is not the network's, or storage smaller than the shape needs
/// (LibTorch takes a damaged file's sizes at face value: reading such a
/// tensor reads past its memory; found by fuzz/fuzz-model-file). Nothing
/// here reads the tensors' data.
static std::string
checkLoadedTensors(torch::nn::Module &net,
                   const std::map<std::string, std::vector<int64_t>> &expected) {
  auto check = [&](const std::string &name,
                   const torch::Tensor &tensor) -> std::string {
    auto it = expected.find(name);
    if (it == expected.end())
      return "unexpected tensor '" + name + "'";
    if (tensor.sizes().vec() != it->second)
      return "tensor '" + name + "' has another shape than the network's";
    if (!tensor.has_storage())
      return "tensor '" + name + "' has no storage";
    int64_t last = tensor.storage_offset();
    if (last < 0)
      return "tensor '" + name + "' has a negative offset";
    if (tensor.numel() > 0) {
      for (int64_t d = 0; d < tensor.dim(); ++d) {
        if (tensor.stride(d) < 0)
          return "tensor '" + name + "' has a negative stride";
        last += (tensor.size(d) - 1) * tensor.stride(d);
      }
      uint64_t needed = uint64_t(last + 1) * tensor.element_size();
      if (needed > tensor.storage().nbytes())
        return "tensor '" + name + "' needs more memory than its storage holds";
    }
    // The storage's size comes from the file's pickle, its memory from the
    // file's data record: a damaged file can claim more bytes than the record
    // held (found by fuzz/fuzz-model-file: a 4-byte record behind a storage
    // of 520 bytes, read past its end when the model is saved again).
    // LibTorch's CPU allocator gives each record its own heap block, whose
    // usable size bounds what may be read.
    const void *memory = tensor.storage().data();
    if (tensor.storage().nbytes() > 0 &&
        (!memory || malloc_usable_size(const_cast<void *>(memory)) <
                        tensor.storage().nbytes()))
      return "tensor '" + name + "' has less data in the file than its "
             "storage claims";
    return "";
  };
  size_t seen = 0;
  for (const auto &item : net.named_parameters(/*recurse=*/true)) {
    std::string why = check(item.key(), item.value());
    if (!why.empty())
      return why;
    ++seen;
  }
  for (const auto &item : net.named_buffers(/*recurse=*/true)) {
    std::string why = check(item.key(), item.value());
    if (!why.empty())
      return why;
    ++seen;
  }
  return seen == expected.size() ? "" : "tensors are missing";
}

/// The name of the first parameter of `net` holding a NaN or an infinity.
static std::string firstNonFiniteParameter(torch::nn::Module &net) {
  for (const auto &item : net.named_parameters(/*recurse=*/true))
    if (!torch::isfinite(item.value()).all().item<bool>())
      return item.key();
  return "";
}

llvm::Error TorchWorldModel::save(llvm::StringRef path) const {
  try {
    torch::serialize::OutputArchive archive;
    const WorldModelConfig &c = getConfig();
    archive.write("format", c10::IValue(std::string(kFormatName)));
    archive.write("version", c10::IValue(kWorldModelFileVersion));
    archive.write("feature_version", c10::IValue(c.featureVersion));
    archive.write("task_size", c10::IValue(c.taskSize));
    archive.write("action_size", c10::IValue(c.actionSize));
    archive.write("hardware_size", c10::IValue(c.hardwareSize));
    archive.write("program_size", c10::IValue(c.programSize));
    archive.write("latent", c10::IValue(c.latent));
    archive.write("hidden", c10::IValue(c.hidden));
    archive.write("action_embed", c10::IValue(c.actionEmbed));
    archive.write("ablate_transition", c10::IValue(c.ablateTransition));
    archive.write("seed", c10::IValue(static_cast<int64_t>(c.seed)));
    if (!c.target.empty())
      archive.write("target", c10::IValue(c.target));
    torch::serialize::OutputArchive weights;
    impl->net->save(weights);
    archive.write("weights", weights);
    archive.write("weights_checksum", c10::IValue(weightsChecksum(*impl->net)));
    archive.save_to(path.str());
    return llvm::Error::success();
  } catch (const std::exception &e) {
    return makeError("cannot write the world model to '" + path +
                     "': " + e.what());
  }
}

llvm::Expected<TorchWorldModel> TorchWorldModel::load(llvm::StringRef path) {
  std::string where = ("world model file '" + path + "'").str();
  if (!llvm::sys::fs::exists(path))
    return makeError(where + " does not exist");
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path.str());
    c10::IValue value;
    if (!archive.try_read("format", value) || !value.isString() ||
        value.toStringRef() != kFormatName)
      return makeError(where + " is not a cwm world model");
    if (!archive.try_read("version", value) || !value.isInt())
      return makeError(where + " has no format version");
    if (value.toInt() != kWorldModelFileVersion)
      return makeError(where + " has format version " +
                       llvm::Twine(value.toInt()) + "; this cwm reads version " +
                       llvm::Twine(kWorldModelFileVersion));
    WorldModelConfig c;
    auto readInt = [&](const char *key, int64_t &field) -> bool {
      c10::IValue v;
      if (!archive.try_read(key, v) || !v.isInt())
        return false;
      field = v.toInt();
      return true;
    };
    int64_t seed = 0;
    if (!readInt("feature_version", c.featureVersion) ||
        !readInt("task_size", c.taskSize) ||
        !readInt("action_size", c.actionSize) ||
        !readInt("hardware_size", c.hardwareSize) ||
        !readInt("latent", c.latent) || !readInt("hidden", c.hidden) ||
        !readInt("action_embed", c.actionEmbed) || !readInt("seed", seed))
      return makeError(where + " is missing configuration fields");
    c.seed = static_cast<uint64_t>(seed);
    if (archive.try_read("program_size", value) && value.isInt())
      c.programSize = value.toInt();
    if (archive.try_read("ablate_transition", value) && value.isBool())
      c.ablateTransition = value.toBool();
    if (archive.try_read("target", value) && value.isString())
      c.target = value.toStringRef();
    // Sizes from the file build the network: a damaged one must not ask for
    // gigabytes (found with crafted files: action_embed = 2^31).
    for (auto [name, size] :
         {std::pair<const char *, int64_t>{"task_size", c.taskSize},
          {"action_size", c.actionSize},
          {"hardware_size", c.hardwareSize},
          {"program_size", c.programSize},
          {"latent", c.latent},
          {"hidden", c.hidden},
          {"action_embed", c.actionEmbed}})
      if (size < 0 || size > kMaxWorldModelSize)
        return makeError(where + " is corrupt: its " + name + " (" +
                         llvm::Twine(size) + ") is outside 0.." +
                         llvm::Twine(kMaxWorldModelSize));
    llvm::Expected<TorchWorldModel> model = create(c);
    if (!model)
      return model.takeError();
    torch::serialize::InputArchive weights;
    if (!archive.try_read("weights", weights))
      return makeError(where + " has no weights");
    // The network's own tensors, before the file's replace them.
    std::map<std::string, std::vector<int64_t>> expected;
    for (const auto &item : model->impl->net->named_parameters(true))
      expected[item.key()] = item.value().sizes().vec();
    for (const auto &item : model->impl->net->named_buffers(true))
      expected[item.key()] = item.value().sizes().vec();
    model->impl->net->load(weights);
    std::string unusable = checkLoadedTensors(*model->impl->net, expected);
    if (!unusable.empty())
      return makeError(where + " is corrupt: " + unusable);
    // Files written before checksums were stored (format version 1 either
    // way) are checked for finite weights only.
    if (archive.try_read("weights_checksum", value)) {
      if (!value.isInt() ||
          value.toInt() != weightsChecksum(*model->impl->net))
        return makeError(where + " is corrupt: its weights do not match the "
                                 "checksum stored with them");
    }
    std::string broken = firstNonFiniteParameter(*model->impl->net);
    if (!broken.empty())
      return makeError(where + " is corrupt: weight '" + broken +
                       "' holds NaN or infinite values");
    return model;
  } catch (const std::exception &e) {
    std::string message = e.what();
    // c10 messages carry a C++ backtrace after the first line.
    message = message.substr(0, message.find('\n'));
    return makeError(where + " cannot be read (corrupt or not a model file): " +
                     message);
  }
}

llvm::Expected<std::vector<double>>
TorchWorldModel::score(const FeatureBatch &batch) const {
  const WorldModelConfig &c = getConfig();
  if (llvm::Error error = checkBatch(batch, c))
    return std::move(error);
  try {
    torch::NoGradGuard noGrad;
    impl->net->eval();
    std::vector<double> scores;
    scores.reserve(batch.numCandidates());
    forEachChunk(batch, c, [&](const BatchTensors &t) {
      torch::Tensor s = impl->net->forward(t.tasks, t.hw, t.contextOf,
                                           t.actions, t.mask)
                            .contiguous();
      const float *p = s.data_ptr<float>();
      scores.insert(scores.end(), p, p + s.numel());
    });
    return scores;
  } catch (const std::exception &e) {
    return makeError(llvm::Twine("world model scoring failed: ") + e.what());
  }
}

llvm::Expected<Embeddings>
TorchWorldModel::embed(const FeatureBatch &batch) const {
  const WorldModelConfig &c = getConfig();
  if (llvm::Error error = checkBatch(batch, c))
    return std::move(error);
  try {
    torch::NoGradGuard noGrad;
    impl->net->eval();
    Embeddings out;
    out.width = c.hidden;
    out.scores.reserve(batch.numCandidates());
    out.values.reserve(batch.numCandidates() * c.hidden);
    forEachChunk(batch, c, [&](const BatchTensors &t) {
      auto [hidden, s] =
          impl->net->embed(t.tasks, t.hw, t.contextOf, t.actions, t.mask);
      hidden = hidden.contiguous();
      s = s.contiguous();
      const float *h = hidden.data_ptr<float>();
      out.values.insert(out.values.end(), h, h + hidden.numel());
      const float *p = s.data_ptr<float>();
      out.scores.insert(out.scores.end(), p, p + s.numel());
    });
    return out;
  } catch (const std::exception &e) {
    return makeError(llvm::Twine("world model embedding failed: ") + e.what());
  }
}

llvm::Error
TorchWorldModel::train(const TrainingSet &set, const TrainOptions &options,
                  const std::function<void(int64_t, double)> &progress) {
  const WorldModelConfig &c = getConfig();
  if (llvm::Error error = checkBatch(set.batch, c))
    return error;
  size_t n = set.batch.numCandidates();
  if (set.group.size() != n || set.seconds.size() != n)
    return makeError("training set: one group and one time per candidate");
  try {
    torch::manual_seed(options.seed);
    std::mt19937_64 rng(options.seed);
    NetImpl &net = *impl->net;
    if (net.fitted.item<float>() == 0) {
      auto [tm, ts] = columnStats(set.batch.tasks, c.taskSize);
      auto [am, as] = columnStats(set.batch.actions, c.actionSize);
      auto [hm, hs] = columnStats(set.batch.hardware, c.hardwareSize);
      torch::NoGradGuard noGrad;
      net.taskMean.copy_(tm);
      net.taskScale.copy_(ts);
      net.actionMean.copy_(am);
      net.actionScale.copy_(as);
      net.hwMean.copy_(hm);
      net.hwScale.copy_(hs);
      if (c.programSize > 0) {
        std::vector<float> programs;
        for (const ConsistencyTarget &target : set.consistency)
          programs.insert(programs.end(), target.program.begin(),
                          target.program.end());
        auto [pm, ps] = columnStats(programs, c.programSize);
        net.programMean.copy_(pm);
        net.programScale.copy_(ps);
      }
      net.fitted.fill_(1.0);
    }
    // Consistency targets by candidate.
    std::vector<std::vector<const ConsistencyTarget *>> targetsOf(n);
    bool useConsistency = c.programSize > 0 && !set.consistency.empty();
    if (useConsistency)
      for (const ConsistencyTarget &target : set.consistency) {
        if (target.candidate < 0 || target.candidate >= static_cast<int64_t>(n) ||
            static_cast<int64_t>(target.program.size()) != c.programSize ||
            target.step < 0 || target.step > set.batch.lengths[target.candidate])
          return makeError("consistency target does not match its candidate "
                           "or the program feature size");
        targetsOf[target.candidate].push_back(&target);
      }
    // Groups with at least one success and two candidates.
    std::map<int64_t, std::vector<int64_t>> members;
    for (size_t i = 0; i < n; ++i)
      members[set.group[i]].push_back(static_cast<int64_t>(i));
    std::vector<std::vector<int64_t>> groups;
    for (auto &[id, list] : members) {
      bool anyOk = llvm::any_of(list, [&](int64_t i) { return set.seconds[i] > 0; });
      if (anyOk && list.size() >= 2)
        groups.push_back(std::move(list));
    }
    if (groups.empty())
      return makeError("training set has no group with a measured success and "
                       "two candidates");
    torch::optim::Adam optimizer(
        net.parameters(),
        torch::optim::AdamOptions(options.learningRate)
            .weight_decay(options.weightDecay));
    net.train();
    for (int64_t epoch = 0; epoch < options.epochs; ++epoch) {
      std::shuffle(groups.begin(), groups.end(), rng);
      double lossSum = 0;
      int64_t steps = 0;
      for (size_t g0 = 0; g0 < groups.size(); g0 += options.groupsPerStep) {
        size_t g1 = std::min(groups.size(), g0 + options.groupsPerStep);
        // Sample candidates from each group of the step.
        std::vector<int64_t> ids, groupStart;
        for (size_t g = g0; g < g1; ++g) {
          std::vector<int64_t> list = groups[g];
          std::shuffle(list.begin(), list.end(), rng);
          if (static_cast<int64_t>(list.size()) > options.candidatesPerGroup)
            list.resize(options.candidatesPerGroup);
          groupStart.push_back(static_cast<int64_t>(ids.size()));
          ids.insert(ids.end(), list.begin(), list.end());
        }
        groupStart.push_back(static_cast<int64_t>(ids.size()));
        BatchTensors t = toTensors(set.batch, c, ids);
        torch::Tensor states;
        torch::Tensor s = net.forward(t.tasks, t.hw, t.contextOf, t.actions,
                                      t.mask, useConsistency ? &states : nullptr);
        // Relevance in [0, 1]: best seconds of the group / seconds; 0 for a
        // failure. Pairwise logistic loss weighted by the relevance gap
        // (a LambdaRank-style emphasis on the top of each group).
        std::vector<float> relevance(ids.size(), 0.0f);
        std::vector<int64_t> pairHi, pairLo;
        std::vector<float> pairWeight;
        for (size_t g = 0; g + 1 < groupStart.size(); ++g) {
          double best = 0;
          for (int64_t k = groupStart[g]; k < groupStart[g + 1]; ++k) {
            double sec = set.seconds[ids[k]];
            if (sec > 0 && (best == 0 || sec < best))
              best = sec;
          }
          for (int64_t k = groupStart[g]; k < groupStart[g + 1]; ++k) {
            double sec = set.seconds[ids[k]];
            relevance[k] = sec > 0 ? static_cast<float>(best / sec) : 0.0f;
          }
          for (int64_t i = groupStart[g]; i < groupStart[g + 1]; ++i)
            for (int64_t j = groupStart[g]; j < groupStart[g + 1]; ++j) {
              float gap = relevance[i] - relevance[j];
              if (gap > 1e-3f) {
                pairHi.push_back(i);
                pairLo.push_back(j);
                pairWeight.push_back(gap);
              }
            }
        }
        if (pairHi.empty())
          continue;
        auto pairLoss = [](const torch::Tensor &scores, std::vector<int64_t> &h,
                           std::vector<int64_t> &l, std::vector<float> &wt) {
          int64_t pairs = static_cast<int64_t>(h.size());
          torch::Tensor hi = torch::from_blob(h.data(), {pairs}, torch::kLong).clone();
          torch::Tensor lo = torch::from_blob(l.data(), {pairs}, torch::kLong).clone();
          torch::Tensor w = torch::from_blob(wt.data(), {pairs}, torch::kFloat).clone();
          torch::Tensor diff = scores.index_select(0, hi) - scores.index_select(0, lo);
          return (torch::nn::functional::softplus(-diff) * w).sum() / w.sum();
        };
        torch::Tensor loss = pairLoss(s, pairHi, pairLo, pairWeight);
        if (options.listwiseWeight > 0) {
          torch::Tensor rel = torch::from_blob(relevance.data(),
                                               {int64_t(relevance.size())},
                                               torch::kFloat)
                                  .clone();
          torch::Tensor listLoss = torch::zeros({});
          int64_t lists = 0;
          for (size_t g = 0; g + 1 < groupStart.size(); ++g) {
            int64_t begin = groupStart[g], count = groupStart[g + 1] - begin;
            if (count < 2)
              continue;
            torch::Tensor target = torch::softmax(
                rel.narrow(0, begin, count) / options.listwiseTemperature, 0);
            torch::Tensor logP = torch::log_softmax(s.narrow(0, begin, count), 0);
            listLoss = listLoss - (target * logP).sum();
            ++lists;
          }
          if (lists > 0)
            loss = loss + options.listwiseWeight * listLoss / double(lists);
        }
        if (useConsistency) {
          // Pull z(t) toward the encoding of the program really obtained
          // after t actions (stop-gradient on the target); train the program
          // encoder with a ranking loss on the final programs.
          std::vector<int64_t> rows, steps, finalRows, finalOf;
          std::vector<float> programs, finals;
          for (size_t k = 0; k < ids.size(); ++k)
            for (const ConsistencyTarget *target : targetsOf[ids[k]]) {
              rows.push_back(static_cast<int64_t>(k));
              steps.push_back(target->step);
              programs.insert(programs.end(), target->program.begin(),
                              target->program.end());
              if (target->step == set.batch.lengths[ids[k]]) {
                finalOf.push_back(static_cast<int64_t>(k));
                finals.insert(finals.end(), target->program.begin(),
                              target->program.end());
              }
            }
          if (!rows.empty()) {
            int64_t count = static_cast<int64_t>(rows.size());
            torch::Tensor rowT = torch::from_blob(rows.data(), {count}, torch::kLong).clone();
            torch::Tensor stepT = torch::from_blob(steps.data(), {count}, torch::kLong).clone();
            torch::Tensor p = torch::from_blob(programs.data(), {count, c.programSize},
                                               torch::kFloat).clone();
            torch::Tensor predicted = states.index({stepT, rowT});
            torch::Tensor target = net.encodeProgram(p).detach();
            loss = loss + options.consistencyWeight *
                              torch::mse_loss(predicted, target);
          }
          if (finalOf.size() >= 2) {
            int64_t count = static_cast<int64_t>(finalOf.size());
            torch::Tensor p = torch::from_blob(finals.data(), {count, c.programSize},
                                               torch::kFloat).clone();
            torch::Tensor ps = net.programHead->forward(net.encodeProgram(p)).squeeze(-1);
            // Pairs among final programs of the same group.
            std::vector<int64_t> h, l;
            std::vector<float> wt;
            std::vector<int64_t> groupOfRow(ids.size());
            for (size_t g = 0; g + 1 < groupStart.size(); ++g)
              for (int64_t k = groupStart[g]; k < groupStart[g + 1]; ++k)
                groupOfRow[k] = static_cast<int64_t>(g);
            for (int64_t a = 0; a < count; ++a)
              for (int64_t b = 0; b < count; ++b) {
                int64_t ra = finalOf[a], rb = finalOf[b];
                float gap = relevance[ra] - relevance[rb];
                if (groupOfRow[ra] == groupOfRow[rb] && gap > 1e-3f) {
                  h.push_back(a);
                  l.push_back(b);
                  wt.push_back(gap);
                }
              }
            if (!h.empty())
              loss = loss + options.programRankWeight * pairLoss(ps, h, l, wt);
          }
        }
        optimizer.zero_grad();
        loss.backward();
        torch::nn::utils::clip_grad_norm_(net.parameters(), 5.0);
        optimizer.step();
        lossSum += loss.item<double>();
        ++steps;
      }
      if (progress)
        progress(epoch, steps ? lossSum / steps : 0.0);
    }
    net.eval();
    return llvm::Error::success();
  } catch (const std::exception &e) {
    return makeError(llvm::Twine("world model training failed: ") + e.what());
  }
}


namespace {

TorchWorldModel &self(void *object) {
  return *static_cast<TorchWorldModel *>(object);
}

llvm::Expected<void *> apiCreate(const WorldModelConfig &config) {
  llvm::Expected<TorchWorldModel> model = TorchWorldModel::create(config);
  if (!model)
    return model.takeError();
  return new TorchWorldModel(std::move(*model));
}

llvm::Expected<void *> apiLoad(llvm::StringRef path) {
  llvm::Expected<TorchWorldModel> model = TorchWorldModel::load(path);
  if (!model)
    return model.takeError();
  return new TorchWorldModel(std::move(*model));
}

void apiDestroy(void *object) { delete static_cast<TorchWorldModel *>(object); }

llvm::Error apiSave(void *object, llvm::StringRef path) {
  return self(object).save(path);
}

const WorldModelConfig &apiConfig(void *object) {
  return self(object).getConfig();
}

void apiSetTarget(void *object, llvm::StringRef target) {
  self(object).setTarget(target);
}

llvm::Expected<std::vector<double>> apiScore(void *object,
                                             const FeatureBatch &batch) {
  return self(object).score(batch);
}

llvm::Expected<Embeddings> apiEmbed(void *object, const FeatureBatch &batch) {
  return self(object).embed(batch);
}

llvm::Error apiTrain(void *object, const TrainingSet &set,
                     const TrainOptions &options,
                     const std::function<void(int64_t, double)> &progress) {
  return self(object).train(set, options, progress);
}

} // namespace
} // namespace cwm

extern "C" __attribute__((visibility("default"))) const cwm::WorldModelPluginApi *
cwmWorldModelPluginApi() {
  static const cwm::WorldModelPluginApi api = {
      cwm::kWorldModelPluginAbi, cwm::apiCreate, cwm::apiLoad,
      cwm::apiDestroy,           cwm::apiSave,   cwm::apiConfig,
      cwm::apiSetTarget,         cwm::apiScore,  cwm::apiTrain,
      cwm::apiEmbed};
  return &api;
}
