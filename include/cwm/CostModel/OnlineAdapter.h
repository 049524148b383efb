//===- OnlineAdapter.h - Per-workload correction of a pre-trained ranking -*- C++ -*-===//
//
// Online adaptation of the world model during one tuning run, "neural-linear"
// style: the pre-trained network is frozen, and a Bayesian linear regression
// over its last hidden layer (WorldModel::embed) learns from the workload's
// own measurements how to correct the pre-trained score. Before any
// measurement it predicts exactly the pre-trained ranking; with a few it
// moves only as far as the data supports; and its posterior gives each
// candidate an uncertainty, which the search may spend on exploration (an
// upper confidence bound) instead of eps-greedy draws alone.
//
// The regression predicts the standardized log speed, -log(seconds), of
// the workload's candidates from [1, pre-trained score, hidden layer], with
// a Gaussian prior that trusts the pre-trained score (its slope starts at
// `priorSlope`) and keeps the hidden-layer weights small. A failed
// candidate counts as somewhat slower than the slowest success.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_ONLINEADAPTER_H
#define CWM_COSTMODEL_ONLINEADAPTER_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace cwm {

struct OnlineAdapterOptions {
  /// Prior mean and standard deviation of the pre-trained score's slope (both
  /// standardized): the pre-trained ranking is believed, not known.
  double priorSlope = 0.6;
  double slopeDeviation = 0.5;
  /// Prior standard deviation of the hidden-layer weights (features scaled
  /// to unit mean square norm).
  double weightDeviation = 0.7;
  /// Standard deviation of a measurement around the linear fit
  /// (standardized units: timing noise plus what the fit cannot express).
  double noise = 0.5;
  /// How much slower than the slowest success a failure counts, in log
  /// speed (1 = e times slower).
  double failurePenalty = 1.0;
};

class OnlineAdapter {
public:
  explicit OnlineAdapter(OnlineAdapterOptions options = {})
      : options(options) {}

  /// Refits on every observation so far: `rows` holds `width` hidden
  /// features per candidate, `prior` its pre-trained score, `seconds` its
  /// measured median or 0 for a failure.
  void fit(llvm::ArrayRef<float> rows, int64_t width,
           llvm::ArrayRef<double> prior, llvm::ArrayRef<double> seconds);

  /// Whether the last fit had enough to learn from (two successes with
  /// different times); until then, rank by the pre-trained score.
  bool isReady() const { return ready; }

  /// Posterior mean and standard deviation of each candidate's standardized
  /// log speed. Only valid when isReady().
  void predict(llvm::ArrayRef<float> rows, llvm::ArrayRef<double> prior,
               std::vector<double> &mean, std::vector<double> &deviation) const;

private:
  /// The regression's inputs of one candidate.
  void featuresOf(const float *row, double prior, std::vector<double> &x) const;

  OnlineAdapterOptions options;
  bool ready = false;
  int64_t width = 0;
  int64_t size = 0; ///< width + 2
  /// Standardization of the prior scores and the features' scale.
  double priorMean = 0, priorScale = 1, featureScale = 1;
  /// Posterior mean, and the Cholesky factor L of the posterior precision
  /// (row-major, lower): covariance = (L L^T)^-1.
  std::vector<double> mean;
  std::vector<double> cholesky;
};

} // namespace cwm

#endif // CWM_COSTMODEL_ONLINEADAPTER_H
