//===- SnapshotModel.h - XGBoost over features of lowered candidates -*- C++ -*-===//
//
// The baseline the world model must beat, built the way Ansor and
// MetaSchedule build theirs: every candidate it scores is applied to the IR
// and lowered (ProgramFeatures), and gradient-boosted trees (XGBoost,
// rank:pairwise within each task) rank the feature vectors. That per-candidate
// cost is part of what the evaluation compares.
//
// Cold: no trees until the first measurements (scores are then random), and
// the trees are refit on everything measured after each round. Pre-trained:
// starts from trees fit offline (cwm-train --kind=snapshot) and adds trees
// fit on each round's measurements.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_SNAPSHOTMODEL_H
#define CWM_COSTMODEL_SNAPSHOTMODEL_H

#include "cwm/CostModel/CostModel.h"

#include <memory>
#include <string>
#include <vector>

namespace cwm {

/// Rows of program features with per-group relevance labels.
struct RankingMatrix {
  int64_t columns = 0;
  std::vector<float> values;          ///< rows x columns
  std::vector<float> labels;          ///< relevance per row (higher = faster)
  std::vector<unsigned> groupSizes;   ///< consecutive rows per group

  size_t rows() const { return columns ? values.size() / columns : 0; }
};

/// Gradient-boosted trees behind XGBoost's C API.
class TreeRanker {
public:
  ~TreeRanker();
  TreeRanker(TreeRanker &&other);
  TreeRanker &operator=(TreeRanker &&other);

  /// Fits `rounds` trees (rank:pairwise), continuing from `base` if given.
  static llvm::Expected<TreeRanker> fit(const RankingMatrix &data,
                                        int64_t rounds, uint64_t seed,
                                        const TreeRanker *base = nullptr);
  static llvm::Expected<TreeRanker> load(llvm::StringRef path);
  llvm::Error save(llvm::StringRef path) const;
  llvm::Expected<std::vector<double>> predict(const std::vector<float> &values,
                                              int64_t columns) const;

private:
  explicit TreeRanker(void *booster) : booster(booster) {}
  void *booster = nullptr;
};

/// The snapshot cost model; `pretrainedPath` empty = cold.
llvm::Expected<std::unique_ptr<CostModel>>
createSnapshotCostModel(llvm::StringRef pretrainedPath, uint64_t seed);

} // namespace cwm

#endif // CWM_COSTMODEL_SNAPSHOTMODEL_H
