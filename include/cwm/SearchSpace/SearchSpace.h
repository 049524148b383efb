//===- SearchSpace.h - Rules that sample schedules --------------*- C++ -*-===//
//
// A search space samples Traces for a task without touching IR. Rules
// (parallelize, multi-level tiling, decomposition, vectorization, hoisting,
// unrolling) each draw their decisions from a Sampler, which records every
// choice; a mutator replays the recorded choices of a trace with one choice
// redrawn, so derived decisions (a fill's tile follows its matmul's) stay
// consistent (the MetaSchedule idea of traces of sampled decisions).
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCHSPACE_SEARCHSPACE_H
#define CWM_SEARCHSPACE_SEARCHSPACE_H

#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <optional>
#include <random>
#include <vector>

namespace cwm {

/// Draws decisions and records them; can replay a recorded list.
class Sampler {
public:
  explicit Sampler(std::mt19937_64 &rng) : rng(rng) {}
  Sampler(std::mt19937_64 &rng, std::vector<int64_t> replay)
      : rng(rng), replay(std::move(replay)) {}
  /// A sampler whose i-th draw takes the candidate nearest to `values[i]`
  /// (the decision values another task's trace drew: a tile size of 48
  /// becomes the nearest size this task's rule offers), random past them.
  static Sampler guidedBy(std::mt19937_64 &rng, std::vector<int64_t> values) {
    Sampler sampler(rng);
    sampler.guide = std::move(values);
    return sampler;
  }

  /// Picks one of `candidates` (must not be empty).
  int64_t choose(llvm::ArrayRef<int64_t> candidates);
  /// The position of each draw in its candidates, and the value it took.
  const std::vector<int64_t> &getChoices() const { return choices; }
  const std::vector<int64_t> &getValues() const { return values; }

private:
  std::mt19937_64 &rng;
  std::vector<int64_t> replay;
  std::vector<int64_t> guide;
  std::vector<int64_t> choices;
  std::vector<int64_t> values;
};

class SearchSpace {
public:
  virtual ~SearchSpace();
  /// A random valid trace for `task` (choices recorded in the trace).
  virtual Trace sample(const TaskInfo &task, std::mt19937_64 &rng) const = 0;
  /// `trace` with one sampled decision changed; nullopt if no valid mutant
  /// was found.
  virtual std::optional<Trace> mutate(const TaskInfo &task, const Trace &trace,
                                      std::mt19937_64 &rng) const = 0;
  /// Builds the trace a recorded list of choices stands for.
  virtual Trace replay(const TaskInfo &task, std::vector<int64_t> choices,
                       std::mt19937_64 &rng) const = 0;
  /// A child whose recorded choices come, position by position, from one
  /// parent or the other (uniform crossover), replayed into a valid trace;
  /// nullopt if a parent has no recorded choices.
  std::optional<Trace> crossover(const TaskInfo &task, const Trace &a,
                                 const Trace &b, std::mt19937_64 &rng) const;
  /// The family of kernels `trace` (a schedule of `task`) belongs to if the
  /// search must measure some of that family for every workload (empty: no
  /// such family). A family of few schedules (a handful of pipeline depths)
  /// is otherwise drowned among the hundreds of others in a population, and
  /// a cost model that never saw it ranks it at random; where a model ranks
  /// one family above all the rest, the rest may need to be a family too.
  virtual llvm::StringRef mustTryFamily(const TaskInfo &task,
                                        const Trace &trace) const {
    return "";
  }
  /// How many members of must-try `family` the search measures on a
  /// workload before the ranking alone decides, unless the search's options
  /// say (SearchOptions::mustTryMembers).
  virtual int64_t mustTryMembers(llvm::StringRef family) const { return 1; }
  /// The decision values the recorded `choices` draw on `task`, in order
  /// (empty where the space records no choices).
  virtual std::vector<int64_t>
  decisionValues(const TaskInfo &task, const std::vector<int64_t> &choices,
                 std::mt19937_64 &rng) const {
    return {};
  }
  /// A valid trace for `task` whose draws take the values nearest to
  /// `values` (decisionValues of a trace of a similar task): a schedule
  /// carried over from another shape; nullopt if it fails the checks.
  virtual std::optional<Trace> transfer(const TaskInfo &task,
                                        const std::vector<int64_t> &values,
                                        std::mt19937_64 &rng) const {
    return std::nullopt;
  }
};

struct CpuSpaceOptions {
  int64_t threads = 2;
  /// f32 lanes of the widest vector register.
  int64_t vectorLanes = 16;
  /// Sample pack_weights for grouped convolutions (three samples in four).
  bool packWeights = true;
  /// Sample pack_b for matmuls whose B is read as K x N rows and is a
  /// model's weight (one sample in two of those whose anchor is vectorized
  /// and not padded).
  bool packB = true;
  /// Sample register tiles that do not divide a matmul's extents, padded
  /// (`pad`), where the dividing ones are poor: rows 4 or 8 where no divisor
  /// of the parallel tile's rows from 4 to 16 exists, columns of one or two
  /// vectors where no multiple of the vector divides its columns.
  bool raggedTiles = true;
  /// Sample tile_reduction for row reductions (three samples in four of
  /// the vectorized ones).
  bool tileReduction = true;
  /// Sample winograd for 3 x 3 stride-1 f32 convolutions (F(2x2, 3x3) and
  /// F(4x4, 3x3) one sample in four each, where the tile divides the
  /// output).
  bool winograd = true;
  /// On a convolution Winograd can take, the schedules without it are a
  /// must-try family of their own ("direct"; false: only the Winograd tile
  /// sizes are, as before the twentieth session).
  bool directFamily = true;
};

std::unique_ptr<SearchSpace> createCpuSearchSpace(CpuSpaceOptions options);

struct CudaSpaceOptions {
  /// Largest block tile per mapped loop, and largest per-thread tile.
  int64_t maxBlockTile = 128;
  int64_t maxThreadTile = 8;
  /// Sample tensor cores for f32 matmuls too, rounding their inputs to tf32
  /// (results within kTf32Tolerance of f32, not bitwise f32 accuracy).
  bool allowTf32 = false;
  /// Sample Hopper's TMA + warpgroup-MMA kernels (wgmma) for f16 matmuls:
  /// the target is an sm_90 GPU (H100, H200).
  bool hopper = false;
  /// Sample the CUDA-core f32 GEMM kernel (simt_gemm) for f32 matmuls.
  bool simtGemm = true;
};

/// GPU schedules (map_blocks, map_threads) for tasks whose ops share the
/// root's output dimensions (contractions, convolutions, elementwise ops).
std::unique_ptr<SearchSpace> createCudaSearchSpace(CudaSpaceOptions options);

} // namespace cwm

#endif // CWM_SEARCHSPACE_SEARCHSPACE_H
