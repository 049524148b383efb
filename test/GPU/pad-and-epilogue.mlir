// A padded convolution with a fused bias+relu on the GPU: the tensor.pad gets
// a grid of its own (a gather kernel writing a device buffer, freed after the
// second kernel), and the convolution tile that the epilogue reads is a
// block-level buffer in shared memory (not a per-thread malloc).
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/conv-relu.json --cwm-lower-gpu | FileCheck %s
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/conv-relu.json --cwm-lower-gpu | FileCheck %s --check-prefix=NOMALLOC

// CHECK: llvm.call @mgpuMemAlloc
// CHECK: gpu.launch_func @[[PAD:[a-z_0-9]+]]::
// CHECK: gpu.launch_func @[[CONV:[a-z_0-9]+]]::
// CHECK: llvm.call @mgpuMemFree
// CHECK-DAG: gpu.binary @[[PAD]]
// CHECK-DAG: gpu.binary @[[CONV]]{{.*}}.shared .align 16
// NOMALLOC-NOT: malloc

func.func @conv(%x: tensor<1x16x16x8xf32>, %w: tensor<3x3x8x16xf32>, %b: tensor<16xf32>) -> tensor<1x16x16x16xf32> {
  %z = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %z : f32
  } : tensor<1x16x16x8xf32> to tensor<1x18x18x8xf32>
  %e = tensor.empty() : tensor<1x16x16x16xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%p, %w : tensor<1x18x18x8xf32>, tensor<3x3x8x16xf32>) outs(%f : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  %e2 = tensor.empty() : tensor<1x16x16x16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, h, w, c) -> (n, h, w, c)>, affine_map<(n, h, w, c) -> (c)>, affine_map<(n, h, w, c) -> (n, h, w, c)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
         ins(%c, %b : tensor<1x16x16x16xf32>, tensor<16xf32>) outs(%e2 : tensor<1x16x16x16xf32>) {
  ^bb0(%v: f32, %bias: f32, %o: f32):
    %s = arith.addf %v, %bias : f32
    %m = arith.maximumf %s, %z : f32
    linalg.yield %m : f32
  } -> tensor<1x16x16x16xf32>
  return %r : tensor<1x16x16x16xf32>
}
