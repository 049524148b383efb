//===- SlurmOptionsTest.cpp - What runner=slurm passes to sbatch ----------===//

#include "cwm/Measure/CandidateRunner.h"

#include "gtest/gtest.h"

using namespace cwm;

TEST(SlurmOptionsTest, NamedOptionsBecomeQuotedSbatchArguments) {
  SlurmOptions options;
  EXPECT_EQ(options.toArguments(), "");
  options.partition = "gpu";
  options.account = "ml's";
  options.timeLimit = "0:30:00";
  options.gpusPerJob = 2;
  options.extraArguments = "--qos=high";
  EXPECT_EQ(options.toArguments(),
            "--partition='gpu' --account='ml'\\''s' --time='0:30:00' "
            "--gpus='2' --qos=high");
}
