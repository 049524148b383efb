//===- GpuSimtGemm.cpp - CUDA-core f32 GEMM kernels for marked matmuls ----===//
//
// A matmul that a simt_gemm schedule marked (`cwm.simt_gemm_bm`, on buffers
// after bufferization) becomes a call to a kernel function built here from
// its static shapes: C (M x N) = A (M x K) . B (K x N), all f32 and
// row-major. Every block computes a bm x bn tile of C with (bm/8) x (bn/8)
// threads:
//  - thread (tx, ty) accumulates an 8 x 8 register tile as 2 x 2 quads of
//    4 x 4: rows ty*4 and bm/2 + ty*4, columns tx*4 and bn/2 + tx*4 (four
//    128-bit shared-memory loads feed 64 FMAs per k, and the threads of a
//    warp read A's quads as broadcasts and B's without bank conflicts);
//  - k-slices of bk are double-buffered in static shared memory: A stored
//    transposed (k-major, rows padded by 4 floats), B as it is; while slice
//    t is multiplied, slice t+1 is already loaded from global memory into
//    registers with 16-byte loads and stored to the other buffer after it;
//    one block barrier per slice;
//  - the accumulators go to C with 16-byte stores.
// The fill that zeroed C is erased: the kernel writes every element. With
// split > 1, k is split among `split` blocks per tile (grid z, each taking
// k / split): C is zeroed by a first launch and every block adds its partial
// tile to C with atomic adds.
// An elementwise linalg.generic after the matmul that reads its output
// (bias, activation, residual: findEpilogue) is computed in the stores and
// erased: the kernel writes its output instead of C; after a split kernel a
// last launch applies it to C a quad per thread.
//
//===----------------------------------------------------------------------===//

#include "KernelTemplate.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Schedule/Validity.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/ADT/StringExtras.h"

#include <functional>
#include <map>
#include <string>

namespace mlir::cwm {

#define GEN_PASS_DEF_GPUSIMTGEMM
#include "cwm/Pipelines/Passes.h.inc"

namespace {

using ::cwm::kSimtThreadTile;
using ::cwm::SimtGemmConfig;

constexpr llvm::StringLiteral kBmAttr = "cwm.simt_gemm_bm";
constexpr llvm::StringLiteral kBnAttr = "cwm.simt_gemm_bn";
constexpr llvm::StringLiteral kBkAttr = "cwm.simt_gemm_bk";
constexpr llvm::StringLiteral kSplitAttr = "cwm.simt_gemm_split";

std::string str(int64_t v) { return std::to_string(v); }

/// "%p0, %p1, ..." for `count` values named `stem`N.
std::string names(const std::string &stem, int64_t count) {
  std::string text;
  for (int64_t i = 0; i < count; ++i)
    text += (i ? ", %" : "%") + stem + str(i);
  return text;
}

/// "vector<4xf32>, ..." `count` times.
std::string quadTypes(int64_t count) {
  std::string text;
  for (int64_t i = 0; i < count; ++i)
    text += (i ? ", " : "") + std::string("vector<4xf32>");
  return text;
}

/// A launch over C (m x n f32, m x n a multiple of 1024) of 256 threads per
/// block, one quad of four columns per thread: `body` uses %<prefix>r and
/// %<prefix>c, the quad's row and first column (`prefix` keeps the SSA
/// names of two such launches apart).
std::string quadLaunch(const std::string &prefix, int64_t m, int64_t n,
                       const std::string &body) {
  return fillTemplate(R"(
  %@P@blocks = arith.constant @BLOCKS@ : index
  %@P@256 = arith.constant 256 : index
  gpu.launch blocks(%@P@bx, %@P@by, %@P@bz) in (%@P@gx = %@P@blocks, %@P@gy = %h1, %@P@gz = %h1)
             threads(%@P@tx, %@P@ty, %@P@tz) in (%@P@nx = %@P@256, %@P@ny = %h1, %@P@nz = %h1) {
    %@P@q = arith.constant @QUADS@ : index
    %@P@4 = arith.constant 4 : index
    %@P@base = arith.muli %@P@bx, %@P@256 : index
    %@P@i = arith.addi %@P@base, %@P@tx : index
    %@P@r = arith.divui %@P@i, %@P@q : index
    %@P@c0 = arith.remui %@P@i, %@P@q : index
    %@P@c = arith.muli %@P@c0, %@P@4 : index@BODY@
    gpu.terminator
  })",
                      {{"BLOCKS", str(m * n / 4 / 256)},
                       {"QUADS", str(n / 4)},
                       {"BODY", body},
                       {"P", prefix}});
}

/// A launch that zeroes C. A kernel rather than gpu.memset, which the
/// runtime has (mgpuMemset32): the runtime's timer measures kernel launches
/// only, and the zeroing is part of what a split kernel costs.
std::string zeroLaunch(int64_t m, int64_t n) {
  return quadLaunch("z", m, n, fillTemplate(R"(
    %zv = arith.constant dense<0.0> : vector<4xf32>
    vector.store %zv, %C[%zr, %zc] : memref<@M@x@N@xf32>, vector<4xf32>)",
                                       {{"M", str(m)}, {"N", str(n)}}));
}

/// A launch that reads C and stores it again through a store marked for the
/// epilogue: after a split kernel has added up C, the epilogue's pass over
/// it.
std::string epilogueLaunch(int64_t m, int64_t n) {
  return quadLaunch("e", m, n, fillTemplate(R"(
    %ev = vector.load %C[%er, %ec] : memref<@M@x@N@xf32>, vector<4xf32>
    vector.store %ev, %C[%er, %ec] {cwm.epilogue} : memref<@M@x@N@xf32>, vector<4xf32>)",
                                       {{"M", str(m)}, {"N", str(n)}}));
}

/// The kernel function `name` for an m x n x k f32 matmul; with an
/// epilogue, its arguments follow C and the stores of C are marked for it.
std::string kernelModule(const std::string &name, int64_t m, int64_t n,
                         int64_t k, const SimtGemmConfig &config,
                         const Epilogue &fused) {
  int64_t bm = config.bm, bn = config.bn, bk = config.bk;
  int64_t threads = config.threads();
  int64_t tx = bn / kSimtThreadTile;
  // Per thread and slice: 16-byte loads of A (bm x bk) and of B (bk x bn).
  int64_t loadsA = bm * bk / 4 / threads, loadsB = bk * bn / 4 / threads;
  int64_t pitchA = bm + 4;
  int64_t split = config.split;
  int64_t slices = k / bk / split;
  std::vector<int64_t> constants = {0,      1,      2,      3,      4,
                                    bk,     bk / 4, bn / 4, tx,     bm / 2,
                                    bn / 2, bm,     bn,     slices, threads,
                                    k / split};
  for (int64_t kk = 0; kk < bk; ++kk)
    constants.push_back(kk);
  for (int64_t j = 0; j < std::max(loadsA, loadsB); ++j)
    constants.push_back(j * threads);

  // Where thread tid's j-th loads of a slice come from (row and column in
  // the slice) and go to.
  std::string coords;
  for (int64_t j = 0; j < loadsA; ++j)
    coords += fillTemplate(
        R"(
    %ia@J@ = arith.addi %tid, %c@OFF@ : index
    %ar@J@ = arith.divui %ia@J@, %c@KQ@ : index
    %aq@J@ = arith.remui %ia@J@, %c@KQ@ : index
    %ak@J@ = arith.muli %aq@J@, %c4 : index
    %agr@J@ = arith.addi %m0, %ar@J@ : index)",
        {{"J", str(j)}, {"OFF", str(j * threads)}, {"KQ", str(bk / 4)}});
  for (int64_t j = 0; j < loadsB; ++j)
    coords += fillTemplate(
        R"(
    %ib@J@ = arith.addi %tid, %c@OFF@ : index
    %br@J@ = arith.divui %ib@J@, %c@NQ@ : index
    %bq@J@ = arith.remui %ib@J@, %c@NQ@ : index
    %bc@J@ = arith.muli %bq@J@, %c4 : index
    %bgc@J@ = arith.addi %n0, %bc@J@ : index)",
        {{"J", str(j)}, {"OFF", str(j * threads)}, {"NQ", str(bn / 4)}});

  // Loads of the slice starting at column (of A) / row (of B) %K0 into
  // %<P>a<j> and %<P>b<j>.
  auto loadSlice = [&](const std::string &prefix, const std::string &k0) {
    std::string text;
    for (int64_t j = 0; j < loadsA; ++j)
      text += fillTemplate(R"(
      %@P@ka@J@ = arith.addi @K0@, %ak@J@ : index
      %@P@a@J@ = vector.load %A[%agr@J@, %@P@ka@J@] : memref<@M@x@K@xf32>, vector<4xf32>)",
                           {{"J", str(j)}, {"P", prefix}, {"K0", k0}});
    for (int64_t j = 0; j < loadsB; ++j)
      text += fillTemplate(R"(
      %@P@kb@J@ = arith.addi @K0@, %br@J@ : index
      %@P@b@J@ = vector.load %B[%@P@kb@J@, %bgc@J@] : memref<@K@x@N@xf32>, vector<4xf32>)",
                           {{"J", str(j)}, {"P", prefix}, {"K0", k0}});
    return text;
  };
  // Stores of the loaded values (transposed for A) into buffer `buf`:
  // valueA(j) and valueB(j) name them; `tag` keeps SSA names unique.
  auto storeSlice = [&](const std::function<std::string(int64_t)> &valueA,
                        const std::function<std::string(int64_t)> &valueB,
                        const std::string &tag, const std::string &buf) {
    std::string text;
    for (int64_t j = 0; j < loadsA; ++j)
      for (int64_t e = 0; e < 4; ++e)
        text += fillTemplate(R"(
      %@P@x@J@_@E@ = vector.extract @VALUE@[@E@] : f32 from vector<4xf32>
      %@P@kk@J@_@E@ = arith.addi %ak@J@, %c@E@ : index
      memref.store %@P@x@J@_@E@, %As[@BUF@, %@P@kk@J@_@E@, %ar@J@] : !bufA)",
                             {{"J", str(j)},
                              {"E", str(e)},
                              {"P", tag},
                              {"VALUE", valueA(j)},
                              {"BUF", buf}});
    for (int64_t j = 0; j < loadsB; ++j)
      text += fillTemplate(R"(
      vector.store @VALUE@, %Bs[@BUF@, %br@J@, %bc@J@] : !bufB, vector<4xf32>)",
                           {{"J", str(j)}, {"VALUE", valueB(j)}, {"BUF", buf}});
    return text;
  };

  // Where a block's part of k starts (split > 1: block z's k / split).
  std::string firstK = split > 1 ? "%kb" : "%c0";
  std::string blockK =
      split > 1 ? fillTemplate(R"(
    %kb = arith.muli %bz, %c@KS@ : index)",
                               {{"KS", str(k / split)}})
                : "";
  std::string nextK =
      split > 1 ? "\n      %k1r = arith.muli %t1, %c" + str(bk) +
                      " : index\n      %k1 = arith.addi %k1r, %kb : index"
                : "\n      %k1 = arith.muli %t1, %c" + str(bk) + " : index";

  // One k of the slice in buffer %buf: 8 x 8 FMAs into %q<r*2+h> -> %u...
  std::string multiply;
  std::string accIn = "q", accOut;
  for (int64_t kk = 0; kk < bk; ++kk) {
    accOut = "u" + str(kk) + "_";
    multiply += fillTemplate(R"(
      %a0_@KK@ = vector.load %As[%buf, %c@KK@, %ty4] : !bufA, vector<4xf32>
      %a1_@KK@ = vector.load %As[%buf, %c@KK@, %ty4h] : !bufA, vector<4xf32>
      %b0_@KK@ = vector.load %Bs[%buf, %c@KK@, %tx4] : !bufB, vector<4xf32>
      %b1_@KK@ = vector.load %Bs[%buf, %c@KK@, %tx4h] : !bufB, vector<4xf32>)",
                             {{"KK", str(kk)}});
    for (int64_t r = 0; r < 8; ++r) {
      multiply += fillTemplate(R"(
      %s@R@_@KK@ = vector.extract %a@H@_@KK@[@E@] : f32 from vector<4xf32>
      %v@R@_@KK@ = vector.broadcast %s@R@_@KK@ : f32 to vector<4xf32>
      %@OUT@@Q0@ = vector.fma %v@R@_@KK@, %b0_@KK@, %@IN@@Q0@ : vector<4xf32>
      %@OUT@@Q1@ = vector.fma %v@R@_@KK@, %b1_@KK@, %@IN@@Q1@ : vector<4xf32>)",
                               {{"R", str(r)},
                                {"KK", str(kk)},
                                {"H", str(r / 4)},
                                {"E", str(r % 4)},
                                {"OUT", accOut},
                                {"IN", accIn},
                                {"Q0", str(2 * r)},
                                {"Q1", str(2 * r + 1)}});
    }
    accIn = accOut;
  }

  // Rows r of the thread's tile to C: stored, or added element by element
  // when k is split.
  std::string epilogue;
  for (int64_t r = 0; r < 8 && split > 1; ++r)
    for (int64_t q = 0; q < 2; ++q)
      for (int64_t e = 0; e < 4; ++e)
        epilogue += fillTemplate(R"(
    %x@R@_@Q@_@E@ = vector.extract %acc#@ACC@[@E@] : f32 from vector<4xf32>
    %row@R@_@Q@_@E@ = arith.addi %@BASE@, %c@OFF@ : index
    %gr@R@_@Q@_@E@ = arith.addi %m0, %row@R@_@Q@_@E@ : index
    %col@R@_@Q@_@E@ = arith.addi %gc@Q@, %c@E@ : index
    %old@R@_@Q@_@E@ = memref.atomic_rmw addf %x@R@_@Q@_@E@, %C[%gr@R@_@Q@_@E@, %col@R@_@Q@_@E@] : (f32, memref<@M@x@N@xf32>) -> f32)",
                                 {{"R", str(r)},
                                  {"Q", str(q)},
                                  {"E", str(e)},
                                  {"BASE", r < 4 ? "ty4" : "ty4h"},
                                  {"OFF", str(r % 4)},
                                  {"ACC", str(2 * r + q)}});
  for (int64_t r = 0; r < 8 && split == 1; ++r)
    epilogue += fillTemplate(R"(
    %row@R@ = arith.addi %@BASE@, %c@OFF@ : index
    %gr@R@ = arith.addi %m0, %row@R@ : index
    vector.store %acc#@Q0@, %C[%gr@R@, %gc0] {cwm.epilogue} : memref<@M@x@N@xf32>, vector<4xf32>
    vector.store %acc#@Q1@, %C[%gr@R@, %gc1] {cwm.epilogue} : memref<@M@x@N@xf32>, vector<4xf32>)",
                             {{"R", str(r)},
                              {"BASE", r < 4 ? "ty4" : "ty4h"},
                              {"OFF", str(r % 4)},
                              {"Q0", str(2 * r)},
                              {"Q1", str(2 * r + 1)}});

  std::map<std::string, std::string> values = {
      {"NAME", name},
      {"M", str(m)},
      {"N", str(n)},
      {"K", str(k)},
      {"BK", str(bk)},
      {"PA", str(pitchA)},
      {"BNC", str(bn)},
      {"THREADS", str(threads)},
      {"GX", str(n / bn)},
      {"GY", str(m / bm)},
      {"GZ", str(split)},
      {"ZERO_LAUNCH", split > 1 ? zeroLaunch(m, n) : ""},
      {"EPILOGUE_LAUNCH",
       split > 1 && !fused.generics.empty() ? epilogueLaunch(m, n) : ""},
      {"EPILOGUE_ARGS", fused.arguments()},
      {"BLOCK_K", blockK},
      {"NEXT_K", nextK},
      {"TXC", str(tx)},
      {"HALFN", str(bn / 2)},
      {"HALFM", str(bm / 2)},
      {"BMC", str(bm)},
      {"SLICES", str(slices)},
      {"CONSTANTS", indexConstants(constants)},
      {"COORDS", coords},
      {"LOAD_FIRST", loadSlice("f", firstK)},
      {"STORE_FIRST",
       storeSlice([](int64_t j) { return "%fa" + str(j); },
                  [](int64_t j) { return "%fb" + str(j); }, "f", "%c0")},
      {"LOAD_NEXT", loadSlice("n", "%k1")},
      {"NEXT_TYPES", quadTypes(loadsA + loadsB)},
      {"NEXT_VALUES",
       names("na", loadsA) + (loadsB ? ", " : "") + names("nb", loadsB)},
      {"NEXT_ZEROS",
       [&] {
         std::string text;
         for (int64_t i = 0; i < loadsA + loadsB; ++i)
           text += (i ? ", " : "") + std::string("%zero");
         return text;
       }()},
      {"NEXT_RESULTS", "%next:" + str(loadsA + loadsB)},
      {"STORE_NEXT",
       storeSlice([](int64_t j) { return "%next#" + str(j); },
                  [&](int64_t j) { return "%next#" + str(loadsA + j); }, "s",
                  "%nbuf")},
      {"ACC_ARGS",
       [&] {
         std::string text;
         for (int64_t i = 0; i < 16; ++i)
           text += (i ? ", %q" : "%q") + str(i) + " = %zero";
         return text;
       }()},
      {"ACC_TYPES", quadTypes(16)},
      {"ACC_YIELD", names(accOut, 16)},
      {"MULTIPLY", multiply},
      {"EPILOGUE", epilogue}};
  return fillTemplate(R"(
!bufA = memref<2x@BK@x@PA@xf32, #gpu.address_space<workgroup>>
!bufB = memref<2x@BK@x@BNC@xf32, #gpu.address_space<workgroup>>
module {
func.func private @@NAME@(%A: memref<@M@x@K@xf32>, %B: memref<@K@x@N@xf32>, %C: memref<@M@x@N@xf32>@EPILOGUE_ARGS@) {
  %h1 = arith.constant 1 : index
  %hThreads = arith.constant @THREADS@ : index
  %gx = arith.constant @GX@ : index
  %gy = arith.constant @GY@ : index
  %gz = arith.constant @GZ@ : index@ZERO_LAUNCH@
  gpu.launch blocks(%bx, %by, %bz) in (%gxx = %gx, %gyy = %gy, %gzz = %gz)
             threads(%tid, %ty0, %tz) in (%nx = %hThreads, %ny = %h1, %nz = %h1)
             workgroup(%As : !bufA, %Bs : !bufB) {@CONSTANTS@
    %zero = arith.constant dense<0.0> : vector<4xf32>
    %tx = arith.remui %tid, %c@TXC@ : index
    %ty = arith.divui %tid, %c@TXC@ : index
    %tx4 = arith.muli %tx, %c4 : index
    %ty4 = arith.muli %ty, %c4 : index
    %tx4h = arith.addi %tx4, %c@HALFN@ : index
    %ty4h = arith.addi %ty4, %c@HALFM@ : index
    %m0 = arith.muli %by, %c@BMC@ : index
    %n0 = arith.muli %bx, %c@BNC@ : index@BLOCK_K@@COORDS@@LOAD_FIRST@@STORE_FIRST@
    gpu.barrier
    %acc:16 = scf.for %t = %c0 to %c@SLICES@ step %c1 iter_args(@ACC_ARGS@) -> (@ACC_TYPES@) {
      %buf = arith.remui %t, %c2 : index
      %nbuf = arith.subi %c1, %buf : index
      %t1 = arith.addi %t, %c1 : index
      %has = arith.cmpi ult, %t1, %c@SLICES@ : index@NEXT_K@
      @NEXT_RESULTS@ = scf.if %has -> (@NEXT_TYPES@) {@LOAD_NEXT@
        scf.yield @NEXT_VALUES@ : @NEXT_TYPES@
      } else {
        scf.yield @NEXT_ZEROS@ : @NEXT_TYPES@
      }@MULTIPLY@
      scf.if %has {@STORE_NEXT@
      }
      gpu.barrier
      scf.yield @ACC_YIELD@ : @ACC_TYPES@
    }
    %gc0 = arith.addi %n0, %tx4 : index
    %gc1 = arith.addi %n0, %tx4h : index@EPILOGUE@
    gpu.terminator
  }@EPILOGUE_LAUNCH@
  return
}
}
)",
                      values);
}

struct GpuSimtGemm final : impl::GpuSimtGemmBase<GpuSimtGemm> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::MatmulOp> marked;
    module.walk([&](linalg::MatmulOp matmul) {
      if (matmul->hasAttr(kBmAttr))
        marked.push_back(matmul);
    });
    for (linalg::MatmulOp matmul : marked)
      if (failed(buildKernel(module, matmul)))
        return signalPassFailure();
  }

  LogicalResult buildKernel(ModuleOp module, linalg::MatmulOp matmul) {
    Builder b(module.getContext());
    FailureOr<std::array<int64_t, 3>> shape =
        templateMatmulShape(matmul, b.getF32Type(), "simt_gemm", "f32 operands");
    if (failed(shape))
      return failure();
    int64_t m = (*shape)[0], n = (*shape)[1], k = (*shape)[2];
    SimtGemmConfig config;
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kBmAttr))
      config.bm = attr.getInt();
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kBnAttr))
      config.bn = attr.getInt();
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kBkAttr))
      config.bk = attr.getInt();
    if (auto attr = matmul->getAttrOfType<IntegerAttr>(kSplitAttr))
      config.split = attr.getInt();
    std::string unsupported =
        ::cwm::simtGemmShapeUnsupportedReason(m, n, k, config);
    if (!unsupported.empty())
      return matmul.emitError("simt_gemm: ") << unsupported;
    FailureOr<Epilogue> fused = findEpilogue(matmul, "simt_gemm");
    if (failed(fused))
      return failure();
    std::string name =
        "cwm_simt_gemm_" + std::to_string(m) + "x" + std::to_string(n) + "x" +
        std::to_string(k) + "_" + std::to_string(config.bm) + "x" +
        std::to_string(config.bn) + "x" + std::to_string(config.bk) +
        (config.split > 1 ? "_split" + std::to_string(config.split) : "") +
        fused->nameSuffix();
    return replaceByKernel(
        module, matmul, name,
        [&] { return kernelModule(name, m, n, k, config, *fused); },
        "simt_gemm", *fused);
  }
};

} // namespace
} // namespace mlir::cwm
