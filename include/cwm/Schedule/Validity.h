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

#include <optional>
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

/// wgmma: a block computes a 128 x n tile of the output (n = 128 or 256)
/// with one or two warpgroups (128 or 64 rows each), from k-slices of 64
/// in a ring of `stages` shared-memory buffers. With `producer`, one more
/// warpgroup only loads the ring (the consumers release each stage on an
/// mbarrier instead of a block barrier per slice); `raster` > 0 launches
/// blocks in groups of that many block rows (L2 reuse of B's columns).
constexpr int64_t kWgmmaTileM = 128, kWgmmaTileK = 64;
constexpr int64_t kWgmmaMinStages = 2, kWgmmaMaxStages = 6;
/// Dynamic shared memory a block may ask for on H100 / H200 (227 KB), less
/// the 1 KB its mbarriers take once aligned.
constexpr int64_t kWgmmaMaxSharedBytes = 227 * 1024 - 1024;
/// The block-row group sizes `raster` may take (0: plain row order).
constexpr int64_t kWgmmaRasterGroups[] = {0, 4, 8, 16};
struct WgmmaConfig {
  int64_t stages = 0;
  int64_t blockN = 128;
  int64_t warpgroups = 1;
  int64_t producer = 0;
  int64_t raster = 0;
  /// The decisions of a wgmma action ("n", "warpgroups", "producer" and
  /// "raster" default to 128, 1, 0 and 0).
  static WgmmaConfig of(const Action &action) {
    return {action.getInt("stages", 0), action.getInt("n", 128),
            action.getInt("warpgroups", 1), action.getInt("producer", 0),
            action.getInt("raster", 0)};
  }
  int64_t sliceBytes() const { return (kWgmmaTileM + blockN) * kWgmmaTileK * 2; }
  /// Every stage's A and B slices, plus 1 KB to align them.
  int64_t sharedBytes() const { return stages * sliceBytes() + 1024; }
  /// Threads of a block: the consumer warpgroups and the producer's.
  int64_t threads() const { return 128 * (warpgroups + producer); }
};
/// Why a wgmma action with `config` cannot run `task` (empty: it can): a
/// matmul of f16 inputs and an f32 result, alone with its fill, m a
/// multiple of 128, n of the block's n, k of 64 with at least `stages`
/// slices; n = 256 needs two warpgroups (each one's accumulators are 64 x
/// 256); the stages must fit in shared memory and hold the output tile.
std::string wgmmaUnsupportedReason(const TaskInfo &task,
                                   const WgmmaConfig &config);
/// The shape and configuration part of wgmmaUnsupportedReason (for an
/// m x n x k matmul), which cwm-gpu-wgmma checks again on the buffers.
std::string wgmmaShapeUnsupportedReason(int64_t m, int64_t n, int64_t k,
                                        const WgmmaConfig &config);

/// simt_gemm: a block computes a bm x bn tile of an f32 matmul's output with
/// (bm / 8) x (bn / 8) threads, each an 8 x 8 register tile (2 x 2 quads of
/// 4 x 4, half a block tile apart); k-slices of bk double-buffered in static
/// shared memory (A transposed, its rows padded by 4), 16-byte global loads.
constexpr int64_t kSimtThreadTile = 8;
/// Static shared memory a block may use without opting in (48 KB).
constexpr int64_t kSimtMaxSharedBytes = 48 * 1024;
/// split > 1 splits k among that many blocks per output tile (grid z), each
/// adding its partial tile to C with atomic adds after a zero fill: more
/// blocks where the output alone makes few (a skinny m or n).
struct SimtGemmConfig {
  int64_t bm = 128;
  int64_t bn = 128;
  int64_t bk = 8;
  int64_t split = 1;
  /// The decisions of a simt_gemm action (defaults 128, 128, 8, split 1).
  static SimtGemmConfig of(const Action &action) {
    return {action.getInt("bm", 128), action.getInt("bn", 128),
            action.getInt("bk", 8), action.getInt("split", 1)};
  }
  int64_t threads() const {
    return (bm / kSimtThreadTile) * (bn / kSimtThreadTile);
  }
  /// Two buffers of A (bk x (bm + 4)) and B (bk x bn), f32.
  int64_t sharedBytes() const { return 2 * bk * (bm + 4 + bn) * 4; }
};
/// The GEMM a simt_gemm kernel computes for `task`: the m x n x k of a
/// matmul, or of a conv_2d_nhwc_hwcf as an implicit GEMM (m = batch x oh x
/// ow output pixels, n = filters, k = kh x kw x channels; `channels` is
/// the input's, 0 for a matmul). Empty for other tasks.
struct SimtGemmProblem {
  int64_t m = 0, n = 0, k = 0;
  int64_t channels = 0; ///< > 0: a convolution (rows gathered from its input)
  bool isConv() const { return channels > 0; }
};
std::optional<SimtGemmProblem> simtGemmProblem(const TaskInfo &task);

/// Why a simt_gemm action with `config` cannot run `task` (empty: it can):
/// an f32 matmul, or an f32 conv_2d_nhwc_hwcf with its input's pad (the
/// kernel reads the input's rows through the pad's bounds), with its fill
/// and at most an elementwise root over its output (computed in the
/// kernel's stores); n a multiple of 4 (ragged last blocks are masked:
/// any m, and n need not divide by bn), k of bk x split, a convolution's
/// channels of 4; bm and bn 32, 64 or 128 with 32 to 256 threads; bk 8 or
/// 16; split 1, 2, 4 or 8; the buffers within 48 KB.
std::string simtGemmUnsupportedReason(const TaskInfo &task,
                                      const SimtGemmConfig &config);
/// The shape and configuration part of simtGemmUnsupportedReason, which
/// cwm-gpu-simt-gemm checks again on the buffers.
std::string simtGemmShapeUnsupportedReason(const SimtGemmProblem &problem,
                                           const SimtGemmConfig &config);

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
