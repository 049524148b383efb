// simt_gemm with an epilogue: an elementwise linalg.generic after the
// matmul that reads its output (here bias + GELU) is computed in the
// kernel's stores and erased; the kernel writes the generic's output. After
// a split-K kernel a last launch applies it to C, a quad per thread.
// RUN: cwm-opt %S/Inputs/dense-bias-gelu-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=KERNEL
// RUN: cwm-opt %S/Inputs/dense-bias-gelu-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: sed 's/"bk": 8/"bk": 8, "split": 4/' %S/Inputs/simt-gemm.json > %t.split.json
// RUN: cwm-opt %S/Inputs/dense-bias-gelu-f32.mlir --cwm-apply-trace=trace-file=%t.split.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=SPLIT
// RUN: cwm-opt %S/Inputs/dense-bias-gelu-f32.mlir --cwm-apply-trace=trace-file=%t.split.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=SPLITPTX
// On buffers: an epilogue written in place, and ones the kernel cannot take.
// RUN: cwm-opt %s --split-input-file --cwm-gpu-simt-gemm --verify-diagnostics | FileCheck %s --check-prefix=INPLACE

// The call takes the bias and the output after A, B and C; the generic is
// gone; the kernel loads the bias quad once per column quad and stores
// the epilogue's values to its last argument.
// KERNEL: func.func @dense(%[[A:.*]]: memref<256x512xf32>, %[[W:.*]]: memref<512x256xf32>, %[[BIAS:.*]]: memref<256xf32>, %[[OUT:.*]]: memref<256x256xf32>)
// KERNEL-NOT: linalg.fill
// KERNEL: call @cwm_simt_gemm_256x256x512_128x128x8_ep{{[0-9A-F]+}}(%[[A]], %[[W]], %{{.*}}, %[[BIAS]], %[[OUT]])
// KERNEL-NOT: linalg.generic
// KERNEL: func.func private @cwm_simt_gemm_256x256x512_128x128x8_ep{{[0-9A-F]+}}(%{{.*}}: memref<256x512xf32>, %{{.*}}: memref<512x256xf32>, %[[C:.*]]: memref<256x256xf32>, %[[KB:.*]]: memref<256xf32>, %[[KOUT:.*]]: memref<256x256xf32>)
// KERNEL: scf.for
// KERNEL-COUNT-2: vector.load %[[KB]]
// KERNEL-NOT: vector.load %[[KB]]
// KERNEL: math.tanh
// KERNEL: vector.from_elements
// KERNEL: vector.store %{{.*}}, %[[KOUT]][%{{.*}}, %{{.*}}] : memref<256x256xf32>, vector<4xf32>
// KERNEL-NOT: vector.store {{.*}} %[[C]][
// KERNEL: gpu.terminator

// PTX-DAG: ld.global.v4.b32
// PTX-DAG: st.global.v4.b32
// (tanh: from libdevice where the CUDA toolkit is found, else a call left to the JIT)
// PTX-DAG: {{ex2.approx|__nv_tanhf}}
// PTX-DAG: fma.rn.f32

// SPLIT: call @cwm_simt_gemm_256x256x512_128x128x8_split4_ep
// SPLIT: func.func private @cwm_simt_gemm_256x256x512_128x128x8_split4_ep{{[0-9A-F]+}}(%{{.*}}: memref<256x512xf32>, %{{.*}}: memref<512x256xf32>, %[[SC:.*]]: memref<256x256xf32>, %{{.*}}: memref<256xf32>, %[[SOUT:.*]]: memref<256x256xf32>)
// SPLIT: gpu.launch
// SPLIT: gpu.launch
// SPLIT: memref.atomic_rmw addf
// SPLIT-NOT: math.tanh
// SPLIT: gpu.terminator
// SPLIT: gpu.launch
// SPLIT: vector.load %[[SC]]
// SPLIT: math.tanh
// SPLIT: vector.store %{{.*}}, %[[SOUT]]
// SPLIT: gpu.terminator
// SPLITPTX-DAG: {{(atom|red)}}.global.add.f32
// SPLITPTX-DAG: {{ex2.approx|__nv_tanhf}}

// Written in place (the generic's output is C): the kernel takes C twice
// and stores relu(C + residual) to the last argument.
// INPLACE-LABEL: func.func @in_place
// INPLACE: call @cwm_simt_gemm_128x128x128_128x128x8_ep{{[0-9A-F]+}}(%{{.*}}, %{{.*}}, %[[C:.*]], %{{.*}}, %[[C]])
// INPLACE-NOT: linalg.generic
// INPLACE: arith.maximumf
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @in_place(%A: memref<128x128xf32>, %B: memref<128x128xf32>, %R: memref<128x128xf32>, %C: memref<128x128xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%C : memref<128x128xf32>)
  linalg.matmul {cwm.simt_gemm_bm = 128 : i64} ins(%A, %B : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>)
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%C, %R : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>) {
  ^bb0(%x: f32, %r: f32, %o: f32):
    %s = arith.addf %x, %r : f32
    %y = arith.maximumf %s, %z : f32
    linalg.yield %y : f32
  }
  return
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @index_in_body(%A: memref<128x128xf32>, %B: memref<128x128xf32>, %D: memref<128x128xf32>) {
  %z = arith.constant 0.0 : f32
  %C = memref.alloc() : memref<128x128xf32>
  linalg.fill ins(%z : f32) outs(%C : memref<128x128xf32>)
  linalg.matmul {cwm.simt_gemm_bm = 128 : i64} ins(%A, %B : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>)
  // expected-error @+1 {{simt_gemm: cannot compute this epilogue in the kernel: its body computes with 'linalg.index' (only side-effect-free ops without regions or indices)}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%C : memref<128x128xf32>) outs(%D : memref<128x128xf32>) {
  ^bb0(%x: f32, %o: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    %y = arith.addf %x, %f : f32
    linalg.yield %y : f32
  }
  return
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @c_read_again(%A: memref<128x128xf32>, %B: memref<128x128xf32>, %D: memref<128x128xf32>, %E: memref<128x128xf32>) {
  %z = arith.constant 0.0 : f32
  %C = memref.alloc() : memref<128x128xf32>
  linalg.fill ins(%z : f32) outs(%C : memref<128x128xf32>)
  linalg.matmul {cwm.simt_gemm_bm = 128 : i64} ins(%A, %B : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%C : memref<128x128xf32>) outs(%D : memref<128x128xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.maximumf %x, %z : f32
    linalg.yield %y : f32
  }
  // expected-error @+1 {{simt_gemm: cannot compute the epilogue in the kernel: 'memref.copy' uses its buffers}}
  memref.copy %C, %E : memref<128x128xf32> to memref<128x128xf32>
  return
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed_read(%A: memref<128x128xf32>, %B: memref<128x128xf32>, %D: memref<128x128xf32>) {
  %z = arith.constant 0.0 : f32
  %C = memref.alloc() : memref<128x128xf32>
  linalg.fill ins(%z : f32) outs(%C : memref<128x128xf32>)
  linalg.matmul {cwm.simt_gemm_bm = 128 : i64} ins(%A, %B : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>)
  // expected-error @+1 {{simt_gemm: cannot compute this epilogue in the kernel: it reads the matmul's output (or the epilogue's) by a map other than the identity}}
  linalg.generic {indexing_maps = [#t, #id], iterator_types = ["parallel", "parallel"]} ins(%C : memref<128x128xf32>) outs(%D : memref<128x128xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// A chain (bias, then ReLU, as the whole models' emitter writes dense
// layers): both bodies in the stores, the intermediate buffer unused.
// INPLACE-LABEL: func.func @chain
// INPLACE: call @cwm_simt_gemm_128x128x128_128x128x8_ep{{[0-9A-F]+}}(%{{.*}}, %{{.*}}, %{{.*}}, %[[BIAS:.*]], %[[OUT:.*]])
// INPLACE-NOT: linalg.generic
// INPLACE: func.func private @cwm_simt_gemm_128x128x128_128x128x8_ep
// INPLACE: arith.addf
// INPLACE: arith.maximumf
// INPLACE: vector.from_elements
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @chain(%A: memref<128x128xf32>, %B: memref<128x128xf32>, %bias: memref<128xf32>, %D: memref<128x128xf32>) {
  %z = arith.constant 0.0 : f32
  %C = memref.alloc() : memref<128x128xf32>
  linalg.fill ins(%z : f32) outs(%C : memref<128x128xf32>)
  linalg.matmul {cwm.simt_gemm_bm = 128 : i64} ins(%A, %B : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>)
  %T = memref.alloc() : memref<128x128xf32>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]} ins(%C, %bias : memref<128x128xf32>, memref<128xf32>) outs(%T : memref<128x128xf32>) {
  ^bb0(%x: f32, %b: f32, %o: f32):
    %s = arith.addf %x, %b : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%T : memref<128x128xf32>) outs(%D : memref<128x128xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.maximumf %x, %z : f32
    linalg.yield %y : f32
  }
  memref.dealloc %T : memref<128x128xf32>
  memref.dealloc %C : memref<128x128xf32>
  return
}
