//===- Validity.h - Static checks of a trace against its task ---*- C++ -*-===//
//
// Rejects invalid candidates before anything is built: unknown targets, tile
// sizes that do not match the loop count or do not divide the extents, 2-D
// convolutions decomposed without unit kh/oh tiles, vectors that would be too
// large, actions in an order the emitter cannot honour.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SCHEDULE_VALIDITY_H
#define CWM_SCHEDULE_VALIDITY_H

#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace cwm {

/// Largest number of elements a vectorized op tile may have.
constexpr int64_t kMaxVectorElements = 4096;
/// CUDA's limit of threads per block.
constexpr int64_t kMaxThreadsPerBlock = 1024;
/// Static shared memory per block (larger needs a dynamic opt-in that the
/// generated kernels do not make).
constexpr int64_t kMaxStaticSharedBytes = 48 * 1024;
/// mma: accumulator registers per thread (a warp tile's m x n over 32 lanes),
/// leaving room for fragments and addresses in the 255-register limit.
constexpr int64_t kMaxMmaAccumulatorsPerThread = 128;
/// Registers: 32-bit registers per block (every NVIDIA GPU since sm_50) and
/// per thread (the ISA's limit). A GPU schedule's estimate is its largest
/// per-thread vector of accumulators (registers held across the reduction
/// loop) plus kRegisterOverhead for fragments, addresses and indices; more
/// than either limit would spill to local memory or fail to launch.
constexpr int64_t kRegistersPerBlock = 65536;
constexpr int64_t kMaxRegistersPerThread = 255;
constexpr int64_t kRegisterOverhead = 32;
/// mma: shared memory of the staged k-slices of A (m x k) and B (k x n) of
/// `width`-byte elements (2: f16, 4: f32 for tf32), double-buffered by
/// cwm-gpu-pipeline-staging, which also pads each row by 16 bytes.
inline int64_t mmaStagingBytes(int64_t m, int64_t n, int64_t k,
                               int64_t width = 2) {
  int64_t pad = 16 / width;
  return 2 * width * (m * (k + pad) + k * (n + pad));
}
/// tf32 tensor cores round f32 inputs to 10 mantissa bits: outputs of an
/// f32 matmul then differ from the f32 reference by about 1e-3 (relative,
/// L2), so candidates that opted into tf32 are checked against this looser
/// tolerance (1e-4 otherwise).
constexpr double kTf32Tolerance = 5e-3;

/// Whether mma supports the task's element types: f16 inputs with an f16
/// or f32 result, or with `tf32` f32 inputs and result.
bool mmaTypesSupported(const TaskInfo &task, bool tf32);

/// Whether the trace runs f32 inputs through tf32 tensor cores (an mma with
/// tf32 = 1): its results are checked against kTf32Tolerance.
bool usesTf32(const Trace &trace);

/// wgmma: the output tile of one block (one warpgroup), the k-slice of one
/// pipeline stage, the stages allowed, and the shared memory the kernel
/// asks for (every stage's A and B slices, plus 1 KB to align them).
constexpr int64_t kWgmmaTileM = 128, kWgmmaTileN = 128, kWgmmaTileK = 64;
constexpr int64_t kWgmmaMinStages = 2, kWgmmaMaxStages = 6;
inline int64_t wgmmaSharedBytes(int64_t stages) {
  return stages * (kWgmmaTileM + kWgmmaTileN) * kWgmmaTileK * 2 + 1024;
}
/// Why a wgmma action with `stages` cannot run `task` (empty: it can): a
/// matmul of f16 inputs and an f32 result, alone with its fill, m and n
/// multiples of 128, k a multiple of 64 with at least `stages` slices.
std::string wgmmaUnsupportedReason(const TaskInfo &task, int64_t stages);

/// Checks `trace` against `task`; the error names the first offending action.
llvm::Error checkTrace(const Trace &trace, const TaskInfo &task);

/// The iteration-space shape of every task op after the trace's tiling
/// actions (a loop's extent becomes its innermost tile size). Assumes the
/// trace passed checkTrace().
std::vector<std::vector<int64_t>> tiledShapes(const Trace &trace,
                                              const TaskInfo &task);

/// For every action of the trace, every op's shape just before it (entry i
/// equals tiledShapes of the first i actions), from one walk of the trace.
std::vector<std::vector<std::vector<int64_t>>>
shapesBeforeEachAction(const Trace &trace, const TaskInfo &task);

} // namespace cwm

#endif // CWM_SCHEDULE_VALIDITY_H
