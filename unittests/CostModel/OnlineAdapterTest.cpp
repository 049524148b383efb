//===- OnlineAdapterTest.cpp - Bayesian linear correction of a ranking ----===//

#include "cwm/CostModel/OnlineAdapter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace cwm;

namespace {

/// Candidates with `width` random features; the true log speed is a linear
/// function of feature 0 that the prior score ignores.
struct Problem {
  int64_t width = 8;
  std::vector<float> rows;
  std::vector<double> prior, seconds;
  void add(std::mt19937 &rng) {
    std::normal_distribution<float> normal;
    float first = normal(rng);
    rows.push_back(first);
    for (int64_t j = 1; j < width; ++j)
      rows.push_back(normal(rng));
    prior.push_back(normal(rng)); // unrelated to speed
    seconds.push_back(std::exp(-first));
  }
};

TEST(OnlineAdapterTest, NotReadyWithoutTwoDistinctSuccesses) {
  OnlineAdapter adapter;
  std::vector<float> rows = {1, 2, 3, 4};
  adapter.fit(rows, 2, {0.5, 0.1}, {0.0, 1e-3});
  EXPECT_FALSE(adapter.isReady());
  adapter.fit(rows, 2, {0.5, 0.1}, {1e-3, 1e-3});
  EXPECT_FALSE(adapter.isReady());
  // Sizes that do not match are refused, not read past.
  adapter.fit(rows, 3, {0.5, 0.1}, {1e-3, 2e-3});
  EXPECT_FALSE(adapter.isReady());
}

TEST(OnlineAdapterTest, FollowsAGoodPriorWithFewMeasurements) {
  // The prior score is the truth: after two measurements the ranking of new
  // candidates is the prior's.
  std::vector<float> rows = {0, 0, 0, 0};
  OnlineAdapter adapter;
  adapter.fit(rows, 2, {1.0, -1.0}, {1e-3, 4e-3});
  ASSERT_TRUE(adapter.isReady());
  std::vector<double> mean, deviation;
  adapter.predict(std::vector<float>(6, 0.0f), {2.0, 0.0, -2.0}, mean,
                  deviation);
  EXPECT_GT(mean[0], mean[1]);
  EXPECT_GT(mean[1], mean[2]);
}

TEST(OnlineAdapterTest, LearnsWhatThePriorMisses) {
  std::mt19937 rng(7);
  Problem learn, test;
  for (int i = 0; i < 24; ++i)
    learn.add(rng);
  for (int i = 0; i < 50; ++i)
    test.add(rng);
  OnlineAdapter adapter;
  adapter.fit(learn.rows, learn.width, learn.prior, learn.seconds);
  ASSERT_TRUE(adapter.isReady());
  std::vector<double> mean, deviation;
  adapter.predict(test.rows, test.prior, mean, deviation);
  // Pairwise agreement with the true order on unseen candidates.
  int right = 0, pairs = 0;
  for (size_t a = 0; a < mean.size(); ++a)
    for (size_t b = 0; b < mean.size(); ++b)
      if (test.seconds[a] < test.seconds[b]) {
        ++pairs;
        right += mean[a] > mean[b];
      }
  EXPECT_GT(double(right) / pairs, 0.85);
  for (double d : deviation)
    EXPECT_GT(d, 0.0);
}

TEST(OnlineAdapterTest, UncertaintyShrinksWithData) {
  std::mt19937 rng(3);
  Problem few, many, probe;
  for (int i = 0; i < 4; ++i)
    few.add(rng);
  many = few;
  for (int i = 0; i < 60; ++i)
    many.add(rng);
  for (int i = 0; i < 10; ++i)
    probe.add(rng);
  OnlineAdapter a, b;
  a.fit(few.rows, few.width, few.prior, few.seconds);
  b.fit(many.rows, many.width, many.prior, many.seconds);
  ASSERT_TRUE(a.isReady() && b.isReady());
  std::vector<double> meanA, devA, meanB, devB;
  a.predict(probe.rows, probe.prior, meanA, devA);
  b.predict(probe.rows, probe.prior, meanB, devB);
  double sumA = 0, sumB = 0;
  for (size_t i = 0; i < devA.size(); ++i) {
    sumA += devA[i];
    sumB += devB[i];
  }
  EXPECT_LT(sumB, sumA);
}

TEST(OnlineAdapterTest, FailuresRankBelowSuccesses) {
  // Feature 0 separates the failures (1) from the successes (0).
  std::vector<float> rows;
  std::vector<double> prior, seconds;
  for (int i = 0; i < 12; ++i) {
    bool failed = i % 3 == 0;
    rows.push_back(failed ? 1.0f : 0.0f);
    rows.push_back(float(i % 5) * 0.1f);
    prior.push_back(0.0);
    seconds.push_back(failed ? 0.0 : 1e-3 * (1 + i % 4));
  }
  OnlineAdapter adapter;
  adapter.fit(rows, 2, prior, seconds);
  ASSERT_TRUE(adapter.isReady());
  std::vector<double> mean, deviation;
  adapter.predict({1.0f, 0.2f, 0.0f, 0.2f}, {0.0, 0.0}, mean, deviation);
  EXPECT_LT(mean[0], mean[1]);
}

} // namespace
