// A hand-written GPU schedule (blocks of 64x64, 4x4 per thread, the fill
// fused) lowered by cwm-lower-gpu to host LLVM + a gpu.binary holding PTX for
// sm_90. Needs no GPU.
// RUN: cwm-opt %s --transform-interpreter --cwm-lower-gpu | FileCheck %s
// RUN: cwm-opt %s --transform-interpreter --cwm-lower-gpu="chip=sm_80 features=+ptx80" | FileCheck %s --check-prefix=SM80

// CHECK: llvm.func @mm(
// CHECK: gpu.launch_func @mm_kernel::@mm_kernel blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}})
// CHECK: gpu.binary @mm_kernel
// CHECK-SAME: .target sm_90
// CHECK-SAME: .entry mm_kernel
// CHECK-SAME: ld.global
// RUN: not cwm-opt %s --cwm-lower-gpu="format=bogus" 2>&1 | FileCheck %s --check-prefix=FORMAT
// SM80: .target sm_80
// FORMAT: for the --format option: Cannot find option named 'bogus'

func.func @mm(%A: tensor<256x128xf32>, %B: tensor<128x256xf32>) -> tensor<256x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.matmul ins(%A, %B : tensor<256x128xf32>, tensor<128x256xf32>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.consumed}) {
    %mm = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    %fill = transform.structured.match ops{["linalg.fill"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %blocks = transform.structured.tile_using_forall %mm tile_sizes [64, 64] (mapping = [#gpu.block<y>, #gpu.block<x>]) : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %f, %b2 = transform.structured.fuse_into_containing_op %fill into %blocks : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    %t2, %threads = transform.structured.tile_using_forall %t tile_sizes [4, 4] (mapping = [#gpu.thread<y>, #gpu.thread<x>]) : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %f2, %th2 = transform.structured.tile_using_forall %f tile_sizes [4, 4] (mapping = [#gpu.thread<y>, #gpu.thread<x>]) : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %func = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %func { transform.apply_patterns.canonicalization } : !transform.any_op
    transform.apply_cse to %func : !transform.any_op
    %bufferized = transform.bufferization.one_shot_bufferize %root {bufferize_function_boundaries = true, function_boundary_type_conversion = 1 : i32} : (!transform.any_op) -> !transform.any_op
    %func2 = transform.structured.match ops{["func.func"]} in %bufferized : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %func2 { transform.apply_patterns.canonicalization } : !transform.any_op
    transform.apply_cse to %func2 : !transform.any_op
    %launch = transform.gpu.map_forall_to_blocks %func2 generate_gpu_launch : (!transform.any_op) -> !transform.any_op
    %mapped = transform.gpu.map_nested_forall_to_threads %launch block_dims = [16, 16, 1] : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}
