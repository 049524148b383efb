// A read contiguous along m with the batch between its other dimensions: a
// layout the staged schedules blew up on (test/GPU/permuted-operands.mlir).
func.func @A_kbm(%A: tensor<64x8x96xf32>, %B: tensor<8x64x48xf32>) -> tensor<8x96x48xf32> {
  %zero = arith.constant 0.0 : f32
  %ea = tensor.empty() : tensor<8x96x64xf32>
  %At = linalg.transpose ins(%A : tensor<64x8x96xf32>) outs(%ea : tensor<8x96x64xf32>) permutation = [1, 2, 0]
  %eb = tensor.empty() : tensor<8x64x48xf32>
  %Bt = linalg.transpose ins(%B : tensor<8x64x48xf32>) outs(%eb : tensor<8x64x48xf32>) permutation = [0, 1, 2]
  %e = tensor.empty() : tensor<8x96x48xf32>
  %C = linalg.fill ins(%zero : f32) outs(%e : tensor<8x96x48xf32>) -> tensor<8x96x48xf32>
  %R = linalg.batch_matmul ins(%At, %Bt : tensor<8x96x64xf32>, tensor<8x64x48xf32>) outs(%C : tensor<8x96x48xf32>) -> tensor<8x96x48xf32>
  return %R : tensor<8x96x48xf32>
}
