//===- EnsembleTest.cpp - Seed ensembles of world models ------------------===//

#include "cwm/WorldModel/Ensemble.h"

#include <gtest/gtest.h>

using namespace cwm;

namespace {

TEST(EnsembleTest, OneMemberKeepsItsOrderAndHasNoDeviation) {
  EnsembleScores e = combineMemberScores({{3.0, -1.0, 7.0}});
  ASSERT_EQ(e.mean.size(), 3u);
  EXPECT_GT(e.mean[2], e.mean[0]);
  EXPECT_GT(e.mean[0], e.mean[1]);
  for (double d : e.deviation)
    EXPECT_EQ(d, 0.0);
}

TEST(EnsembleTest, ScalesDoNotLetOneMemberDominate) {
  // The second member's scores are 1000 times larger but rank the other
  // way round on the first two candidates; standardized, the two agree on
  // candidate 2 (best in both) and cancel on 0 and 1.
  EnsembleScores e = combineMemberScores({{1.0, 2.0, 3.0}, {2000.0, 1000.0, 3000.0}});
  EXPECT_GT(e.mean[2], e.mean[0]);
  EXPECT_GT(e.mean[2], e.mean[1]);
  EXPECT_NEAR(e.mean[0], e.mean[1], 1e-9);
  // Agreement has no deviation, disagreement has some.
  EXPECT_NEAR(e.deviation[2], 0.0, 1e-9);
  EXPECT_GT(e.deviation[0], 0.5);
  EXPECT_GT(e.deviation[1], 0.5);
}

TEST(EnsembleTest, AMemberThatScoresAllAlikeAddsNothing) {
  EnsembleScores alone = combineMemberScores({{1.0, 5.0, 2.0}});
  EnsembleScores with = combineMemberScores({{1.0, 5.0, 2.0}, {4.0, 4.0, 4.0}});
  for (size_t i = 0; i < 3; ++i)
    EXPECT_NEAR(with.mean[i], alone.mean[i] / 2, 1e-9);
}

TEST(EnsembleTest, NoMembersNoScores) {
  EnsembleScores e = combineMemberScores({});
  EXPECT_TRUE(e.mean.empty());
  EXPECT_TRUE(e.deviation.empty());
}

TEST(EnsembleTest, ModelListsSplitOnCommas) {
  EXPECT_EQ(splitModelPaths("a.pt"), (std::vector<std::string>{"a.pt"}));
  EXPECT_EQ(splitModelPaths("a.pt, b.pt,,c.pt"),
            (std::vector<std::string>{"a.pt", "b.pt", "c.pt"}));
  EXPECT_TRUE(splitModelPaths("").empty());
}

} // namespace
