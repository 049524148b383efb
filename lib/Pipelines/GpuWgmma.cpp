//===- GpuWgmma.cpp - Hopper warpgroup-MMA kernels for marked matmuls -----===//
//
// A matmul that a wgmma schedule marked (`cwm.wgmma_stages`, on buffers after
// bufferization) becomes a call to a kernel function built here from its
// static shapes: C (M x N, f32) = A (M x K, f16) . B (K x N, f16), all
// row-major. Every block computes a 128 x 128 tile of C with one warpgroup
// (128 threads):
//  - the host makes two TMA descriptors (A in boxes of 128 x 64, B in boxes
//    of 64 x 64, 128-byte swizzle) and launches (N / 128) x (M / 128) blocks
//    with S * 32 KB + 1 KB of dynamic shared memory;
//  - thread 0 fills a ring of S stages, each one k-slice of 64 of A (16 KB)
//    and B (two 8 KB boxes), completion tracked by one mbarrier per stage
//    (expect_tx of 32 KB);
//  - k-slice t: every thread waits on its stage's barrier (parity = which
//    round of the ring), the warpgroup issues wgmma m64n128k16 on shared
//    memory descriptors (8 per slice) and waits until only this slice's
//    MMAs are in flight; after a block barrier, slice t-1's stage is free
//    and thread 0 loads slice t-1+S into it;
//  - the accumulators (128 per thread) go to shared memory, then to C with
//    16-byte stores.
// The fill that zeroed C is erased: the kernel writes every element.
// Variants (decisions of the action): two warpgroups of 64 rows each, 128 x
// 256 tiles; a producer warpgroup that alone loads the ring, the consumers
// releasing stages on "empty" mbarriers instead of a block barrier per
// slice (warp specialization); blocks launched in groups of block rows
// (rasterization for L2).
//
//===----------------------------------------------------------------------===//

#include "KernelTemplate.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Schedule/Validity.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Parser/Parser.h"

#include <algorithm>
#include <map>
#include <string>

namespace mlir::cwm {

#define GEN_PASS_DEF_GPUWGMMA
#include "cwm/Pipelines/Passes.h.inc"

namespace {

using ::cwm::kWgmmaTileK;
using ::cwm::kWgmmaTileM;

constexpr llvm::StringLiteral kStagesAttr = "cwm.wgmma_stages";
constexpr llvm::StringLiteral kBlockNAttr = "cwm.wgmma_n";
constexpr llvm::StringLiteral kWarpgroupsAttr = "cwm.wgmma_warpgroups";
constexpr llvm::StringLiteral kProducerAttr = "cwm.wgmma_producer";
constexpr llvm::StringLiteral kRasterAttr = "cwm.wgmma_raster";
constexpr llvm::StringLiteral kSharedGlobal = "cwm_dynamic_smem";

/// The ops by which thread 0 loads k-slice `t` (an index value) into stage
/// t % S: expect the slice's bytes on the stage's barrier, then one TMA load
/// per warpgroup's rows of A and one per 64 columns of B. `tag` keeps SSA
/// names unique.
std::string loadSlice(const std::string &t, const std::string &tag,
                      const ::cwm::WgmmaConfig &config) {
  std::string text = fillTemplate(R"(
      %s_@T@ = arith.remui @SLICE@, %kS : index
      %ao0_@T@ = arith.muli %s_@T@, %kA : index
      %ao_@T@ = arith.addi %ao0_@T@, %pad : index
      %bo0_@T@ = arith.muli %s_@T@, %kB : index
      %bo1_@T@ = arith.addi %bo0_@T@, %kBbase : index
      %bo_@T@ = arith.addi %bo1_@T@, %pad : index
      %k_@T@ = arith.muli @SLICE@, %c64 : index
      nvgpu.mbarrier.arrive.expect_tx %bars[%s_@T@], %sliceBytes : !bars)",
                          {{"T", tag}, {"SLICE", t}});
  int64_t rows = kWgmmaTileM / config.warpgroups;
  for (int64_t g = 0; g < config.warpgroups; ++g)
    text += fillTemplate(R"(
      %aoff@G@_@T@ = arith.addi %ao_@T@, %c@OFF@ : index
      %av@G@_@T@ = memref.view %raw[%aoff@G@_@T@][] : !smem to !tileA
      %m@G@_@T@ = arith.addi %m0, %c@ROW@ : index
      nvgpu.tma.async.load %da[%k_@T@, %m@G@_@T@], %bars[%s_@T@] to %av@G@_@T@ : !descA, !bars -> !tileA)",
                 {{"T", tag},
                  {"G", std::to_string(g)},
                  {"OFF", std::to_string(g * rows * kWgmmaTileK * 2)},
                  {"ROW", std::to_string(g * rows)}});
  for (int64_t j = 0; j < config.blockN / 64; ++j)
    text += fillTemplate(R"(
      %boff@J@_@T@ = arith.addi %bo_@T@, %c@OFF@ : index
      %bv@J@_@T@ = memref.view %raw[%boff@J@_@T@][] : !smem to !boxB
      %n@J@_@T@ = arith.addi %n0, %c@COL@ : index
      nvgpu.tma.async.load %db[%n@J@_@T@, %k_@T@], %bars[%s_@T@] to %bv@J@_@T@ : !descB, !bars -> !boxB)",
                 {{"T", tag},
                  {"J", std::to_string(j)},
                  {"OFF", std::to_string(j * 64 * kWgmmaTileK * 2)},
                  {"COL", std::to_string(j * 64)}});
  return text;
}

/// Block (bx, by) computes the tile at block row by, block column bx.
constexpr llvm::StringLiteral kPlainBlocks = R"(
    %m0 = arith.muli %by, %c128 : index
    %n0 = arith.muli %bx, %kBN : index)";

/// Blocks launched in groups of @RG@ block rows: the linear block index
/// walks down a group's rows before it moves to the next column, so the
/// blocks in flight share B's columns (and A's rows) in L2.
constexpr llvm::StringLiteral kGroupedBlocks = R"(
    %lin0 = arith.muli %by, %c@GX@ : index
    %lin = arith.addi %lin0, %bx : index
    %group = arith.divui %lin, %c@RGX@ : index
    %firstM = arith.muli %group, %c@RG@ : index
    %leftM = arith.subi %c@GY@, %firstM : index
    %gsize = arith.minui %leftM, %c@RG@ : index
    %inGroup = arith.remui %lin, %c@RGX@ : index
    %mb0 = arith.remui %inGroup, %gsize : index
    %mb = arith.addi %firstM, %mb0 : index
    %nb = arith.divui %inGroup, %gsize : index
    %m0 = arith.muli %mb, %c128 : index
    %n0 = arith.muli %nb, %kBN : index)";

/// The k-slice of stage %s for warpgroup %wg: wait until the stage is full,
/// issue the warpgroup's MMAs (waiting until only this slice's are in
/// flight). Defines %acc2 from %acc.
constexpr llvm::StringLiteral kConsumeSlice = R"(
      %s = arith.remui %t, %kS : index
      %round = arith.divui %t, %kS : index
      %round64 = arith.index_cast %round : index to i64
      %parity = arith.trunci %round64 : i64 to i1
      nvgpu.mbarrier.try_wait.parity %bars[%s], %parity, %ticks : !bars
      %aoff0 = arith.muli %s, %kA : index
      %aoff1 = arith.addi %aoff0, %pad : index
      %aoff = arith.addi %aoff1, %myRows : index
      %boff0 = arith.muli %s, %kB : index
      %boff1 = arith.addi %boff0, %kBbase : index
      %boff = arith.addi %boff1, %pad : index
      %av = memref.view %raw[%aoff][] : !smem to !tileA
      %bv = memref.view %raw[%boff][] : !smem to !tileB
      %wa = nvgpu.warpgroup.generate.descriptor %av, %da : !tileA, !descA -> !wdA
      %wb = nvgpu.warpgroup.generate.descriptor %bv, %db : !tileB, !descB -> !wdB
      %acc2 = nvgpu.warpgroup.mma %wa, %wb, %acc {transposeB} : !wdA, !wdB, !acc -> !acc)";

/// The accumulators %accF to C through shared memory (the stages' space),
/// by the @CONSUMERS@ consumer threads; @SYNC@ synchronizes them.
constexpr llvm::StringLiteral kStoreTile = R"(
    nvvm.wgmma.wait.group.sync.aligned 0
    @SYNC@
    // The store places each warpgroup's rows by its absolute thread index:
    // warpgroup g's land @R@ x g rows lower in the tile.
    %cv = memref.view %raw[%pad][] : !smem to !accC
    nvgpu.warpgroup.mma.store %accF, %cv : !acc to !accC
    @SYNC@
    %tile = memref.view %raw[%pad][] : !smem to !tileC
    %row0 = arith.divui %tid, %kPerRow : index
    %lane = arith.remui %tid, %kPerRow : index
    %col = arith.muli %lane, %c4 : index
    %gc = arith.addi %n0, %col : index
    scf.for %r = %row0 to %c128 step %kRowStep {
      %v = vector.load %tile[%r, %col] : !tileC, vector<4xf32>
      %gr = arith.addi %m0, %r : index
      vector.store %v, %C[%gr, %gc] : memref<@M@x@N@xf32>, vector<4xf32>
    })";

/// Every warpgroup consumes; thread 0 also loads, refilling slice t-1's
/// stage once a block barrier shows every warpgroup done with it.
constexpr llvm::StringLiteral kSharedLeaderMain = R"(
    scf.if %leader {
      scf.for %s = %c0 to %kS step %c1 {
        nvgpu.mbarrier.init %bars[%s], %c1 : !bars
      }
      nvgpu.tma.prefetch.descriptor %da : !descA
      nvgpu.tma.prefetch.descriptor %db : !descB
      scf.for %t0 = %c0 to %kS step %c1 {@LOAD_FIRST@
      }
    }
    gpu.barrier
    %myRows = arith.muli %wg, %kRowBytes : index
    %acc0 = nvgpu.warpgroup.mma.init.accumulator -> !acc
    %accF = scf.for %t = %c0 to %kT step %c1 iter_args(%acc = %acc0) -> (!acc) {@CONSUME@
      // Each warp waited for all but this slice's MMAs: after the barrier
      // slice t-1's stage is free for slice t-1+S.
      gpu.barrier
      %next0 = arith.addi %t, %kS : index
      %next = arith.subi %next0, %c1 : index
      %started = arith.cmpi uge, %t, %c1 : index
      %inRange = arith.cmpi ult, %next, %kT : index
      %ok0 = arith.andi %started, %inRange : i1
      %ok = arith.andi %ok0, %leader : i1
      scf.if %ok {@LOAD_NEXT@
      }
      scf.yield %acc2 : !acc
    }@STORE_ALL@)";

/// Warp specialization: warpgroup @WG@ (the last) only loads: its first
/// thread refills a stage as soon as every consumer thread has arrived on
/// the stage's "empty" barrier, which they do once the slice's MMAs are
/// done; the consumers never wait for each other until the epilogue
/// (a named barrier of the @CONSUMERS@ consumer threads).
constexpr llvm::StringLiteral kSpecializedMain = R"(
    %empty = nvgpu.mbarrier.create -> !bars
    %kConsumers = arith.constant @CONSUMERS@ : index
    %kProducerWg = arith.constant @WG@ : index
    scf.if %leader {
      scf.for %s = %c0 to %kS step %c1 {
        nvgpu.mbarrier.init %bars[%s], %c1 : !bars
        nvgpu.mbarrier.init %empty[%s], %kConsumers : !bars
      }
    }
    gpu.barrier
    %isProducer = arith.cmpi eq, %wg, %kProducerWg : index
    scf.if %isProducer {
      %ptid = arith.remui %tid, %c128 : index
      %pleader = arith.cmpi eq, %ptid, %c0 : index
      scf.if %pleader {
        nvgpu.tma.prefetch.descriptor %da : !descA
        nvgpu.tma.prefetch.descriptor %db : !descB
        scf.for %next = %c0 to %kT step %c1 {
          %reuse = arith.cmpi uge, %next, %kS : index
          scf.if %reuse {
            %se = arith.remui %next, %kS : index
            %re0 = arith.divui %next, %kS : index
            %re = arith.subi %re0, %c1 : index
            %re64 = arith.index_cast %re : index to i64
            %pe = arith.trunci %re64 : i64 to i1
            nvgpu.mbarrier.try_wait.parity %empty[%se], %pe, %ticks : !bars
          }@LOAD_NEXT@
        }
      }
    } else {
      %myRows = arith.muli %wg, %kRowBytes : index
      %acc0 = nvgpu.warpgroup.mma.init.accumulator -> !acc
      %accF = scf.for %t = %c0 to %kT step %c1 iter_args(%acc = %acc0) -> (!acc) {@CONSUME@
        // All but this slice's MMAs are done: slice t-1's stage is free.
        %started = arith.cmpi uge, %t, %c1 : index
        scf.if %started {
          %prev = arith.subi %t, %c1 : index
          %sp = arith.remui %prev, %kS : index
          %tok = nvgpu.mbarrier.arrive %empty[%sp] : !bars -> !nvgpu.mbarrier.token
        }
        scf.yield %acc2 : !acc
      }
      %bid = arith.constant 1 : i32
      %nCons = arith.constant @CONSUMERS@ : i32@STORE_CONSUMERS@
    })";

/// A module holding the kernel function `name` (and the dynamic shared
/// memory declaration) for an M x N x K matmul run with `config`.
std::string kernelModule(const std::string &name, int64_t m, int64_t n,
                         int64_t k, const ::cwm::WgmmaConfig &config) {
  int64_t rows = kWgmmaTileM / config.warpgroups;
  int64_t sliceA = kWgmmaTileM * kWgmmaTileK * 2,
          sliceB = kWgmmaTileK * config.blockN * 2;
  int64_t consumers = 128 * config.warpgroups;
  int64_t perRow = config.blockN / 4; // threads per output row (16 bytes each)
  int64_t gx = n / config.blockN, gy = m / kWgmmaTileM;
  std::vector<int64_t> constants = {0, 1, 4, 64, 128, 1024};
  if (config.raster > 0)
    for (int64_t v : {gx, gy, config.raster, config.raster * gx})
      constants.push_back(v);
  for (int64_t g = 0; g < config.warpgroups; ++g) {
    constants.push_back(g * rows * kWgmmaTileK * 2);
    constants.push_back(g * rows);
  }
  for (int64_t j = 0; j < config.blockN / 64; ++j) {
    constants.push_back(j * 64 * kWgmmaTileK * 2);
    constants.push_back(j * 64);
  }
  std::map<std::string, std::string> values = {
      {"NAME", name},
      {"M", std::to_string(m)},
      {"N", std::to_string(n)},
      {"K", std::to_string(k)},
      {"S", std::to_string(config.stages)},
      {"R", std::to_string(rows)},
      {"BN", std::to_string(config.blockN)},
      {"THREADS", std::to_string(config.threads())},
      {"CONSUMERS", std::to_string(consumers)},
      {"WG", std::to_string(config.warpgroups)},
      {"PER_ROW", std::to_string(perRow)},
      {"ROW_STEP", std::to_string(consumers / perRow)},
      {"A_ROW_BYTES", std::to_string(rows * kWgmmaTileK * 2)},
      {"SLICES", std::to_string(k / kWgmmaTileK)},
      {"GX", std::to_string(gx)},
      {"GY", std::to_string(gy)},
      {"RG", std::to_string(config.raster)},
      {"RGX", std::to_string(config.raster * gx)},
      {"SMEM", std::to_string(config.sharedBytes())},
      {"SLICE_A", std::to_string(sliceA)},
      {"SLICE_B", std::to_string(sliceB)},
      {"B_BASE", std::to_string(config.stages * sliceA)},
      {"SLICE_BYTES", std::to_string(sliceA + sliceB)},
      {"GLOBAL", kSharedGlobal.str()},
      {"CONSTANTS", indexConstants(constants)},
      {"LOAD_FIRST", loadSlice("%t0", "p", config)},
      {"LOAD_NEXT", loadSlice("%next", "l", config)}};
  values["CONSUME"] = kConsumeSlice.str();
  values["STORE_ALL"] = fillTemplate(kStoreTile.str(), {{"SYNC", "gpu.barrier"}});
  values["STORE_CONSUMERS"] = fillTemplate(
      kStoreTile.str(),
      {{"SYNC", "nvvm.barrier id = %bid number_of_threads = %nCons"}});
  values["BLOCK_MAP"] =
      (config.raster > 0 ? kGroupedBlocks : kPlainBlocks).str();
  values["MAIN"] =
      (config.producer ? kSpecializedMain : kSharedLeaderMain).str();
  return fillTemplate(R"(
!descA = !nvgpu.tensormap.descriptor<tensor = memref<@R@x64xf16, 3>, swizzle = swizzle_128b, l2promo = l2promo_256b, oob = zero, interleave = none>
!descB = !nvgpu.tensormap.descriptor<tensor = memref<64x64xf16, 3>, swizzle = swizzle_128b, l2promo = l2promo_256b, oob = zero, interleave = none>
!bars = !nvgpu.mbarrier.group<memorySpace = #gpu.address_space<workgroup>, num_barriers = @S@>
!acc = !nvgpu.warpgroup.accumulator<fragmented = vector<@R@x@BN@xf32>>
!wdA = !nvgpu.warpgroup.descriptor<tensor = memref<@R@x64xf16, 3>>
!wdB = !nvgpu.warpgroup.descriptor<tensor = memref<64x@BN@xf16, 3>>
!smem = memref<@SMEM@xi8, #gpu.address_space<workgroup>>
!tileA = memref<@R@x64xf16, #gpu.address_space<workgroup>>
!tileB = memref<64x@BN@xf16, #gpu.address_space<workgroup>>
!boxB = memref<64x64xf16, #gpu.address_space<workgroup>>
!accC = memref<@R@x@BN@xf32, #gpu.address_space<workgroup>>
!tileC = memref<128x@BN@xf32, #gpu.address_space<workgroup>>
module {
memref.global @@GLOBAL@ : memref<0xi8, #gpu.address_space<workgroup>> {alignment = 1024}
func.func private @@NAME@(%A: memref<@M@x@K@xf16>, %B: memref<@K@x@N@xf16>, %C: memref<@M@x@N@xf32>) attributes {llvm.linkage = #llvm.linkage<internal>} {
  %h1 = arith.constant 1 : index
  %h64 = arith.constant 64 : index
  %hR = arith.constant @R@ : index
  %hThreads = arith.constant @THREADS@ : index
  %gx = arith.constant @GX@ : index
  %gy = arith.constant @GY@ : index
  %smemBytes = arith.constant @SMEM@ : i32
  %ua = memref.cast %A : memref<@M@x@K@xf16> to memref<*xf16>
  %ub = memref.cast %B : memref<@K@x@N@xf16> to memref<*xf16>
  %da = nvgpu.tma.create.descriptor %ua box[%hR, %h64] : memref<*xf16> -> !descA
  %db = nvgpu.tma.create.descriptor %ub box[%h64, %h64] : memref<*xf16> -> !descB
  gpu.launch blocks(%bx, %by, %bz) in (%gxx = %gx, %gyy = %gy, %gzz = %h1)
             threads(%tx, %ty, %tz) in (%nx = %hThreads, %ny = %h1, %nz = %h1)
             dynamic_shared_memory_size %smemBytes {@CONSTANTS@
    %kS = arith.constant @S@ : index
    %kT = arith.constant @SLICES@ : index
    %kA = arith.constant @SLICE_A@ : index
    %kB = arith.constant @SLICE_B@ : index
    %kBbase = arith.constant @B_BASE@ : index
    %kBN = arith.constant @BN@ : index
    %kRowBytes = arith.constant @A_ROW_BYTES@ : index
    %kPerRow = arith.constant @PER_ROW@ : index
    %kRowStep = arith.constant @ROW_STEP@ : index
    %sliceBytes = arith.constant @SLICE_BYTES@ : index
    %ticks = arith.constant 10000000 : index
    %tid = gpu.thread_id x
    %wg = arith.divui %tid, %c128 : index@BLOCK_MAP@
    %g = memref.get_global @@GLOBAL@ : memref<0xi8, #gpu.address_space<workgroup>>
    %raw = memref.reinterpret_cast %g to offset: [0], sizes: [@SMEM@], strides: [1] : memref<0xi8, #gpu.address_space<workgroup>> to !smem
    // Stages start on a 1024-byte boundary (the swizzle atom): the start of
    // dynamic shared memory is rounded up at run time if it is not.
    %addr = memref.extract_aligned_pointer_as_index %raw : !smem -> index
    %rem = arith.remui %addr, %c1024 : index
    %pad0 = arith.subi %c1024, %rem : index
    %pad = arith.remui %pad0, %c1024 : index
    %bars = nvgpu.mbarrier.create -> !bars
    %leader = arith.cmpi eq, %tid, %c0 : index@MAIN@
    gpu.terminator
  }
  return
}
}
)",
              values);
}

struct GpuWgmma final : impl::GpuWgmmaBase<GpuWgmma> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::MatmulOp> marked;
    module.walk([&](linalg::MatmulOp matmul) {
      if (matmul->hasAttr(kStagesAttr))
        marked.push_back(matmul);
    });
    for (linalg::MatmulOp matmul : marked)
      if (failed(buildKernel(module, matmul)))
        return signalPassFailure();
  }

  LogicalResult buildKernel(ModuleOp module, linalg::MatmulOp matmul) {
    Builder b(module.getContext());
    auto stagesAttr = dyn_cast<IntegerAttr>(matmul->getAttr(kStagesAttr));
    FailureOr<std::array<int64_t, 3>> shape = templateMatmulShape(
        matmul, b.getF16Type(), "wgmma", "f16 x f16 -> f32 operands");
    if (failed(shape))
      return failure();
    int64_t m = (*shape)[0], n = (*shape)[1], k = (*shape)[2];
    ::cwm::WgmmaConfig config;
    config.stages = stagesAttr ? stagesAttr.getInt() : 0;
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kBlockNAttr))
      config.blockN = attr.getInt();
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kWarpgroupsAttr))
      config.warpgroups = attr.getInt();
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kProducerAttr))
      config.producer = attr.getInt();
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kRasterAttr))
      config.raster = attr.getInt();
    std::string unsupported =
        ::cwm::wgmmaShapeUnsupportedReason(m, n, k, config);
    if (!unsupported.empty())
      return matmul.emitError("wgmma: ") << unsupported;
    std::string name = "cwm_wgmma_" + std::to_string(m) + "x" +
                       std::to_string(n) + "x" + std::to_string(k) + "_s" +
                       std::to_string(config.stages) + "_n" +
                       std::to_string(config.blockN) + "_w" +
                       std::to_string(config.warpgroups) +
                       (config.producer ? "_p" : "") +
                       (config.raster ? "_r" + std::to_string(config.raster)
                                      : "");
    return replaceByKernel(
        module, matmul, name,
        [&] { return kernelModule(name, m, n, k, config); }, "wgmma");
  }
};

} // namespace
} // namespace mlir::cwm
