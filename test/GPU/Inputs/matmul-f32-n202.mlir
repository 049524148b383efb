// An f32 matmul whose n (202) is no multiple of 4 (simt_gemm stores quads).
func.func @mm(%A: tensor<256x256xf32>, %B: tensor<256x202xf32>) -> tensor<256x202xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x202xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<256x202xf32>) -> tensor<256x202xf32>
  %R = linalg.matmul ins(%A, %B : tensor<256x256xf32>, tensor<256x202xf32>) outs(%C : tensor<256x202xf32>) -> tensor<256x202xf32>
  return %R : tensor<256x202xf32>
}
