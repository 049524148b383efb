// simt_gemm on a convolution: conv_2d_nhwc_hwcf as an implicit GEMM. C is
// the output viewed as pixels x filters, B the HWCF filter viewed as (taps x
// channels) x filters, and A is never built: each thread gathers four
// channels of a row's window from the unpadded input, zero where the window
// reaches into the pad, so the pad's buffer, fill and copy are gone. Rows
// past m (100 pixels, blocks of 64) load zeros and store nothing. The bias +
// ReLU epilogue is rewritten over the views and computed in the stores.
// RUN: cwm-opt %S/Inputs/conv-small-bias-relu.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-conv.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=KERNEL
// RUN: cwm-opt %S/Inputs/conv-small-bias-relu.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-conv.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// k split in two (bk 16 x 2 = 32 does not divide k = 72; bk 8 x 3 is not a split):
// RUN: sed 's/"bk": 8/"bk": 8, "split": 3/' %S/Inputs/simt-conv.json > %t.split3.json
// RUN: not cwm-opt %S/Inputs/conv-small-bias-relu.mlir --cwm-apply-trace=trace-file=%t.split3.json 2>&1 | FileCheck %s --check-prefix=SPLIT3
// RUN: sed 's/"bk": 8/"bk": 16, "split": 2/' %S/Inputs/simt-conv.json > %t.splitk.json
// RUN: not cwm-opt %S/Inputs/conv-small-bias-relu.mlir --cwm-apply-trace=trace-file=%t.splitk.json 2>&1 | FileCheck %s --check-prefix=SPLITK
// Three channels: k = 27 is no multiple of a k-slice.
// RUN: sed 's/"target": 2/"target": 1/' %S/Inputs/simt-conv.json > %t.op1.json
// RUN: not cwm-opt %S/Inputs/conv-strided-3ch.mlir --cwm-apply-trace=trace-file=%t.op1.json 2>&1 | FileCheck %s --check-prefix=THREE
// On buffers: a stride-2 convolution without a pad (its input read as it
// is), and padded inputs the kernel cannot read through.
// RUN: cwm-opt %s --split-input-file --cwm-gpu-simt-gemm --verify-diagnostics | FileCheck %s --check-prefix=BUFFERS

// KERNEL-LABEL: func.func @conv(
// KERNEL-SAME: %[[X:[^:]*]]: memref<1x10x10x8xf32>, %[[W:[^:]*]]: memref<3x3x8x32xf32>, %[[BIAS:[^:]*]]: memref<32xf32>, %[[OUT:[^:]*]]: memref<1x10x10x32xf32>)
// KERNEL-NOT: linalg.map
// KERNEL-NOT: memref.copy
// KERNEL-DAG: %[[B:.*]] = memref.collapse_shape %[[W]] {{\[}}[0, 1, 2], [3]] : memref<3x3x8x32xf32> into memref<72x32xf32>
// KERNEL-DAG: %[[D:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0, 1, 2], [3]] : memref<1x10x10x32xf32> into memref<100x32xf32>
// KERNEL: call @cwm_simt_conv_1x10x10x8_3x3x8x32_1x10x10x32_s1x1_d1x1_p1x1_64x32x8_ep{{[0-9A-F]+}}(%[[X]], %[[B]], %{{.*}}, %[[BIAS]], %[[D]])
// KERNEL-NOT: linalg.generic
// KERNEL-NOT: linalg.conv
// Internal linkage: two tasks of a model compiled into one object may each
// hold this kernel.
// KERNEL: func.func private @cwm_simt_conv_{{.*}}(%[[KX:[^:]*]]: memref<1x10x10x8xf32>, %{{[^:]*}}: memref<72x32xf32>, %{{[^:]*}}: memref<100x32xf32>, %{{[^:]*}}: memref<32xf32>, %[[KD:[^:]*]]: memref<100x32xf32>) attributes {llvm.linkage = #llvm.linkage<internal>}
// Two row blocks (100 pixels / 64), one column block of 32 threads.
// KERNEL: %[[GY:.*]] = arith.constant 2 : index
// KERNEL: gpu.launch blocks({{.*}}) in ({{.*}} = %{{.*}}, {{.*}} = %[[GY]],
// The window's row and column, checked against the input (10 x 10), the
// load from a clamped place and zero outside.
// KERNEL: arith.cmpi slt, %{{.*}}, %c10 : index
// KERNEL: %[[RAW:.*]] = vector.load %[[KX]][{{.*}}] {alignment = 16 : i64} : memref<1x10x10x8xf32>, vector<4xf32>
// KERNEL-NEXT: arith.select %{{.*}}, %[[RAW]], %{{.*}} : vector<4xf32>
// KERNEL: scf.for
// Rows past the 100th store nothing; the epilogue's bias and ReLU in the
// stores to the output's view.
// KERNEL: %[[OK:.*]] = arith.cmpi ult, %{{.*}}, %c100 : index
// KERNEL-NEXT: scf.if %[[OK]] {
// KERNEL: arith.maximumf
// KERNEL: vector.store %{{.*}}, %[[KD]][%{{.*}}, %{{.*}}] : memref<100x32xf32>, vector<4xf32>

// PTX-DAG: ld.global.v4.b32
// PTX-DAG: st.global.v4.b32
// PTX-DAG: selp.f32
// PTX-DAG: fma.rn.f32
// PTX-DAG: max.NaN.f32

// SPLIT3: split = 3 must be 1, 2, 4 or 8
// SPLITK: simt_gemm needs n a multiple of 4 and k of 32 (bk x split), have 100 x 32 x 72
// THREE: simt_gemm needs n a multiple of 4 and k of 8, have 49 x 32 x 27

// BUFFERS-LABEL: func.func @strided(
// BUFFERS: call @cwm_simt_conv_1x16x16x16_3x3x16x32_1x7x7x32_s2x2_d1x1_p0x0_64x32x8(
// BUFFERS: func.func private @cwm_simt_conv_1x16x16x16_3x3x16x32_1x7x7x32_s2x2_d1x1_p0x0_64x32x8(
// BUFFERS: arith.constant 2 : index
// BUFFERS: arith.muli %{{.*}}, %c2 : index
func.func @strided(%x: memref<1x16x16x16xf32>, %w: memref<3x3x16x32xf32>, %o: memref<1x7x7x32xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%o : memref<1x7x7x32xf32>)
  linalg.conv_2d_nhwc_hwcf {cwm.simt_gemm_bm = 64 : i64, cwm.simt_gemm_bn = 32 : i64, cwm.simt_gemm_bk = 8 : i64, dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : memref<1x16x16x16xf32>, memref<3x3x16x32xf32>) outs(%o : memref<1x7x7x32xf32>)
  return
}

// -----

// A padded buffer that something else also writes.
func.func @written(%x: memref<1x8x8x8xf32>, %w: memref<3x3x8x32xf32>, %o: memref<1x8x8x32xf32>) {
  %z = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %p = memref.alloc() : memref<1x10x10x8xf32>
  linalg.fill ins(%z : f32) outs(%p : memref<1x10x10x8xf32>)
  %v = memref.subview %p[0, 1, 1, 0] [1, 8, 8, 8] [1, 1, 1, 1] : memref<1x10x10x8xf32> to memref<1x8x8x8xf32, strided<[800, 80, 8, 1], offset: 88>>
  memref.copy %x, %v : memref<1x8x8x8xf32> to memref<1x8x8x8xf32, strided<[800, 80, 8, 1], offset: 88>>
  linalg.fill ins(%z : f32) outs(%o : memref<1x8x8x32xf32>)
  %c0 = arith.constant 0 : index
  memref.store %one, %p[%c0, %c0, %c0, %c0] : memref<1x10x10x8xf32>
  // expected-error@+1 {{simt_gemm: the convolution's input buffer is also written or read by 'memref.store'}}
  linalg.conv_2d_nhwc_hwcf {cwm.simt_gemm_bm = 64 : i64, cwm.simt_gemm_bn = 32 : i64, cwm.simt_gemm_bk = 8 : i64, dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p, %w : memref<1x10x10x8xf32>, memref<3x3x8x32xf32>) outs(%o : memref<1x8x8x32xf32>)
  return
}

// -----

// A pad by something other than zero.
func.func @ones(%x: memref<1x8x8x8xf32>, %w: memref<3x3x8x32xf32>, %o: memref<1x8x8x32xf32>) {
  %z = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %p = memref.alloc() : memref<1x10x10x8xf32>
  linalg.fill ins(%one : f32) outs(%p : memref<1x10x10x8xf32>)
  %v = memref.subview %p[0, 1, 1, 0] [1, 8, 8, 8] [1, 1, 1, 1] : memref<1x10x10x8xf32> to memref<1x8x8x8xf32, strided<[800, 80, 8, 1], offset: 88>>
  memref.copy %x, %v : memref<1x8x8x8xf32> to memref<1x8x8x8xf32, strided<[800, 80, 8, 1], offset: 88>>
  linalg.fill ins(%z : f32) outs(%o : memref<1x8x8x32xf32>)
  // expected-error@+1 {{simt_gemm: the convolution's input buffer is also written or read by 'linalg.fill' (only a zero pad of its input can be read through)}}
  linalg.conv_2d_nhwc_hwcf {cwm.simt_gemm_bm = 64 : i64, cwm.simt_gemm_bn = 32 : i64, cwm.simt_gemm_bk = 8 : i64, dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p, %w : memref<1x10x10x8xf32>, memref<3x3x8x32xf32>) outs(%o : memref<1x8x8x32xf32>)
  return
}
