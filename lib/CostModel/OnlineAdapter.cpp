//===- OnlineAdapter.cpp - Bayesian linear correction of a ranking --------===//

#include "cwm/CostModel/OnlineAdapter.h"

#include <algorithm>
#include <cmath>

namespace cwm {

void OnlineAdapter::featuresOf(const float *row, double prior,
                               std::vector<double> &x) const {
  x.resize(size);
  x[0] = 1.0;
  x[1] = (prior - priorMean) * priorScale;
  for (int64_t j = 0; j < width; ++j)
    x[2 + j] = row[j] * featureScale;
}

void OnlineAdapter::fit(llvm::ArrayRef<float> rows, int64_t rowWidth,
                        llvm::ArrayRef<double> prior,
                        llvm::ArrayRef<double> seconds) {
  ready = false;
  size_t n = seconds.size();
  if (rowWidth <= 0 || prior.size() != n ||
      rows.size() != n * static_cast<size_t>(rowWidth))
    return;
  // Targets: log speed; a failure somewhat below the slowest success.
  std::vector<double> y(n);
  double slowest = 0, fastest = 0;
  size_t successes = 0;
  for (size_t i = 0; i < n; ++i)
    if (seconds[i] > 0) {
      y[i] = -std::log(seconds[i]);
      slowest = successes ? std::min(slowest, y[i]) : y[i];
      fastest = successes ? std::max(fastest, y[i]) : y[i];
      ++successes;
    }
  if (successes < 2 || fastest - slowest < 1e-9)
    return;
  for (size_t i = 0; i < n; ++i)
    if (seconds[i] <= 0)
      y[i] = slowest - options.failurePenalty;
  auto standardize = [](llvm::ArrayRef<double> values, double &mean,
                        double &scale) {
    mean = 0;
    for (double v : values)
      mean += v;
    mean /= values.size();
    double variance = 0;
    for (double v : values)
      variance += (v - mean) * (v - mean);
    variance /= values.size();
    scale = variance > 1e-18 ? 1.0 / std::sqrt(variance) : 0.0;
  };
  double yMean, yScale;
  standardize(y, yMean, yScale);
  for (double &v : y)
    v = (v - yMean) * yScale;
  standardize(prior, priorMean, priorScale);
  width = rowWidth;
  size = width + 2;
  double squares = 0;
  for (float v : rows)
    squares += double(v) * v;
  squares /= n;
  featureScale = squares > 1e-18 ? 1.0 / std::sqrt(squares) : 1.0;

  // Posterior precision A = prior precision + X^T X / noise^2, and
  // b = prior precision * prior mean + X^T y / noise^2.
  std::vector<double> a(size * size, 0.0), b(size, 0.0);
  a[0] = 1e-4;
  a[size + 1] = 1.0 / (options.slopeDeviation * options.slopeDeviation);
  b[1] = a[size + 1] * options.priorSlope;
  for (int64_t j = 2; j < size; ++j)
    a[j * size + j] = 1.0 / (options.weightDeviation * options.weightDeviation);
  double inverseNoise = 1.0 / (options.noise * options.noise);
  std::vector<double> x;
  for (size_t i = 0; i < n; ++i) {
    featuresOf(rows.data() + i * width, prior[i], x);
    for (int64_t r = 0; r < size; ++r) {
      if (x[r] == 0.0)
        continue;
      double xr = x[r] * inverseNoise;
      b[r] += xr * y[i];
      for (int64_t c = 0; c <= r; ++c)
        a[r * size + c] += xr * x[c];
    }
  }
  // Cholesky factor of A (lower triangle; A is positive definite: the
  // prior precision is).
  cholesky.assign(size * size, 0.0);
  for (int64_t r = 0; r < size; ++r)
    for (int64_t c = 0; c <= r; ++c) {
      double sum = a[r * size + c];
      for (int64_t k = 0; k < c; ++k)
        sum -= cholesky[r * size + k] * cholesky[c * size + k];
      if (r == c) {
        if (sum <= 0)
          return;
        cholesky[r * size + r] = std::sqrt(sum);
      } else {
        cholesky[r * size + c] = sum / cholesky[c * size + c];
      }
    }
  // mean = A^-1 b: L u = b, then L^T mean = u.
  mean.assign(size, 0.0);
  std::vector<double> u(size);
  for (int64_t r = 0; r < size; ++r) {
    double sum = b[r];
    for (int64_t k = 0; k < r; ++k)
      sum -= cholesky[r * size + k] * u[k];
    u[r] = sum / cholesky[r * size + r];
  }
  for (int64_t r = size - 1; r >= 0; --r) {
    double sum = u[r];
    for (int64_t k = r + 1; k < size; ++k)
      sum -= cholesky[k * size + r] * mean[k];
    mean[r] = sum / cholesky[r * size + r];
  }
  ready = true;
}

void OnlineAdapter::predict(llvm::ArrayRef<float> rows,
                            llvm::ArrayRef<double> prior,
                            std::vector<double> &out,
                            std::vector<double> &deviation) const {
  size_t n = prior.size();
  out.assign(n, 0.0);
  deviation.assign(n, 0.0);
  if (!ready || rows.size() != n * static_cast<size_t>(width))
    return;
  std::vector<double> x, v(size);
  for (size_t i = 0; i < n; ++i) {
    featuresOf(rows.data() + i * width, prior[i], x);
    double m = 0;
    for (int64_t j = 0; j < size; ++j)
      m += x[j] * mean[j];
    // Variance of the mean function: x^T A^-1 x = |L^-1 x|^2.
    double variance = 0;
    for (int64_t r = 0; r < size; ++r) {
      double sum = x[r];
      for (int64_t k = 0; k < r; ++k)
        sum -= cholesky[r * size + k] * v[k];
      v[r] = sum / cholesky[r * size + r];
      variance += v[r] * v[r];
    }
    out[i] = m;
    deviation[i] = std::sqrt(variance);
  }
}

} // namespace cwm
