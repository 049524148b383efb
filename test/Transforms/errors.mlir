// RUN: cwm-opt %s --cwm-extract-tasks --split-input-file -verify-diagnostics

func.func @dynamic(%A: tensor<?x32xf32>, %B: tensor<32x16xf32>, %C: tensor<?x16xf32>) -> tensor<?x16xf32> {
  // expected-error @+1 {{dynamic shapes are not supported}}
  %R = linalg.matmul ins(%A, %B : tensor<?x32xf32>, tensor<32x16xf32>) outs(%C : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %R : tensor<?x16xf32>
}

// -----

func.func @unsupported(%A: tensor<4xf32>, %i: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{unsupported op 'scf.for'}}
  %r = scf.for %k = %c0 to %c4 step %c1 iter_args(%t = %A) -> tensor<4xf32> {
    scf.yield %t : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @buffers(%A: memref<8x8xf32>, %B: memref<8x8xf32>, %C: memref<8x8xf32>) {
  // expected-error @+1 {{operates on buffers}}
  linalg.matmul ins(%A, %B : memref<8x8xf32>, memref<8x8xf32>) outs(%C : memref<8x8xf32>)
  return
}
