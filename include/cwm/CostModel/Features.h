//===- Features.h - Task, action and hardware features ----------*- C++ -*-===//
//
// Fixed-length float vectors that describe, without touching IR:
//  - a task (op class, loops with extents and iterator types, per-operand
//    access strides per loop, FLOPs, bytes, fused producers/consumers);
//  - one action of a trace, with its decisions normalized against the task
//    (log2 of tile sizes, tile/extent ratios, tile counts per loop);
//  - the hardware a candidate runs on.
// The world model consumes these; docs/world-model.md lists every entry.
// Changing a layout changes the feature version, which model files record.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_FEATURES_H
#define CWM_COSTMODEL_FEATURES_H

#include "cwm/Database/Hardware.h"
#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include <cstdint>
#include <vector>

namespace cwm {

/// Bumped whenever the layout or meaning of any feature vector changes.
/// Version 3 appends GPU entries to the action vector (mapping kinds,
/// block and thread counts, staging and warp tiles) and normalizes the
/// tile sizes of map_blocks / map_threads like those of tile; everything
/// else is as in version 2, so a version-2 model still scores (CPU) traces
/// from the version-2 prefix. Version 4 appends the row split of
/// distribute_rows (a version-3 model scores from the version-3 prefix);
/// version 5 appends split_k and tf32 mma; version 6 the locality of the
/// target's tile after each action (working set against each cache level,
/// tile intensity, vector registers live); version 7 Hopper's wgmma kernels
/// (stages, k-slices, blocks, waves); version 8 wgmma's producer
/// warpgroup and block rasterization, and the simt_gemm kernel; version 9
/// the CPU's pack_weights (after it, actions see the relaid-out weights'
/// strides), tile_reduction (its kind and log2 lanes) and simt_gemm's split
/// of k; version 10 the CPU's winograd (its tile, the pixels ragged tiles
/// compute in vain, its transforms' bytes against L2 and the batch
/// matmul's flops per transformed byte); version 11 the grid of a kernel
/// template (simt_gemm, wgmma): its blocks and threads per SM on a log
/// scale, and how evenly its blocks fill the SMs; version 12 the CPU's
/// pack_b (its kind).
constexpr int64_t kFeatureVersion = 12;
/// The oldest layout a model file may use.
constexpr int64_t kOldestFeatureVersion = 2;

/// Loops per op that get their own feature slots (a grouped conv has 8).
constexpr int64_t kFeatureLoops = 8;
/// Operands per op whose access strides are featurized (inputs, then init).
constexpr int64_t kFeatureOperands = 4;

int64_t taskFeatureSize();
int64_t actionFeatureSize(int64_t version = kFeatureVersion);
int64_t hardwareFeatureSize();

std::vector<float> taskFeatures(const TaskInfo &task);
/// Features of `action`; `position` is its index in a trace of `length`;
/// `shapes` is every op's iteration-space shape before the action (after the
/// earlier tilings; see tiledShapes), so sizes can be normalized against the
/// tile they cut. Without shapes the full loop extents are used.
std::vector<float>
actionFeatures(const TaskInfo &task, const Action &action,
               const HardwareInfo &hardware, size_t position, size_t length,
               const std::vector<std::vector<int64_t>> *shapes = nullptr,
               int64_t version = kFeatureVersion);
/// One row per action of `trace`.
std::vector<std::vector<float>>
traceFeatures(const TaskInfo &task, const Trace &trace,
              const HardwareInfo &hardware, int64_t version = kFeatureVersion);
std::vector<float> hardwareFeatures(const HardwareInfo &hardware);

/// Names of the entries of each vector (for docs and debugging).
std::vector<std::string> taskFeatureNames();
std::vector<std::string>
actionFeatureNames(int64_t version = kFeatureVersion);
std::vector<std::string> hardwareFeatureNames();

} // namespace cwm

#endif // CWM_COSTMODEL_FEATURES_H
