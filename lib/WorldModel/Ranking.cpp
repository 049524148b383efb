//===- Ranking.cpp - Ranking-quality metrics ------------------------------===//

#include "cwm/WorldModel/WorldModel.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

namespace cwm {

RankingMetrics evaluateRanking(const TrainingSet &set,
                               llvm::ArrayRef<double> scores) {
  std::map<int64_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < set.group.size() && i < scores.size(); ++i)
    groups[set.group[i]].push_back(i);
  RankingMetrics metrics;
  for (auto &[id, members] : groups) {
    // Only groups with at least two successes say anything about ranking.
    std::vector<size_t> ok;
    for (size_t i : members)
      if (set.seconds[i] > 0)
        ok.push_back(i);
    if (ok.size() < 2)
      continue;
    double best = set.seconds[ok.front()];
    for (size_t i : ok)
      best = std::min(best, set.seconds[i]);
    // Pairwise accuracy and Kendall tau over successes (ties in time skipped).
    int64_t concordant = 0, discordant = 0;
    for (size_t a = 0; a < ok.size(); ++a)
      for (size_t b = a + 1; b < ok.size(); ++b) {
        double dt = set.seconds[ok[a]] - set.seconds[ok[b]];
        double ds = scores[ok[a]] - scores[ok[b]];
        if (dt == 0 || ds == 0)
          continue;
        // Faster (smaller time) should get the higher score.
        if ((dt < 0) == (ds > 0))
          ++concordant;
        else
          ++discordant;
      }
    int64_t pairs = concordant + discordant;
    // Top-k over all candidates (a failure in the top-k contributes nothing).
    std::vector<size_t> order = members;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return scores[a] > scores[b]; });
    auto topK = [&](size_t k) {
      double found = 0;
      for (size_t i = 0; i < std::min(k, order.size()); ++i)
        if (set.seconds[order[i]] > 0)
          found = std::max(found, best / set.seconds[order[i]]);
      return found;
    };
    metrics.pairwiseAccuracy += pairs ? double(concordant) / pairs : 0.5;
    metrics.kendallTau += pairs ? double(concordant - discordant) / pairs : 0.0;
    metrics.top1 += topK(1);
    metrics.top5 += topK(5);
    ++metrics.groups;
  }
  if (metrics.groups) {
    metrics.pairwiseAccuracy /= metrics.groups;
    metrics.kendallTau /= metrics.groups;
    metrics.top1 /= metrics.groups;
    metrics.top5 /= metrics.groups;
  }
  return metrics;
}

RankingMetrics randomRanking(const TrainingSet &set, int draws) {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> uniform(0, 1);
  RankingMetrics sum;
  for (int d = 0; d < draws; ++d) {
    std::vector<double> scores(set.seconds.size());
    for (double &s : scores)
      s = uniform(rng);
    RankingMetrics m = evaluateRanking(set, scores);
    sum.pairwiseAccuracy += m.pairwiseAccuracy / draws;
    sum.kendallTau += m.kendallTau / draws;
    sum.top1 += m.top1 / draws;
    sum.top5 += m.top5 / draws;
    sum.groups = m.groups;
  }
  return sum;
}

llvm::json::Value toJSON(const RankingMetrics &m) {
  return llvm::json::Object{{"pairwise_accuracy", m.pairwiseAccuracy},
                            {"kendall_tau", m.kendallTau},
                            {"top1", m.top1},
                            {"top5", m.top5},
                            {"groups", m.groups}};
}

} // namespace cwm
