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

/// A launch over C (m x n f32, n a multiple of 4) of 256 threads per
/// block, one quad of four columns per thread: `body` uses %<prefix>r and
/// %<prefix>c, the quad's row and first column (`prefix` keeps the SSA
/// names of two such launches apart). Threads past the last quad do
/// nothing.
std::string quadLaunch(const std::string &prefix, int64_t m, int64_t n,
                       const std::string &body) {
  int64_t quads = m * n / 4;
  bool ragged = quads % 256 != 0;
  return fillTemplate(R"(
  %@P@blocks = arith.constant @BLOCKS@ : index
  %@P@256 = arith.constant 256 : index
  gpu.launch blocks(%@P@bx, %@P@by, %@P@bz) in (%@P@gx = %@P@blocks, %@P@gy = %h1, %@P@gz = %h1)
             threads(%@P@tx, %@P@ty, %@P@tz) in (%@P@nx = %@P@256, %@P@ny = %h1, %@P@nz = %h1) {
    %@P@q = arith.constant @QUADS@ : index
    %@P@4 = arith.constant 4 : index
    %@P@base = arith.muli %@P@bx, %@P@256 : index
    %@P@i = arith.addi %@P@base, %@P@tx : index@GUARD_OPEN@
    %@P@r = arith.divui %@P@i, %@P@q : index
    %@P@c0 = arith.remui %@P@i, %@P@q : index
    %@P@c = arith.muli %@P@c0, %@P@4 : index@BODY@@GUARD_CLOSE@
    gpu.terminator
  })",
                      {{"BLOCKS", str((quads + 255) / 256)},
                       {"QUADS", str(n / 4)},
                       {"GUARD_OPEN", ragged ? R"(
    %@P@all = arith.constant )" + str(quads) + R"( : index
    %@P@in = arith.cmpi ult, %@P@i, %@P@all : index
    scf.if %@P@in {)"
                                             : ""},
                       {"GUARD_CLOSE", ragged ? "\n    }" : ""},
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

/// How a convolution's implicit GEMM reads A (m x k) from its input
/// (batch x h x w x channels, before its pad): row r of A is the output
/// pixel (b, y, x) of an oh x ow output, column k the filter tap (i, j) and
/// channel c (k = (i * kw + j) * channels + c, the order of the filter's
/// HWCF rows); the element is input[b, y * sh + i * dh - padTop, x * sw +
/// j * dw - padLeft, c], or the pad's zero outside the input.
struct ConvGather {
  int64_t batch = 1, h = 1, w = 1, channels = 1;
  int64_t oh = 1, ow = 1, kw = 1;
  int64_t sh = 1, sw = 1, dh = 1, dw = 1;
  int64_t padTop = 0, padLeft = 0;
  std::string inputType() const {
    return "memref<" + str(batch) + "x" + str(h) + "x" + str(w) + "x" +
           str(channels) + "xf32>";
  }
};

/// The kernel function `name` for an m x n x k f32 matmul, or with `conv`
/// the implicit GEMM of a convolution (A gathered from its input, rows past
/// m masked); with an epilogue, its arguments follow C and the stores of C
/// are marked for it.
std::string kernelModule(const std::string &name, int64_t m, int64_t n,
                         int64_t k, const SimtGemmConfig &config,
                         const Epilogue &fused,
                         const ConvGather *conv = nullptr) {
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
  if (conv)
    for (int64_t v : {conv->oh * conv->ow, conv->ow, conv->sh, conv->sw,
                      conv->padTop, conv->padLeft, conv->kw * conv->channels,
                      conv->channels, conv->dh, conv->dw, conv->h, conv->w})
      constants.push_back(v);
  // Ragged edges: the last row (column) of blocks reads clamped rows of A
  // (columns of B) and stores only what lies inside C.
  bool maskRows = m % bm != 0, maskCols = n % bn != 0;
  if (maskRows)
    llvm::append_range(constants, std::vector<int64_t>{m, m - 1});
  if (maskCols)
    llvm::append_range(constants, std::vector<int64_t>{n, n - 4});
  std::string aType =
      conv ? conv->inputType() : "memref<" + str(m) + "x" + str(k) + "xf32>";
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
  // Rows past m (a ragged last row of blocks) read row m - 1: their
  // products are never stored. `aRow(j)` names the row a load reads.
  for (int64_t j = 0; maskRows && j < loadsA; ++j)
    coords += fillTemplate(R"(
    %alast@J@ = arith.minui %agr@J@, %c@MLAST@ : index)",
                           {{"J", str(j)}, {"MLAST", str(m - 1)}});
  auto aRow = [&](int64_t j) {
    return (maskRows ? "%alast" : "%agr") + str(j);
  };
  // A convolution's row: its output pixel and where its window starts in
  // the input (negative in the pad).
  for (int64_t j = 0; conv && j < loadsA; ++j)
    coords += fillTemplate(
        R"(
    %an@J@ = arith.divui @AROW@, %c@OHW@ : index
    %apix@J@ = arith.remui @AROW@, %c@OHW@ : index
    %aoy@J@ = arith.divui %apix@J@, %c@OW@ : index
    %aox@J@ = arith.remui %apix@J@, %c@OW@ : index
    %aiy0@J@ = arith.muli %aoy@J@, %c@SH@ : index
    %aiy@J@ = arith.subi %aiy0@J@, %c@PT@ : index
    %aix0@J@ = arith.muli %aox@J@, %c@SW@ : index
    %aix@J@ = arith.subi %aix0@J@, %c@PL@ : index)",
        {{"J", str(j)},
         {"AROW", aRow(j)},
         {"OHW", str(conv->oh * conv->ow)},
         {"OW", str(conv->ow)},
         {"SH", str(conv->sh)},
         {"SW", str(conv->sw)},
         {"PT", str(conv->padTop)},
         {"PL", str(conv->padLeft)}});
  for (int64_t j = 0; j < loadsB; ++j)
    coords += fillTemplate(
        R"(
    %ib@J@ = arith.addi %tid, %c@OFF@ : index
    %br@J@ = arith.divui %ib@J@, %c@NQ@ : index
    %bq@J@ = arith.remui %ib@J@, %c@NQ@ : index
    %bc@J@ = arith.muli %bq@J@, %c4 : index
    %bgc@J@ = arith.addi %n0, %bc@J@ : index@CLAMP@)",
        {{"J", str(j)},
         {"OFF", str(j * threads)},
         {"NQ", str(bn / 4)},
         // Columns past n (a ragged last column of blocks) read the last
         // quad: never stored.
         {"CLAMP", maskCols ? "\n    %blast@J@ = arith.minui %bgc@J@, %c" +
                                  str(n - 4) + " : index"
                            : ""}});
  auto bColumn = [&](int64_t j) {
    return (maskCols ? "%blast" : "%bgc") + str(j);
  };

  // Loads of the slice starting at column (of A) / row (of B) %K0 into
  // %<P>a<j> and %<P>b<j>: 16-byte aligned by construction (k and n are
  // multiples of 4, every quad starts at a multiple of 4), which the
  // clamps of ragged edges would hide from cwm-gpu-align-vector-accesses.
  auto loadSlice = [&](const std::string &prefix, const std::string &k0) {
    std::string text;
    for (int64_t j = 0; j < loadsA && !conv; ++j)
      text += fillTemplate(R"(
      %@P@ka@J@ = arith.addi @K0@, %ak@J@ : index
      %@P@a@J@ = vector.load %A[@AROW@, %@P@ka@J@] {alignment = 16 : i64} : memref<@M@x@K@xf32>, vector<4xf32>)",
                           {{"J", str(j)}, {"P", prefix}, {"K0", k0}, {"AROW", aRow(j)}});
    // A convolution's four channels at filter tap (i, j) of the row's
    // window: loaded from a clamped place, zero outside the input.
    for (int64_t j = 0; j < loadsA && conv; ++j)
      text += fillTemplate(R"(
      %@P@ka@J@ = arith.addi @K0@, %ak@J@ : index
      %@P@ki@J@ = arith.divui %@P@ka@J@, %c@KWC@ : index
      %@P@kr@J@ = arith.remui %@P@ka@J@, %c@KWC@ : index
      %@P@kj@J@ = arith.divui %@P@kr@J@, %c@CH@ : index
      %@P@kc@J@ = arith.remui %@P@kr@J@, %c@CH@ : index
      %@P@dy@J@ = arith.muli %@P@ki@J@, %c@DH@ : index
      %@P@dx@J@ = arith.muli %@P@kj@J@, %c@DW@ : index
      %@P@iy@J@ = arith.addi %aiy@J@, %@P@dy@J@ : index
      %@P@ix@J@ = arith.addi %aix@J@, %@P@dx@J@ : index
      %@P@y0@J@ = arith.cmpi sge, %@P@iy@J@, %c0 : index
      %@P@y1@J@ = arith.cmpi slt, %@P@iy@J@, %c@H@ : index
      %@P@x0@J@ = arith.cmpi sge, %@P@ix@J@, %c0 : index
      %@P@x1@J@ = arith.cmpi slt, %@P@ix@J@, %c@W@ : index
      %@P@v0@J@ = arith.andi %@P@y0@J@, %@P@y1@J@ : i1
      %@P@v1@J@ = arith.andi %@P@x0@J@, %@P@x1@J@ : i1
      %@P@ok@J@ = arith.andi %@P@v0@J@, %@P@v1@J@ : i1
      %@P@cy@J@ = arith.select %@P@ok@J@, %@P@iy@J@, %c0 : index
      %@P@cx@J@ = arith.select %@P@ok@J@, %@P@ix@J@, %c0 : index
      %@P@raw@J@ = vector.load %A[%an@J@, %@P@cy@J@, %@P@cx@J@, %@P@kc@J@] {alignment = 16 : i64} : @ATYPE@, vector<4xf32>
      %@P@a@J@ = arith.select %@P@ok@J@, %@P@raw@J@, %zero : vector<4xf32>)",
                           {{"J", str(j)},
                            {"P", prefix},
                            {"K0", k0},
                            {"KWC", str(conv->kw * conv->channels)},
                            {"CH", str(conv->channels)},
                            {"DH", str(conv->dh)},
                            {"DW", str(conv->dw)},
                            {"H", str(conv->h)},
                            {"W", str(conv->w)}});
    for (int64_t j = 0; j < loadsB; ++j)
      text += fillTemplate(R"(
      %@P@kb@J@ = arith.addi @K0@, %br@J@ : index
      %@P@b@J@ = vector.load %B[%@P@kb@J@, @BCOL@] {alignment = 16 : i64} : memref<@K@x@N@xf32>, vector<4xf32>)",
                           {{"J", str(j)}, {"P", prefix}, {"K0", k0}, {"BCOL", bColumn(j)}});
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
  // Row r of the thread's tile to C: stored, or added element by element
  // when k is split; rows past m and quads past n (the ragged last row
  // and column of blocks) store nothing.
  std::string epilogue;
  for (int64_t r = 0; r < 8; ++r) {
    std::string stores;
    for (int64_t q = 0; q < 2; ++q) {
      std::string quad;
      for (int64_t e = 0; e < 4 && split > 1; ++e)
        quad += fillTemplate(R"(
    %x@R@_@Q@_@E@ = vector.extract %acc#@ACC@[@E@] : f32 from vector<4xf32>
    %col@R@_@Q@_@E@ = arith.addi %gc@Q@, %c@E@ : index
    %old@R@_@Q@_@E@ = memref.atomic_rmw addf %x@R@_@Q@_@E@, %C[%gr@R@, %col@R@_@Q@_@E@] : (f32, memref<@M@x@N@xf32>) -> f32)",
                             {{"R", str(r)},
                              {"Q", str(q)},
                              {"E", str(e)},
                              {"ACC", str(2 * r + q)}});
      if (split == 1)
        quad = fillTemplate(R"(
    vector.store %acc#@ACC@, %C[%gr@R@, %gc@Q@] {cwm.epilogue} : memref<@M@x@N@xf32>, vector<4xf32>)",
                            {{"R", str(r)}, {"Q", str(q)}, {"ACC", str(2 * r + q)}});
      // A quad's columns lie inside C or outside as a whole (n is a
      // multiple of 4).
      stores += maskCols ? fillTemplate(R"(
    scf.if %okc@Q@ {@QUAD@
    })",
                                        {{"Q", str(q)}, {"QUAD", quad}})
                         : quad;
    }
    epilogue += fillTemplate(R"(
    %row@R@ = arith.addi %@BASE@, %c@OFF@ : index
    %gr@R@ = arith.addi %m0, %row@R@ : index)",
                             {{"R", str(r)},
                              {"BASE", r < 4 ? "ty4" : "ty4h"},
                              {"OFF", str(r % 4)}});
    epilogue += maskRows ? fillTemplate(R"(
    %ok@R@ = arith.cmpi ult, %gr@R@, %c@MROWS@ : index
    scf.if %ok@R@ {@STORES@
    })",
                                        {{"R", str(r)},
                                         {"MROWS", str(m)},
                                         {"STORES", stores}})
                         : stores;
  }

  std::map<std::string, std::string> values = {
      {"NAME", name},
      {"ATYPE", aType},
      {"M", str(m)},
      {"N", str(n)},
      {"K", str(k)},
      {"BK", str(bk)},
      {"PA", str(pitchA)},
      {"BNC", str(bn)},
      {"THREADS", str(threads)},
      {"GX", str((n + bn - 1) / bn)},
      {"GY", str((m + bm - 1) / bm)},
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
      {"COLUMN_MASKS", maskCols ? fillTemplate(R"(
    %okc0 = arith.cmpi ult, %gc0, %c@N@ : index
    %okc1 = arith.cmpi ult, %gc1, %c@N@ : index)",
                                               {{"N", str(n)}})
                                : ""},
      {"EPILOGUE", epilogue}};
  return fillTemplate(R"(
!bufA = memref<2x@BK@x@PA@xf32, #gpu.address_space<workgroup>>
!bufB = memref<2x@BK@x@BNC@xf32, #gpu.address_space<workgroup>>
module {
func.func private @@NAME@(%A: @ATYPE@, %B: memref<@K@x@N@xf32>, %C: memref<@M@x@N@xf32>@EPILOGUE_ARGS@) attributes {llvm.linkage = #llvm.linkage<internal>} {
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
    %gc1 = arith.addi %n0, %tx4h : index@COLUMN_MASKS@@EPILOGUE@
    gpu.terminator
  }@EPILOGUE_LAUNCH@
  return
}
}
)",
                      values);
}

/// The decisions a simt_gemm schedule marked `op` with.
SimtGemmConfig markedConfig(Operation *op) {
  SimtGemmConfig config;
  if (auto attr = op->getAttrOfType<IntegerAttr>(kBmAttr))
    config.bm = attr.getInt();
  if (auto attr = op->getAttrOfType<IntegerAttr>(kBnAttr))
    config.bn = attr.getInt();
  if (auto attr = op->getAttrOfType<IntegerAttr>(kBkAttr))
    config.bk = attr.getInt();
  if (auto attr = op->getAttrOfType<IntegerAttr>(kSplitAttr))
    config.split = attr.getInt();
  return config;
}

/// A convolution's input as bufferized: the buffer the kernel reads, the
/// pad's low widths (rows, columns) and the ops that built the padded
/// buffer (erased once the kernel reads the input through the pad's
/// bounds).
struct ConvInput {
  Value input;
  int64_t padTop = 0, padLeft = 0;
  SmallVector<Operation *> padOps;
};

/// The input of `conv`: a plain buffer it reads as it is, or a padded
/// buffer built by bufferizing a zero tensor.pad (an allocation filled
/// with zero, the unpadded input copied into a subview of it at static
/// offsets [0, top, left, 0]), whose unpadded input the kernel reads.
FailureOr<ConvInput> findConvInput(linalg::Conv2DNhwcHwcfOp conv) {
  Value x = conv.getDpsInputs()[0];
  Type f32 = Float32Type::get(conv.getContext());
  auto alloc = x.getDefiningOp<memref::AllocOp>();
  if (!alloc) {
    if (!isPlainMemref(x, f32, 4))
      return conv.emitError("simt_gemm: the convolution's input must be a "
                            "plain f32 buffer of static shape");
    return ConvInput{x, 0, 0, {}};
  }
  ConvInput found;
  Operation *zero = nullptr;
  memref::CopyOp copy;
  memref::SubViewOp view;
  SmallVector<Operation *> deallocs;
  auto isZero = [](Value v) { return matchPattern(v, m_AnyZeroFloat()); };
  for (Operation *user : x.getUsers()) {
    if (user == conv.getOperation())
      continue;
    if (isa<memref::DeallocOp>(user)) {
      deallocs.push_back(user);
      continue;
    }
    if (auto fill = dyn_cast<linalg::FillOp>(user);
        fill && !zero && fill.getDpsInits()[0] == x &&
        isZero(fill.getDpsInputs()[0])) {
      zero = user;
      continue;
    }
    if (auto map = dyn_cast<linalg::MapOp>(user);
        map && !zero && map.getInputs().empty() && map.getInit() == x) {
      Operation *yield = map.getMapper().front().getTerminator();
      if (yield->getNumOperands() == 1 && isZero(yield->getOperand(0))) {
        zero = user;
        continue;
      }
    }
    if (auto sub = dyn_cast<memref::SubViewOp>(user);
        sub && !view && sub->hasOneUse()) {
      auto subCopy = dyn_cast<memref::CopyOp>(*sub->getUsers().begin());
      if (subCopy && subCopy.getTarget() == sub.getResult()) {
        view = sub;
        copy = subCopy;
        continue;
      }
    }
    return conv.emitError("simt_gemm: the convolution's input buffer is also "
                          "written or read by '")
           << user->getName()
           << "' (only a zero pad of its input can be read through)";
  }
  if (!zero || !copy)
    return conv.emitError("simt_gemm: the convolution's input is neither a "
                          "plain buffer nor a zero pad of one");
  Value source = copy.getSource();
  if (!isPlainMemref(source, f32, 4))
    return conv.emitError(
        "simt_gemm: the convolution's unpadded input must be a plain f32 "
        "buffer of static shape");
  ArrayRef<int64_t> offsets = view.getStaticOffsets();
  ArrayRef<int64_t> sizes = view.getStaticSizes();
  ArrayRef<int64_t> strides = view.getStaticStrides();
  ArrayRef<int64_t> shape = cast<MemRefType>(source.getType()).getShape();
  if (ShapedType::isDynamicShape(offsets) || ShapedType::isDynamicShape(sizes) ||
      offsets[0] != 0 || offsets[3] != 0 || sizes != shape ||
      llvm::any_of(strides, [](int64_t stride) { return stride != 1; }))
    return conv.emitError("simt_gemm: the convolution's pad must widen only "
                          "its rows and columns, by static amounts");
  found.input = source;
  found.padTop = offsets[1];
  found.padLeft = offsets[2];
  // Erased after the kernel's call replaced the convolution: the copy
  // before its view, the zero fill, the deallocations, the buffer last.
  found.padOps = {copy, view, zero};
  llvm::append_range(found.padOps, deallocs);
  found.padOps.push_back(alloc);
  return found;
}

/// `value` (a static identity-layout 4-D buffer) as pixels x channels:
/// its first three dimensions collapsed; created once per value, right
/// after its definition.
Value collapsedRows(OpBuilder &b, Location loc, Value value,
                    llvm::DenseMap<Value, Value> &views) {
  Value &view = views[value];
  if (!view)
    view = memref::CollapseShapeOp::create(
        b, loc, value, SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
  return view;
}

/// Rewrites the elementwise linalg.generic ops after `conv` that read its
/// output (or each other's) over its four dimensions as generics over the
/// collapsed views (pixels x filters) of their buffers, so that
/// findEpilogue takes them as a matmul's; a read by the identity map
/// becomes one of the view, a per-filter one (bias) reads by the column.
/// Leaves ones it cannot rewrite for findEpilogue to refuse by name.
void collapseConvEpilogue(linalg::Conv2DNhwcHwcfOp conv,
                          llvm::DenseMap<Value, Value> &views) {
  MLIRContext *ctx = conv.getContext();
  AffineMap identity4 = AffineMap::getMultiDimIdentityMap(4, ctx);
  AffineMap perFilter = AffineMap::get(4, 0, getAffineDimExpr(3, ctx));
  AffineMap identity2 = AffineMap::getMultiDimIdentityMap(2, ctx);
  AffineMap column = AffineMap::get(2, 0, getAffineDimExpr(1, ctx));
  llvm::SmallPtrSet<Value, 4> chain = {conv.getDpsInits()[0]};
  for (Operation *op = conv->getNextNode(); op;) {
    Operation *next = op->getNextNode();
    auto generic = dyn_cast<linalg::GenericOp>(op);
    if (!generic || generic.getNumLoops() != 4 ||
        generic.getNumReductionLoops() != 0 ||
        generic.getNumDpsInits() != 1 ||
        !llvm::any_of(generic.getDpsInputs(),
                      [&](Value v) { return chain.contains(v); }) ||
        !generic.getBody()->getOps<linalg::IndexOp>().empty()) {
      op = next;
      continue;
    }
    SmallVector<AffineMap> maps;
    bool plain = true;
    for (OpOperand &operand : generic->getOpOperands()) {
      AffineMap map = generic.getMatchingIndexingMap(&operand);
      if (map == identity4 &&
          isPlainMemref(operand.get(), getElementTypeOrSelf(operand.get()), 4))
        maps.push_back(identity2);
      else if (map == perFilter && !chain.contains(operand.get()))
        maps.push_back(column);
      else
        plain = false;
    }
    if (!plain) {
      op = next;
      continue;
    }
    OpBuilder b(generic);
    Location loc = generic.getLoc();
    auto operandFor = [&](OpOperand &operand) -> Value {
      if (generic.getMatchingIndexingMap(&operand) == identity4)
        return collapsedRows(b, loc, operand.get(), views);
      return operand.get();
    };
    SmallVector<Value> inputs, outputs;
    for (OpOperand *input : generic.getDpsInputOperands())
      inputs.push_back(operandFor(*input));
    outputs.push_back(operandFor(*generic.getDpsInitOperand(0)));
    auto collapsed = linalg::GenericOp::create(
        b, loc, TypeRange(), inputs, outputs, maps,
        SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel));
    collapsed.getRegion().takeBody(generic.getRegion());
    chain.insert(generic.getDpsInits()[0]);
    generic.erase();
    op = next;
  }
}

struct GpuSimtGemm final : impl::GpuSimtGemmBase<GpuSimtGemm> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> marked;
    module.walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::Conv2DNhwcHwcfOp>(op) &&
          op->hasAttr(kBmAttr))
        marked.push_back(op);
    });
    for (Operation *op : marked) {
      LogicalResult built =
          isa<linalg::MatmulOp>(op)
              ? buildKernel(module, cast<linalg::MatmulOp>(op))
              : buildConvKernel(module, cast<linalg::Conv2DNhwcHwcfOp>(op));
      if (failed(built))
        return signalPassFailure();
    }
  }

  LogicalResult buildKernel(ModuleOp module, linalg::MatmulOp matmul) {
    Builder b(module.getContext());
    FailureOr<std::array<int64_t, 3>> shape =
        templateMatmulShape(matmul, b.getF32Type(), "simt_gemm", "f32 operands");
    if (failed(shape))
      return failure();
    int64_t m = (*shape)[0], n = (*shape)[1], k = (*shape)[2];
    SimtGemmConfig config = markedConfig(matmul);
    std::string unsupported = ::cwm::simtGemmShapeUnsupportedReason(
        ::cwm::SimtGemmProblem{m, n, k, 0}, config);
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

  /// A convolution as an implicit GEMM: C (pixels x filters, the output's
  /// view) = A (pixels x filter taps and channels, gathered from the input
  /// through its pad) . B (the HWCF filter's view).
  LogicalResult buildConvKernel(ModuleOp module,
                                linalg::Conv2DNhwcHwcfOp conv) {
    if (!conv.hasPureBufferSemantics())
      return conv.emitError("simt_gemm: the convolution is not on buffers "
                            "(the schedule bufferizes it first)");
    Type f32 = Float32Type::get(conv.getContext());
    Value filter = conv.getDpsInputs()[1], out = conv.getDpsInits()[0];
    if (!isPlainMemref(filter, f32, 4) || !isPlainMemref(out, f32, 4))
      return conv.emitError("simt_gemm: needs an f32 filter and output of "
                            "static shape with identity layouts in global "
                            "memory");
    FailureOr<ConvInput> input = findConvInput(conv);
    if (failed(input))
      return failure();
    ArrayRef<int64_t> xShape =
        cast<MemRefType>(input->input.getType()).getShape();
    ArrayRef<int64_t> fShape = cast<MemRefType>(filter.getType()).getShape();
    ArrayRef<int64_t> oShape = cast<MemRefType>(out.getType()).getShape();
    auto strides = llvm::to_vector(conv.getStrides().getValues<int64_t>());
    auto dilations =
        llvm::to_vector(conv.getDilations().getValues<int64_t>());
    ConvGather gather;
    gather.batch = xShape[0];
    gather.h = xShape[1];
    gather.w = xShape[2];
    gather.channels = xShape[3];
    gather.oh = oShape[1];
    gather.ow = oShape[2];
    gather.kw = fShape[1];
    gather.sh = strides[0];
    gather.sw = strides[1];
    gather.dh = dilations[0];
    gather.dw = dilations[1];
    gather.padTop = input->padTop;
    gather.padLeft = input->padLeft;
    int64_t m = oShape[0] * oShape[1] * oShape[2], n = oShape[3],
            k = fShape[0] * fShape[1] * fShape[2];
    SimtGemmConfig config = markedConfig(conv);
    std::string unsupported = ::cwm::simtGemmShapeUnsupportedReason(
        ::cwm::SimtGemmProblem{m, n, k, gather.channels}, config);
    if (!unsupported.empty())
      return conv.emitError("simt_gemm: ") << unsupported;

    // B and C as matrices, the epilogue over C's view.
    OpBuilder b(conv);
    llvm::DenseMap<Value, Value> views;
    Value weights = memref::CollapseShapeOp::create(
        b, conv.getLoc(), filter,
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
    Value c = collapsedRows(b, conv.getLoc(), out, views);
    collapseConvEpilogue(conv, views);
    FailureOr<Epilogue> fused = findEpilogue(conv, c, "simt_gemm");
    if (failed(fused))
      return failure();
    auto x = [](ArrayRef<int64_t> values) {
      std::string text;
      for (int64_t v : values)
        text += (text.empty() ? "" : "x") + std::to_string(v);
      return text;
    };
    std::string name =
        "cwm_simt_conv_" + x(xShape) + "_" + x(fShape) + "_" + x(oShape) +
        "_s" + x(strides) + "_d" + x(dilations) + "_p" +
        x({gather.padTop, gather.padLeft}) + "_" +
        x({config.bm, config.bn, config.bk}) +
        (config.split > 1 ? "_split" + std::to_string(config.split) : "") +
        fused->nameSuffix();
    return replaceByKernel(
        module, conv, out, input->input, weights, c, name,
        [&] { return kernelModule(name, m, n, k, config, *fused, &gather); },
        "simt_gemm", *fused, input->padOps);
  }
};

} // namespace
} // namespace mlir::cwm
