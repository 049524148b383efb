//===- Features.cpp - Task, action and hardware features ------------------===//
//
// Every vector is built by appending named entries through a FeatureWriter,
// so that sizes and names cannot drift apart. Magnitudes enter as log2(1+x)
// so that values stay within a few tens.
//
//===----------------------------------------------------------------------===//

#include "cwm/CostModel/Features.h"

#include "cwm/Schedule/Validity.h"

#include <algorithm>
#include <cmath>

namespace cwm {

namespace {

/// Appends values, and records their names when asked to.
class FeatureWriter {
public:
  explicit FeatureWriter(std::vector<std::string> *names = nullptr)
      : names(names) {}

  void add(const std::string &name, double value) {
    values.push_back(static_cast<float>(std::isfinite(value) ? value : 0.0));
    if (names)
      names->push_back(name);
  }
  void flag(const std::string &name, bool value) { add(name, value ? 1 : 0); }
  void log(const std::string &name, double value) {
    add(name, std::log2(1.0 + std::max(0.0, value)));
  }

  std::vector<float> take() { return std::move(values); }

private:
  std::vector<float> values;
  std::vector<std::string> *names;
};

const OpClass kOpClasses[] = {OpClass::Matmul,      OpClass::BatchMatmul,
                              OpClass::Conv2D,      OpClass::GroupConv2D,
                              OpClass::Depthwise2D, OpClass::Reduction,
                              OpClass::Elementwise};

const ActionKind kActionKinds[] = {
    ActionKind::Parallelize, ActionKind::Tile,         ActionKind::Pad,
    ActionKind::Decompose,   ActionKind::Vectorize,    ActionKind::DropUnitDims,
    ActionKind::Hoist,       ActionKind::Unroll};

const char *const kContractionLowerings[] = {"outerproduct", "dot",
                                             "matmulintrinsics", "parallelarith"};

bool isReductionOp(const TaskOp &op) {
  return llvm::any_of(op.loops, [](const LoopInfo &l) { return l.reduction; });
}

/// Loops of one op, with per-operand strides.
void writeLoops(FeatureWriter &w, const std::string &prefix, const TaskOp *op) {
  for (int64_t loop = 0; loop < kFeatureLoops; ++loop) {
    std::string name = prefix + "loop" + std::to_string(loop) + ".";
    bool present = op && loop < static_cast<int64_t>(op->loops.size());
    w.flag(name + "present", present);
    w.log(name + "log2_extent", present ? op->loops[loop].extent : 0);
    w.flag(name + "reduction", present && op->loops[loop].reduction);
    // Position of this loop among the loops that index the output
    // (innermost output dim = 1).
    double outputPosition = 0;
    if (present)
      for (size_t dim = 0; dim < op->outputLoops.size(); ++dim)
        if (op->outputLoops[dim] == loop)
          outputPosition = double(dim + 1) / double(op->outputLoops.size());
    w.add(name + "output_position", outputPosition);
    for (int64_t operand = 0; operand < kFeatureOperands; ++operand) {
      std::string o = name + "operand" + std::to_string(operand) + ".";
      int64_t stride = 0;
      if (present && operand < static_cast<int64_t>(op->operandLoopStrides.size()) &&
          loop < static_cast<int64_t>(op->operandLoopStrides[operand].size()))
        stride = op->operandLoopStrides[operand][loop];
      w.flag(o + "indexed", stride != 0);
      w.flag(o + "unit_stride", stride == 1);
      w.log(o + "log2_stride", std::abs(stride));
    }
  }
}

std::vector<float> writeTask(const TaskInfo &task,
                             std::vector<std::string> *names) {
  FeatureWriter w(names);
  for (OpClass c : kOpClasses)
    w.flag("class." + stringifyOpClass(c).str(), task.opClass == c);
  w.log("log2_flops", task.flops);
  w.log("log2_bytes", task.bytes);
  w.add("log2_intensity",
        task.bytes > 0 ? std::log2(1.0 + task.flops / task.bytes) : 0.0);
  int64_t fills = 0, pads = 0, elementwise = 0, reductions = 0;
  for (const TaskOp &op : task.ops) {
    if (op.index == task.anchor)
      continue;
    fills += op.isFill;
    pads += op.isPad;
    elementwise += op.elementwise && !op.isFill;
    reductions += isReductionOp(op);
  }
  w.add("ops", task.ops.size());
  w.add("fused_fills", fills);
  w.add("fused_pads", pads);
  w.add("fused_elementwise", elementwise);
  w.add("fused_reductions", reductions);
  w.flag("has_consumer", task.hasConsumer());
  w.flag("element.f32", task.elementType.empty() || task.elementType == "f32");
  w.flag("element.f16", task.elementType == "f16");
  for (int i = 0; i < 2; ++i) {
    w.add("stride" + std::to_string(i),
          i < static_cast<int>(task.strides.size()) ? task.strides[i] : 0);
    w.add("dilation" + std::to_string(i),
          i < static_cast<int>(task.dilations.size()) ? task.dilations[i] : 0);
  }
  w.add("anchor_operands", task.anchorOp().operandLoopStrides.size());
  writeLoops(w, "anchor.", &task.anchorOp());
  writeLoops(w, "root.", task.hasConsumer() ? &task.rootOp() : nullptr);
  return w.take();
}

void writeGpuAction(FeatureWriter &w, const TaskInfo &task,
                    const Action *action, const TaskOp *op,
                    const std::vector<int64_t> &current,
                    const HardwareInfo &hardware, int64_t version);
void writeWgmma(FeatureWriter &w, const TaskInfo &task, const Action *action,
                const HardwareInfo &hardware, int64_t version);
void writeSimtGemm(FeatureWriter &w, const TaskInfo &task,
                   const Action *action, const HardwareInfo &hardware);
void writeTemplateGrid(FeatureWriter &w, const TaskInfo &task,
                       const Action *action, const HardwareInfo &hardware);

/// The launch of a kernel template: its blocks (simt_gemm's split of k
/// multiplies them; a convolution's last row of blocks is partly masked)
/// and threads per block; zeros for other actions.
struct TemplateGrid {
  double blocks = 0, threads = 0;
};
TemplateGrid templateGrid(const TaskInfo &task, const Action *action) {
  TemplateGrid grid;
  if (action && action->kind == ActionKind::SimtGemm) {
    std::optional<SimtGemmProblem> problem = simtGemmProblem(task);
    SimtGemmConfig config = SimtGemmConfig::of(*action);
    if (problem && config.bm > 0 && config.bn > 0) {
      grid.blocks = double((problem->m + config.bm - 1) / config.bm) *
                    double(problem->n / config.bn) *
                    double(std::max<int64_t>(1, config.split));
      grid.threads = double(config.threads());
    }
  } else if (action && action->kind == ActionKind::Wgmma && !task.ops.empty() &&
             task.anchorOp().loops.size() == 3) {
    WgmmaConfig config = WgmmaConfig::of(*action);
    const std::vector<LoopInfo> &loops = task.anchorOp().loops;
    if (config.blockN > 0) {
      grid.blocks = double(loops[0].extent / kWgmmaTileM) *
                    double(loops[1].extent / config.blockN);
      grid.threads = double(config.threads());
    }
  }
  return grid;
}
void writeWinograd(FeatureWriter &w, const TaskInfo &task,
                   const Action *action, const HardwareInfo &hardware);

/// Version 6: where the data of the target's tile lives after the action.
/// The tile is the current shape cut to the action's sizes (tile,
/// parallelize: per thread); each operand's footprint is the product of the
/// tile's extents over the loops that index it (sliding windows counted in
/// full, an over-estimate); the working set is their sum, set against each
/// cache level.
void writeLocality(FeatureWriter &w, const TaskInfo &task,
                   const Action *action, const TaskOp *op,
                   const std::vector<int64_t> &current,
                   const std::vector<int64_t> &sizes,
                   const HardwareInfo &hardware) {
  std::vector<int64_t> tile = current;
  for (size_t loop = 0; loop < tile.size() && loop < sizes.size(); ++loop)
    if (sizes[loop] > 0)
      tile[loop] = std::min(tile[loop], sizes[loop]);
  double bytesPerElement =
      task.elementType == "f16" || task.elementType == "bf16" ? 2.0 : 4.0;
  double workingSet = 0, elements = 1;
  for (int64_t extent : tile)
    elements *= double(std::max<int64_t>(1, extent));
  if (op)
    for (const std::vector<int64_t> &strides : op->operandLoopStrides) {
      double footprint = 1;
      for (size_t loop = 0; loop < tile.size() && loop < strides.size(); ++loop)
        if (strides[loop] != 0)
          footprint *= double(std::max<int64_t>(1, tile[loop]));
      workingSet += footprint * bytesPerElement;
    }
  w.log("locality.log2_working_set_bytes", workingSet);
  auto level = [&](const char *name, int64_t cacheBytes) {
    bool known = op && workingSet > 0 && cacheBytes > 0;
    w.flag(std::string("locality.fits_") + name,
           known && workingSet <= double(cacheBytes));
    w.add(std::string("locality.log2_over_") + name,
          known ? std::clamp(std::log2(workingSet / double(cacheBytes)), -12.0,
                             12.0)
                : 0.0);
  };
  level("l1", hardware.l1dBytes);
  level("l2", hardware.l2Bytes);
  level("l3", hardware.l3Bytes);
  // Multiply-adds per byte of the tile's data: what blocking buys.
  bool contraction = op && isReductionOp(*op) && !op->elementwise;
  w.add("locality.log2_tile_intensity",
        contraction && workingSet > 0 ? std::log2(1.0 + elements / workingSet)
                                      : 0.0);
  w.log("locality.log2_tile_elements", op ? elements : 0);
  w.log("locality.log2_tile_inner", tile.empty() ? 0 : tile.back());
  // Vector registers a vectorize of the current shape keeps live (32 zmm /
  // 16 ymm on x86): above the register file, it spills.
  int64_t lanes = std::max<int64_t>(1, hardware.vectorBits / 32);
  bool vectorize = action && action->kind == ActionKind::Vectorize;
  double registers = vectorize && op ? elements / double(lanes) : 0.0;
  int64_t file = hardware.vectorBits >= 512 ? 32 : 16;
  w.add("locality.vector_registers_over_file",
        std::min(8.0, registers / double(file)));
  w.flag("locality.vector_spills", vectorize && registers > file);
}

std::vector<float> writeAction(const TaskInfo &task, const Action *action,
                               const HardwareInfo &hardware, size_t position,
                               size_t length,
                               const std::vector<std::vector<int64_t>> *shapes,
                               int64_t version,
                               std::vector<std::string> *names) {
  FeatureWriter w(names);
  const TaskOp *op = nullptr;
  if (action && action->target >= 0 &&
      action->target < static_cast<int64_t>(task.ops.size()))
    op = &task.ops[action->target];
  // The target's current (already tiled) shape, else its full extents.
  std::vector<int64_t> current;
  if (op) {
    if (shapes && action->target < static_cast<int64_t>(shapes->size()) &&
        (*shapes)[action->target].size() == op->loops.size())
      current = (*shapes)[action->target];
    else
      for (const LoopInfo &loop : op->loops)
        current.push_back(loop.extent);
  }
  for (ActionKind kind : kActionKinds)
    w.flag("kind." + stringifyActionKind(kind).str(),
           action && action->kind == kind);
  w.add("position", length ? double(position) / double(length) : 0.0);
  w.flag("target.anchor", op && op->index == task.anchor);
  w.flag("target.root", op && op->index == task.root && task.hasConsumer());
  w.flag("target.fill", op && op->isFill);
  w.flag("target.pad", op && op->isPad);
  w.flag("target.elementwise", op && op->elementwise && !op->isFill);
  w.flag("target.reduction", op && isReductionOp(*op));
  w.add("target.loops", op ? op->loops.size() : 0);

  std::vector<int64_t> sizes, interchange;
  bool gpuMapping = action && (action->kind == ActionKind::MapBlocks ||
                               action->kind == ActionKind::MapThreads);
  if (action && (action->kind == ActionKind::Tile ||
                 action->kind == ActionKind::Parallelize ||
                 (version >= 3 && gpuMapping))) {
    sizes = action->getList("sizes");
    interchange = action->getList("interchange");
  }
  double logTiles = 0;
  for (int64_t loop = 0; loop < kFeatureLoops; ++loop) {
    std::string name = "loop" + std::to_string(loop) + ".";
    bool present = op && loop < static_cast<int64_t>(op->loops.size());
    int64_t extent = present ? op->loops[loop].extent : 0;
    int64_t size = loop < static_cast<int64_t>(sizes.size()) ? sizes[loop] : 0;
    bool tiled = present && size > 0;
    w.flag(name + "tiled", tiled);
    w.log(name + "log2_size", tiled ? size : 0);
    w.add(name + "size_over_extent",
          tiled && extent > 0 ? double(size) / double(extent) : 0.0);
    double tiles = tiled ? std::ceil(double(extent) / double(size)) : 1.0;
    w.add(name + "log2_tiles", std::log2(tiles));
    w.flag(name + "ragged", tiled && extent % size != 0);
    w.flag(name + "lanes_multiple",
           tiled && hardware.vectorBits > 0 &&
               size % std::max<int64_t>(1, hardware.vectorBits / 32) == 0);
    w.flag(name + "reduction", present && op->loops[loop].reduction);
    // Where the loop lands in the tiled nest (1 = outermost).
    double order = 0;
    if (tiled) {
      if (interchange.empty()) {
        order = double(loop + 1) / double(sizes.size());
      } else {
        for (size_t i = 0; i < interchange.size(); ++i)
          if (interchange[i] == loop)
            order = double(i + 1) / double(interchange.size());
      }
    }
    w.add(name + "nest_order", order);
    int64_t now = present && loop < static_cast<int64_t>(current.size())
                      ? current[loop]
                      : 0;
    w.log(name + "log2_current_extent", now);
    w.add(name + "size_over_current",
          tiled && now > 0 ? std::min(1.0, double(size) / double(now)) : 0.0);
    w.add(name + "log2_current_tiles",
          tiled && now > 0 ? std::log2(std::ceil(double(now) / double(size)))
                           : 0.0);
    logTiles += std::log2(tiles);
  }
  // What the target looks like now: the vector shape a vectorize would make.
  double elements = 1;
  int64_t nonUnit = 0;
  for (int64_t extent : current) {
    elements *= double(std::max<int64_t>(1, extent));
    nonUnit += extent > 1;
  }
  int64_t inner = current.empty() ? 0 : current.back();
  int64_t lanes = std::max<int64_t>(1, hardware.vectorBits / 32);
  w.log("current.log2_elements", op ? elements : 0);
  w.log("current.log2_inner", inner);
  w.flag("current.inner_lanes_multiple", inner > 0 && inner % lanes == 0);
  w.add("current.nonunit_dims", nonUnit);
  w.add("current.registers", op ? std::log2(1.0 + elements / lanes) : 0.0);
  w.add("log2_total_tiles", logTiles);
  // For parallelize: how evenly the tiles spread over the threads.
  double threads = std::max<int64_t>(1, hardware.threads);
  double totalTiles = std::exp2(logTiles);
  bool parallel = action && action->kind == ActionKind::Parallelize;
  w.add("parallel.tiles_per_thread",
        parallel ? std::log2(1.0 + totalTiles / threads) : 0.0);
  w.add("parallel.balance",
        parallel ? (totalTiles / threads) /
                       std::ceil(totalTiles / threads - 1e-9)
                 : 0.0);
  std::string lowering =
      action && action->kind == ActionKind::Vectorize
          ? action->getString("contraction", "outerproduct")
          : "";
  for (const char *name : kContractionLowerings)
    w.flag(std::string("contraction.") + name, lowering == name);
  w.log("unroll.log2_factor",
        action && action->kind == ActionKind::Unroll ? action->getInt("factor", 2)
                                                     : 0);
  if (version >= 3)
    writeGpuAction(w, task, action, op, current, hardware, version);
  if (version >= 6)
    writeLocality(w, task, action, op, current, sizes, hardware);
  if (version >= 7)
    writeWgmma(w, task, action, hardware, version);
  // Version 9: the weights relaid out for the output channels' vectors
  // (the later actions see it in the anchor's weight strides), and row
  // reductions accumulated into vectors of partial sums.
  if (version >= 9) {
    w.flag("kind.pack_weights",
           action && action->kind == ActionKind::PackWeights);
    bool split = action && action->kind == ActionKind::TileReduction;
    w.flag("kind.tile_reduction", split);
    w.log("tile_reduction.log2_lanes", split ? action->getInt("lanes", 0) : 0);
    // simt_gemm's split of k among blocks (grid z).
    bool simt = action && action->kind == ActionKind::SimtGemm;
    w.log("gpu.simt_gemm_split", simt ? action->getInt("split", 1) : 0);
  }
  if (version >= 10)
    writeWinograd(w, task, action, hardware);
  if (version >= 11)
    writeTemplateGrid(w, task, action, hardware);
  // Version 12: B read from packed panels (the actions before it are the
  // same schedule).
  if (version >= 12)
    w.flag("kind.pack_b", action && action->kind == ActionKind::PackB);
  return w.take();
}

/// Version 11: the grid of a kernel template (simt_gemm, wgmma) on the
/// scale map_blocks' grid has (gpu.blocks_per_sm, gpu.wave_balance): its
/// blocks and threads per SM. Version 8's waves are linear in the blocks,
/// so a GEMM with a handful of blocks (a 196 x 96 output: 21 blocks of 32 x
/// 32) and one with a few dozen (a 1024 x 1024 output: 64 of 128 x 128) both
/// read almost 0 there, and the shipped CUDA model, which never saw a
/// simt_gemm record, rated the first far too high (docs/world-model.md).
void writeTemplateGrid(FeatureWriter &w, const TaskInfo &task,
                       const Action *action, const HardwareInfo &hardware) {
  auto [blocks, threads] = templateGrid(task, action);
  double sms = hardware.sms > 0 ? double(hardware.sms) : 132;
  w.add("gpu.template_blocks_per_sm",
        blocks > 0 ? std::log2(1.0 + blocks / sms) : 0.0);
  w.add("gpu.template_wave_balance",
        blocks > 0 ? (blocks / sms) / std::ceil(blocks / sms - 1e-9) : 0.0);
  w.add("gpu.template_threads_per_sm",
        blocks > 0 ? std::log2(1.0 + blocks * threads / sms) : 0.0);
}

/// Version 10: the Winograd rewrite, on its own action (the later actions
/// see the batch matmul of the transformed tiles): its tile size, the
/// pixels its ragged tiles compute in vain, and the bytes its transforms
/// write against L2 (the filter transform runs at every call) and against
/// the batch matmul's flops.
void writeWinograd(FeatureWriter &w, const TaskInfo &task,
                   const Action *action, const HardwareInfo &hardware) {
  int64_t tile = action && action->kind == ActionKind::Winograd
                     ? action->getInt("tile", 0)
                     : 0;
  bool fits = tile != 0 && winogradUnsupportedReason(task, tile).empty();
  w.flag("kind.winograd", tile != 0);
  w.add("winograd.tile", fits ? double(tile) / 4 : 0.0);
  double waste = 0, filterBytes = 0, inputBytes = 0, intensity = 0;
  if (fits) {
    const std::vector<LoopInfo> &loops = task.anchorOp().loops;
    TaskInfo view = winogradTask(task, tile);
    const std::vector<LoopInfo> &batch = view.anchorOp().loops;
    double products = batch[0].extent, tiles = batch[1].extent,
           filters = batch[2].extent, channels = batch[3].extent;
    waste = tiles * tile * tile /
                double(loops[0].extent * loops[1].extent * loops[2].extent) -
            1;
    filterBytes = 4 * products * channels * filters;
    inputBytes = 4 * products * tiles * channels;
    intensity = view.flops / view.bytes; // transformed input, filters, products
  }
  double l2 = hardware.l2Bytes > 0 ? double(hardware.l2Bytes) : 1 << 20;
  w.add("winograd.waste", waste);
  w.add("winograd.log2_filter_bytes_l2",
        fits ? std::clamp(std::log2(filterBytes / l2), -12.0, 12.0) : 0.0);
  w.add("winograd.log2_input_bytes_l2",
        fits ? std::clamp(std::log2(inputBytes / l2), -12.0, 12.0) : 0.0);
  w.log("winograd.flops_per_transformed_byte", intensity);
}

/// Version 7: Hopper's TMA + warpgroup-MMA kernel (wgmma): its pipeline
/// depth, its k-slices, its blocks and how many waves of them the GPU runs
/// (blocks per SM limited by shared memory).
void writeWgmma(FeatureWriter &w, const TaskInfo &task, const Action *action,
                const HardwareInfo &hardware, int64_t version) {
  bool wgmma = action && action->kind == ActionKind::Wgmma &&
               !task.ops.empty() && task.anchorOp().loops.size() == 3;
  WgmmaConfig config = wgmma ? WgmmaConfig::of(*action) : WgmmaConfig();
  int64_t stages = wgmma ? config.stages : 0;
  double blocks = 0, slices = 0, waves = 0;
  if (wgmma && config.blockN > 0 && stages > 0) {
    blocks = templateGrid(task, action).blocks;
    slices = double(task.anchorOp().loops[2].extent / kWgmmaTileK);
    // H100 / H200: 228 KB of shared memory per SM.
    double perSm = std::max<double>(
        1, std::floor(233472.0 / double(config.sharedBytes())));
    double sms = hardware.sms > 0 ? hardware.sms : 132;
    waves = blocks / (perSm * sms);
  }
  w.flag("gpu.kind.wgmma", wgmma);
  w.log("gpu.wgmma_stages", stages);
  w.log("gpu.wgmma_block_n", wgmma ? config.blockN : 0);
  w.log("gpu.wgmma_warpgroups", wgmma ? config.warpgroups : 0);
  w.log("gpu.wgmma_k_slices", slices);
  w.log("gpu.wgmma_blocks", blocks);
  w.add("gpu.wgmma_waves", waves);
  w.add("gpu.wgmma_wave_tail",
        waves > 0 ? std::ceil(waves - 1e-9) - waves : 0.0);
  if (version < 8)
    return;
  // Version 8: a producer warpgroup, block rows per launch group.
  w.flag("gpu.wgmma_producer", wgmma && config.producer != 0);
  w.log("gpu.wgmma_raster", wgmma ? config.raster : 0);
  writeSimtGemm(w, task, action, hardware);
}

/// Version 8: the CUDA-core f32 GEMM kernel (simt_gemm): its block tile,
/// k-slice, and waves of blocks (split k multiplies them; version 9 logs
/// the split itself) (blocks per SM limited by threads and
/// shared memory).
void writeSimtGemm(FeatureWriter &w, const TaskInfo &task,
                   const Action *action, const HardwareInfo &hardware) {
  std::optional<SimtGemmProblem> problem = simtGemmProblem(task);
  bool simt = action && action->kind == ActionKind::SimtGemm && problem;
  SimtGemmConfig config = simt ? SimtGemmConfig::of(*action) : SimtGemmConfig();
  double waves = 0;
  if (simt && config.bm > 0 && config.bn > 0 && config.threads() > 0) {
    double blocks = templateGrid(task, action).blocks;
    double perSm = std::max<double>(
        1, std::min({32.0, std::floor(2048.0 / double(config.threads())),
                     std::floor(233472.0 / double(config.sharedBytes()))}));
    double sms = hardware.sms > 0 ? hardware.sms : 132;
    waves = blocks / (perSm * sms);
  }
  w.flag("gpu.kind.simt_gemm", simt);
  w.log("gpu.simt_gemm_bm", simt ? config.bm : 0);
  w.log("gpu.simt_gemm_bn", simt ? config.bn : 0);
  w.log("gpu.simt_gemm_bk", simt ? config.bk : 0);
  w.add("gpu.simt_gemm_waves", waves);
}

/// Version 3: what a GPU action makes of the target (its current shape is
/// the block tile for map_threads and mma, the whole op for map_blocks).
void writeGpuAction(FeatureWriter &w, const TaskInfo &task,
                    const Action *action, const TaskOp *op,
                    const std::vector<int64_t> &current,
                    const HardwareInfo &hardware, int64_t version) {
  for (ActionKind kind : {ActionKind::MapBlocks, ActionKind::MapThreads,
                          ActionKind::Promote, ActionKind::Mma})
    w.flag("gpu.kind." + stringifyActionKind(kind).str(),
           action && action->kind == kind);
  auto is = [&](ActionKind kind) { return action && action->kind == kind; };
  // Tiles (blocks or threads) and elements per tile of a mapping.
  double tiles = 1, elements = 1;
  if (op && (is(ActionKind::MapBlocks) || is(ActionKind::MapThreads))) {
    std::vector<int64_t> sizes = action->getList("sizes");
    for (auto [loop, extent] : llvm::enumerate(current)) {
      int64_t size = loop < sizes.size() ? sizes[loop] : 0;
      if (size > 0) {
        tiles *= std::ceil(double(extent) / double(size));
        elements *= double(size);
      } else {
        elements *= double(std::max<int64_t>(1, extent));
      }
    }
  }
  bool blocks = is(ActionKind::MapBlocks), threads = is(ActionKind::MapThreads);
  double sms = std::max<int64_t>(1, hardware.sms);
  w.log("gpu.blocks", blocks ? tiles : 0);
  w.add("gpu.blocks_per_sm", blocks ? std::log2(1.0 + tiles / sms) : 0.0);
  w.add("gpu.wave_balance",
        blocks ? (tiles / sms) / std::ceil(tiles / sms - 1e-9) : 0.0);
  w.log("gpu.block_elements", blocks ? elements : 0);
  w.log("gpu.threads", threads ? tiles : 0);
  w.flag("gpu.threads_warp_multiple",
         threads && std::fmod(tiles, 32.0) == 0);
  w.log("gpu.thread_elements", threads ? elements : 0);
  w.flag("gpu.threads_on_root", threads && op && op->index == task.root);
  // Staging and tensor-core tiles.
  w.log("gpu.promote_k", is(ActionKind::Promote) ? action->getInt("k", 0) : 0);
  std::vector<int64_t> warp =
      is(ActionKind::Mma) ? action->getList("warp") : std::vector<int64_t>();
  int64_t warpM = warp.size() >= 3 ? warp[warp.size() - 3] : 0;
  int64_t warpN = warp.size() >= 3 ? warp[warp.size() - 2] : 0;
  int64_t blockM = current.size() >= 3 ? current[current.size() - 3] : 0;
  int64_t blockN = current.size() >= 3 ? current[current.size() - 2] : 0;
  w.log("gpu.mma_warp_m", warpM);
  w.log("gpu.mma_warp_n", warpN);
  w.log("gpu.mma_warps", warpM > 0 && warpN > 0
                             ? double(blockM / warpM) * double(blockN / warpN)
                             : 0);
  w.log("gpu.mma_accumulators_per_thread",
        warpM > 0 ? double(warpM * warpN) / 32.0 : 0);
  if (version < 4)
    return;
  // Version 4: a row split over a block's threads (distribute_rows).
  bool distribute = is(ActionKind::DistributeRows);
  int64_t rowThreads = distribute ? action->getInt("threads", 0) : 0;
  int64_t row = distribute && !task.ops.empty() &&
                        !task.anchorOp().loops.empty()
                    ? task.anchorOp().loops.back().extent
                    : 0;
  w.flag("gpu.kind.distribute_rows", distribute);
  w.log("gpu.row_threads", rowThreads);
  w.log("gpu.row_warps", rowThreads / 32.0);
  w.log("gpu.row_elements_per_thread",
        rowThreads > 0 ? double(row) / double(rowThreads) : 0);
  if (version < 5)
    return;
  // Version 5: split-K (on the task as given: the later actions see the
  // main grid's view) and tf32 tensor cores.
  bool split = is(ActionKind::SplitK);
  int64_t factor = split ? action->getInt("factor", 0) : 0;
  int64_t reduction = split && !task.ops.empty() &&
                              !task.anchorOp().loops.empty()
                          ? task.anchorOp().loops.back().extent
                          : 0;
  w.flag("gpu.kind.split_k", split);
  w.log("gpu.split_factor", factor);
  w.log("gpu.split_slice", factor > 0 ? double(reduction) / factor : 0);
  w.flag("gpu.mma_tf32", is(ActionKind::Mma) && action->getInt("tf32", 0));
}

std::vector<float> writeHardware(const HardwareInfo &h,
                                 std::vector<std::string> *names) {
  FeatureWriter w(names);
  w.flag("target.cpu", h.target == "cpu");
  w.flag("target.cuda", h.target == "cuda");
  w.log("log2_cores", h.cores);
  w.log("log2_threads", h.threads);
  w.log("log2_vector_bits", h.vectorBits);
  w.log("log2_l1d_kib", h.l1dBytes / 1024.0);
  w.log("log2_l2_kib", h.l2Bytes / 1024.0);
  w.log("log2_l3_kib", h.l3Bytes / 1024.0);
  w.add("ghz", h.ghz);
  w.log("log2_sms", h.sms);
  w.log("log2_max_threads_per_block", h.maxThreadsPerBlock);
  w.log("log2_shared_kib_per_block", h.sharedBytesPerBlock / 1024.0);
  w.log("log2_registers_per_block", h.registersPerBlock);
  w.log("log2_peak_gflops", h.peakGflops);
  w.log("log2_bandwidth_gbs", h.bandwidthGBs);
  return w.take();
}

} // namespace

int64_t taskFeatureSize() {
  static const int64_t size = taskFeatureNames().size();
  return size;
}
int64_t actionFeatureSize(int64_t version) {
  // One size per layout, computed once from the names.
  static const std::vector<int64_t> sizes = [] {
    std::vector<int64_t> all(kFeatureVersion + 1, 0);
    for (int64_t v = kOldestFeatureVersion; v <= kFeatureVersion; ++v)
      all[v] = actionFeatureNames(v).size();
    return all;
  }();
  return sizes[std::clamp(version, kOldestFeatureVersion, kFeatureVersion)];
}
int64_t hardwareFeatureSize() {
  static const int64_t size = hardwareFeatureNames().size();
  return size;
}

std::vector<float> taskFeatures(const TaskInfo &task) {
  return writeTask(task, nullptr);
}

std::vector<float>
actionFeatures(const TaskInfo &task, const Action &action,
               const HardwareInfo &hardware, size_t position, size_t length,
               const std::vector<std::vector<int64_t>> *shapes,
               int64_t version) {
  return writeAction(task, &action, hardware, position, length, shapes,
                     version, nullptr);
}

std::vector<std::vector<float>> traceFeatures(const TaskInfo &task,
                                              const Trace &trace,
                                              const HardwareInfo &hardware,
                                              int64_t version) {
  std::vector<std::vector<float>> rows;
  std::vector<std::vector<std::vector<int64_t>>> shapes =
      shapesBeforeEachAction(trace, task);
  // After a split_k the actions schedule the main grid's view of the task,
  // after a pack_weights the task with relaid-out weights.
  const TaskInfo *view = &task;
  std::optional<TaskInfo> split;
  for (auto [i, action] : llvm::enumerate(trace.getActions())) {
    rows.push_back(
        actionFeatures(*view, action, hardware, i, trace.size(), &shapes[i],
                       version));
    if (i == 0 && action.kind == ActionKind::SplitK &&
        splitKUnsupportedReason(task, action.getInt("factor", 0)).empty()) {
      split = splitKTask(task, action.getInt("factor", 0));
      view = &*split;
    }
    if (i == 0 && action.kind == ActionKind::Winograd &&
        winogradUnsupportedReason(task, action.getInt("tile", 0)).empty()) {
      split = winogradTask(task, action.getInt("tile", 0));
      view = &*split;
    }
    if (i == 0 && action.kind == ActionKind::PackWeights &&
        packWeightsUnsupportedReason(task).empty()) {
      split = packWeightsTask(task);
      view = &*split;
    }
  }
  return rows;
}

std::vector<float> hardwareFeatures(const HardwareInfo &hardware) {
  return writeHardware(hardware, nullptr);
}

std::vector<std::string> taskFeatureNames() {
  std::vector<std::string> names;
  TaskInfo task;
  task.ops.push_back(TaskOp());
  writeTask(task, &names);
  return names;
}

std::vector<std::string> actionFeatureNames(int64_t version) {
  std::vector<std::string> names;
  writeAction(TaskInfo(), nullptr, HardwareInfo(), 0, 0, nullptr, version,
              &names);
  return names;
}

std::vector<std::string> hardwareFeatureNames() {
  std::vector<std::string> names;
  writeHardware(HardwareInfo(), &names);
  return names;
}

} // namespace cwm
