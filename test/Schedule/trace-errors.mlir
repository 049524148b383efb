// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/bad-sizes.json 2>&1 | FileCheck %s --check-prefix=SIZES
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/too-large.json 2>&1 | FileCheck %s --check-prefix=LARGE
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pad-fill.json 2>&1 | FileCheck %s --check-prefix=PADFILL
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/bad-version.json 2>&1 | FileCheck %s --check-prefix=VERSION
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/not-json.json 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/missing.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pack-weights-matmul.json 2>&1 | FileCheck %s --check-prefix=PACK

// SIZES: error: invalid trace{{.*}}action 1 (vectorize of op 1): tile sizes do not divide the loop extents, so the tiles have dynamic shapes; pad the op first
// LARGE: error: invalid trace{{.*}}action 0 (tile of op 1): tile size 256 exceeds extent 128 of loop 1
// PADFILL: error: invalid trace{{.*}}action 1 (pad of op 0): pad applies to the anchor of a matmul, batch_matmul or 2-D convolution
// VERSION: error: {{.*}}invalid trace: unsupported version 99
// JSON: error: {{.*}}invalid trace: not JSON
// MISSING: error: cannot read trace file
// PACK: error: invalid trace{{.*}}action 0 (pack_weights of op 1): pack_weights applies to grouped convolution tasks
func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
