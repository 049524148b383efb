// An f32 matmul whose n (200) no simt_gemm block tile divides: the last column of blocks is ragged.
func.func @mm(%A: tensor<256x256xf32>, %B: tensor<256x200xf32>) -> tensor<256x200xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x200xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<256x200xf32>) -> tensor<256x200xf32>
  %R = linalg.matmul ins(%A, %B : tensor<256x256xf32>, tensor<256x200xf32>) outs(%C : tensor<256x200xf32>) -> tensor<256x200xf32>
  return %R : tensor<256x200xf32>
}
