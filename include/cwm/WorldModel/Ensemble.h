//===- Ensemble.h - Several world models scored as one -----------*- C++ -*-===//
//
// A seed ensemble: world models trained alike but from different seeds score
// the same candidates; their mean ranks more steadily than any one member,
// and their disagreement is an uncertainty estimate the search can spend on
// exploration (an upper confidence bound). Scores of different networks have
// different scales, so each member's scores are standardized over the scored
// candidates before they are combined.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_WORLDMODEL_ENSEMBLE_H
#define CWM_WORLDMODEL_ENSEMBLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cwm {

struct EnsembleScores {
  std::vector<double> mean;      ///< per candidate: the members' mean
  std::vector<double> deviation; ///< per candidate: their standard deviation
};

/// Combines the scores each member gave the same candidates (one vector per
/// member, all of one length): each member's scores are standardized over the
/// candidates (mean 0, standard deviation 1; a member that scores them all
/// alike contributes zeros), then averaged; the deviation is the standard
/// deviation across members (0 with one member).
EnsembleScores combineMemberScores(llvm::ArrayRef<std::vector<double>> members);

/// The model files of a `model=` value: one path, or several separated by
/// commas (a seed ensemble). Empty entries are dropped.
std::vector<std::string> splitModelPaths(llvm::StringRef value);

} // namespace cwm

#endif // CWM_WORLDMODEL_ENSEMBLE_H
