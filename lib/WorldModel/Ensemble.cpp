//===- Ensemble.cpp - Several world models scored as one ------------------===//

#include "cwm/WorldModel/Ensemble.h"

#include "llvm/ADT/SmallVector.h"

#include <cassert>
#include <cmath>

namespace cwm {

EnsembleScores combineMemberScores(llvm::ArrayRef<std::vector<double>> members) {
  EnsembleScores out;
  if (members.empty())
    return out;
  size_t n = members.front().size();
  out.mean.assign(n, 0.0);
  out.deviation.assign(n, 0.0);
  std::vector<std::vector<double>> standardized;
  for (const std::vector<double> &scores : members) {
    assert(scores.size() == n && "every member scores every candidate");
    if (scores.size() != n) { // never read past a short member
      standardized.emplace_back(n, 0.0);
      continue;
    }
    double mean = 0, square = 0;
    for (double s : scores)
      mean += s;
    mean /= std::max<size_t>(n, 1);
    for (double s : scores)
      square += (s - mean) * (s - mean);
    double deviation = std::sqrt(square / std::max<size_t>(n, 1));
    std::vector<double> z(n, 0.0);
    if (deviation > 1e-12 && std::isfinite(deviation))
      for (size_t i = 0; i < n; ++i)
        z[i] = (scores[i] - mean) / deviation;
    standardized.push_back(std::move(z));
  }
  double k = static_cast<double>(standardized.size());
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (const std::vector<double> &z : standardized)
      sum += z[i];
    out.mean[i] = sum / k;
    double square = 0;
    for (const std::vector<double> &z : standardized)
      square += (z[i] - out.mean[i]) * (z[i] - out.mean[i]);
    out.deviation[i] = std::sqrt(square / k);
  }
  return out;
}

std::vector<std::string> splitModelPaths(llvm::StringRef value) {
  llvm::SmallVector<llvm::StringRef> parts;
  value.split(parts, ',', -1, /*KeepEmpty=*/false);
  std::vector<std::string> paths;
  for (llvm::StringRef part : parts)
    if (!part.trim().empty())
      paths.push_back(part.trim().str());
  return paths;
}

} // namespace cwm
