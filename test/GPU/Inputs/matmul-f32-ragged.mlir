// An f32 matmul of 100 x 200 outputs (k = 256): no simt_gemm block tile
// divides either side, so both the last row and column of blocks are ragged.
func.func @mm(%A: tensor<100x256xf32>, %B: tensor<256x200xf32>) -> tensor<100x200xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<100x200xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<100x200xf32>) -> tensor<100x200xf32>
  %R = linalg.matmul ins(%A, %B : tensor<100x256xf32>, tensor<256x200xf32>) outs(%C : tensor<100x200xf32>) -> tensor<100x200xf32>
  return %R : tensor<100x200xf32>
}
