//===- WorldModel.h - Latent dynamics over schedule actions -----*- C++ -*-===//
//
// The compiler world model: an encoder maps a task's and the hardware's
// features to a latent state z0; a transition model rolls each action of a
// trace forward, z(t+1) = z(t) + T(z(t), a(t)); a head scores the final state
// together with pooled action features and the hardware features. Rollouts of
// thousands of traces run batched and never touch IR.
//
// This header is torch-free: the implementation (LibTorch, exceptions on) is
// hidden behind it, and every failure comes back as llvm::Error. Inputs are
// the plain float vectors of cwm/CostModel/Features.h.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_WORLDMODEL_WORLDMODEL_H
#define CWM_WORLDMODEL_WORLDMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cwm {

/// The model file format version; a file of another version is refused.
constexpr int64_t kWorldModelFileVersion = 1;
/// The largest size of any layer a model file may declare (features, latent,
/// hidden, embedding): 16 times the largest cwm uses.
constexpr int64_t kMaxWorldModelSize = 16384;

struct WorldModelConfig {
  int64_t taskSize = 0;     ///< feature sizes (from Features.h)
  int64_t actionSize = 0;
  int64_t hardwareSize = 0;
  /// Size of the program features of (intermediate) programs that the
  /// latent-consistency loss encodes; 0 = no consistency loss.
  int64_t programSize = 0;
  int64_t featureVersion = 0;
  int64_t latent = 128;     ///< size of z
  int64_t hidden = 256;     ///< width of the MLPs
  int64_t actionEmbed = 64; ///< size of an action's embedding
  /// Ablation: z(T) = z0 + sum of projected action embeddings (the
  /// transition ignores the state).
  bool ablateTransition = false;
  uint64_t seed = 0;
  /// The target whose measurements trained it ("cpu", "cuda"); empty for a
  /// file written before targets were recorded.
  std::string target;
};

/// Candidates to roll out. Contexts (task + hardware) are stored once; each
/// candidate names its context and owns a run of rows of `actions`.
struct FeatureBatch {
  std::vector<float> tasks;       ///< contexts x taskSize
  std::vector<float> hardware;    ///< contexts x hardwareSize
  std::vector<int64_t> contextOf; ///< per candidate
  std::vector<float> actions;     ///< (sum of lengths) x actionSize
  std::vector<int64_t> lengths;   ///< per candidate

  size_t numCandidates() const { return lengths.size(); }
  size_t numContexts(int64_t taskSize) const {
    return taskSize ? tasks.size() / taskSize : 0;
  }
  /// Appends a context; returns its index.
  int64_t addContext(llvm::ArrayRef<float> task, llvm::ArrayRef<float> hw);
  void addCandidate(int64_t context,
                    const std::vector<std::vector<float>> &actionRows);
};

/// For the latent-consistency loss: the features of the program obtained by
/// really applying the first `step` actions of a candidate (0 = the
/// untransformed task). Computed for training data only.
struct ConsistencyTarget {
  int64_t candidate = 0;
  int64_t step = 0;
  std::vector<float> program;
};

/// Measured candidates for training: a batch plus, per candidate, its group
/// (candidates are only compared within a group: one workload on one
/// machine) and its measured outcome.
struct TrainingSet {
  FeatureBatch batch;
  std::vector<int64_t> group;
  /// Median seconds, or 0 for a candidate that failed (built or ran wrong):
  /// failures rank below every success of their group.
  std::vector<double> seconds;
  /// Optional; used when the model has a program encoder (programSize > 0).
  std::vector<ConsistencyTarget> consistency;
};

struct TrainOptions {
  int64_t epochs = 30;
  int64_t groupsPerStep = 16;
  int64_t candidatesPerGroup = 48;
  double learningRate = 1e-3;
  double weightDecay = 1e-5;
  /// Weight of the latent-consistency loss ||z(t) - sg(P(program_t))||^2 and
  /// of the auxiliary ranking loss that trains the program encoder P on the
  /// final programs.
  double consistencyWeight = 0.5;
  double programRankWeight = 0.5;
  /// Weight of a listwise loss (ListNet: cross-entropy between the softmax
  /// of the scores over a group and the softmax of the relevances divided by
  /// `listwiseTemperature`, which puts the weight on the group's fastest)
  /// added to the pairwise one; 0 = pairwise only.
  double listwiseWeight = 0.0;
  double listwiseTemperature = 0.1;
  bool quiet = false;
  uint64_t seed = 0;
};

/// Scores with the features they are a linear function of: the head's last
/// hidden layer per candidate (row-major, `width` values per candidate).
/// Online adaptation fits a correction of the pre-trained ranking on them.
struct Embeddings {
  int64_t width = 0;
  std::vector<float> values;
  std::vector<double> scores;
};

/// Ranking quality of scores against measurements, averaged over groups.
struct RankingMetrics {
  double pairwiseAccuracy = 0; ///< ordered pairs of successes ranked right
  double kendallTau = 0;
  double top1 = 0;  ///< best seconds / seconds of the model's top-1
  double top5 = 0;  ///< best seconds / best seconds among the model's top-5
  int64_t groups = 0;
};

RankingMetrics evaluateRanking(const TrainingSet &set,
                               llvm::ArrayRef<double> scores);

/// The mean metrics of `draws` uniformly random rankings of `set` (a fixed
/// seed, so reports are reproducible): the floor every model must beat.
RankingMetrics randomRanking(const TrainingSet &set, int draws = 20);

/// {pairwise_accuracy, kendall_tau, top1, top5, groups}.
llvm::json::Value toJSON(const RankingMetrics &metrics);

class WorldModel {
public:
  ~WorldModel();
  WorldModel(WorldModel &&);
  WorldModel &operator=(WorldModel &&);

  /// A freshly initialized model (weights from config.seed).
  static llvm::Expected<WorldModel> create(const WorldModelConfig &config);
  /// Loads a model file; an unreadable or corrupt file, or one of another
  /// format or feature version, is an error naming the problem.
  static llvm::Expected<WorldModel> load(llvm::StringRef path);
  llvm::Error save(llvm::StringRef path) const;

  const WorldModelConfig &getConfig() const;
  /// Records the target the model is for (saved with it).
  void setTarget(llvm::StringRef target);

  /// One score per candidate (higher = predicted faster).
  llvm::Expected<std::vector<double>> score(const FeatureBatch &batch) const;
  /// Scores and the last hidden layer of the head, in one rollout.
  llvm::Expected<Embeddings> embed(const FeatureBatch &batch) const;

  /// Fits feature normalization to `set` (first call only) and trains with
  /// the within-group ranking loss. `progress` gets (epoch, loss).
  llvm::Error train(const TrainingSet &set, const TrainOptions &options,
                    const std::function<void(int64_t, double)> &progress = {});

private:
  struct Impl;
  explicit WorldModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace cwm

#endif // CWM_WORLDMODEL_WORLDMODEL_H
