func.func @gather(%idx: tensor<64xindex>, %src: tensor<128x16xf32>) -> tensor<64x16xf32> {
  %init = tensor.empty() : tensor<64x16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%idx : tensor<64xindex>) outs(%init : tensor<64x16xf32>) {
  ^bb0(%i: index, %o: f32):
    %j = linalg.index 1 : index
    %v = tensor.extract %src[%i, %j] : tensor<128x16xf32>
    linalg.yield %v : f32
  } -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}
