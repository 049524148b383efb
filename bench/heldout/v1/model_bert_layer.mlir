func.func @bert_layer(%arg0: tensor<128x768xf32>, %arg1: tensor<768x768xf32>, %arg2: tensor<768xf32>, %arg3: tensor<768x768xf32>, %arg4: tensor<768xf32>, %arg5: tensor<768x768xf32>, %arg6: tensor<768xf32>, %arg7: tensor<768x768xf32>, %arg8: tensor<768xf32>, %arg9: tensor<768xf32>, %arg10: tensor<768xf32>, %arg11: tensor<768x3072xf32>, %arg12: tensor<3072xf32>, %arg13: tensor<3072x768xf32>, %arg14: tensor<768xf32>, %arg15: tensor<768xf32>, %arg16: tensor<768xf32>) -> tensor<128x768xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 0.125 : f32
  %c2 = arith.constant 0.0013020833333333333 : f32
  %c3 = arith.constant 1.0e-12 : f32
  %c4 = arith.constant 0.5 : f32
  %c5 = arith.constant 1.0 : f32
  %c6 = arith.constant 0.7978845608028654 : f32
  %c7 = arith.constant 0.044715 : f32
  %v1 = tensor.empty() : tensor<128x768xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<128x768xf32>, tensor<768x768xf32>) outs(%v2 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v4 = tensor.empty() : tensor<128x768xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3, %arg2 : tensor<128x768xf32>, tensor<768xf32>) outs(%v4 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v6 = tensor.expand_shape %v5 [[0], [1, 2]] output_shape [128, 12, 64] : tensor<128x768xf32> into tensor<128x12x64xf32>
  %v7 = tensor.empty() : tensor<12x128x64xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v6 : tensor<128x12x64xf32>) outs(%v7 : tensor<12x128x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<12x128x64xf32>
  %v9 = tensor.empty() : tensor<128x768xf32>
  %v10 = linalg.fill ins(%c0 : f32) outs(%v9 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v11 = linalg.matmul ins(%arg0, %arg3 : tensor<128x768xf32>, tensor<768x768xf32>) outs(%v10 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v12 = tensor.empty() : tensor<128x768xf32>
  %v13 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v11, %arg4 : tensor<128x768xf32>, tensor<768xf32>) outs(%v12 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v14 = tensor.expand_shape %v13 [[0], [1, 2]] output_shape [128, 12, 64] : tensor<128x768xf32> into tensor<128x12x64xf32>
  %v15 = tensor.empty() : tensor<12x64x128xf32>
  %v16 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0, d1)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v14 : tensor<128x12x64xf32>) outs(%v15 : tensor<12x64x128xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<12x64x128xf32>
  %v17 = tensor.empty() : tensor<128x768xf32>
  %v18 = linalg.fill ins(%c0 : f32) outs(%v17 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v19 = linalg.matmul ins(%arg0, %arg5 : tensor<128x768xf32>, tensor<768x768xf32>) outs(%v18 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v20 = tensor.empty() : tensor<128x768xf32>
  %v21 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v19, %arg6 : tensor<128x768xf32>, tensor<768xf32>) outs(%v20 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v22 = tensor.expand_shape %v21 [[0], [1, 2]] output_shape [128, 12, 64] : tensor<128x768xf32> into tensor<128x12x64xf32>
  %v23 = tensor.empty() : tensor<12x128x64xf32>
  %v24 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v22 : tensor<128x12x64xf32>) outs(%v23 : tensor<12x128x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<12x128x64xf32>
  %v25 = tensor.empty() : tensor<12x128x128xf32>
  %v26 = linalg.fill ins(%c0 : f32) outs(%v25 : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
  %v27 = linalg.batch_matmul ins(%v8, %v16 : tensor<12x128x64xf32>, tensor<12x64x128xf32>) outs(%v26 : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
  %v28 = tensor.empty() : tensor<12x128x128xf32>
  %v29 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v27 : tensor<12x128x128xf32>) outs(%v28 : tensor<12x128x128xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.mulf %a0, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<12x128x128xf32>
  %v31 = tensor.empty() : tensor<12x128x128xf32>
  %v30 = linalg.softmax dimension(2) ins(%v29 : tensor<12x128x128xf32>) outs(%v31 : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
  %v32 = tensor.empty() : tensor<12x128x64xf32>
  %v33 = linalg.fill ins(%c0 : f32) outs(%v32 : tensor<12x128x64xf32>) -> tensor<12x128x64xf32>
  %v34 = linalg.batch_matmul ins(%v30, %v24 : tensor<12x128x128xf32>, tensor<12x128x64xf32>) outs(%v33 : tensor<12x128x64xf32>) -> tensor<12x128x64xf32>
  %v35 = tensor.empty() : tensor<128x12x64xf32>
  %v36 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v34 : tensor<12x128x64xf32>) outs(%v35 : tensor<128x12x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<128x12x64xf32>
  %v37 = tensor.collapse_shape %v36 [[0], [1, 2]] : tensor<128x12x64xf32> into tensor<128x768xf32>
  %v38 = tensor.empty() : tensor<128x768xf32>
  %v39 = linalg.fill ins(%c0 : f32) outs(%v38 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v40 = linalg.matmul ins(%v37, %arg7 : tensor<128x768xf32>, tensor<768x768xf32>) outs(%v39 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v41 = tensor.empty() : tensor<128x768xf32>
  %v42 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v40, %arg8 : tensor<128x768xf32>, tensor<768xf32>) outs(%v41 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v43 = tensor.empty() : tensor<128x768xf32>
  %v44 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v42, %arg0 : tensor<128x768xf32>, tensor<128x768xf32>) outs(%v43 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v45 = tensor.empty() : tensor<128xf32>
  %v46 = linalg.fill ins(%c0 : f32) outs(%v45 : tensor<128xf32>) -> tensor<128xf32>
  %v47 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%v44 : tensor<128x768xf32>) outs(%v46 : tensor<128xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.addf %a0, %o : f32
    linalg.yield %r : f32
  } -> tensor<128xf32>
  %v48 = tensor.empty() : tensor<128xf32>
  %v49 = linalg.fill ins(%c0 : f32) outs(%v48 : tensor<128xf32>) -> tensor<128xf32>
  %v50 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%v44, %v47 : tensor<128x768xf32>, tensor<128xf32>) outs(%v49 : tensor<128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %m = arith.mulf %a1, %c2 : f32
    %d = arith.subf %a0, %m : f32
    %q = arith.mulf %d, %d : f32
    %r = arith.addf %q, %o : f32
    linalg.yield %r : f32
  } -> tensor<128xf32>
  %v51 = tensor.empty() : tensor<128x768xf32>
  %v52 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v44, %v47, %v50, %arg9, %arg10 : tensor<128x768xf32>, tensor<128xf32>, tensor<128xf32>, tensor<768xf32>, tensor<768xf32>) outs(%v51 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %a2: f32, %a3: f32, %a4: f32, %o: f32):
    %m = arith.mulf %a1, %c2 : f32
    %v = arith.mulf %a2, %c2 : f32
    %ve = arith.addf %v, %c3 : f32
    %s = math.rsqrt %ve : f32
    %d = arith.subf %a0, %m : f32
    %n = arith.mulf %d, %s : f32
    %g = arith.mulf %n, %a3 : f32
    %r = arith.addf %g, %a4 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v53 = tensor.empty() : tensor<128x3072xf32>
  %v54 = linalg.fill ins(%c0 : f32) outs(%v53 : tensor<128x3072xf32>) -> tensor<128x3072xf32>
  %v55 = linalg.matmul ins(%v52, %arg11 : tensor<128x768xf32>, tensor<768x3072xf32>) outs(%v54 : tensor<128x3072xf32>) -> tensor<128x3072xf32>
  %v56 = tensor.empty() : tensor<128x3072xf32>
  %v57 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v55, %arg12 : tensor<128x3072xf32>, tensor<3072xf32>) outs(%v56 : tensor<128x3072xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x3072xf32>
  %v58 = tensor.empty() : tensor<128x3072xf32>
  %v59 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v57 : tensor<128x3072xf32>) outs(%v58 : tensor<128x3072xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %x2 = arith.mulf %a0, %a0 : f32
    %x3 = arith.mulf %x2, %a0 : f32
    %t0 = arith.mulf %c7, %x3 : f32
    %t1 = arith.addf %a0, %t0 : f32
    %t2 = arith.mulf %c6, %t1 : f32
    %t3 = math.tanh %t2 : f32
    %t4 = arith.addf %c5, %t3 : f32
    %t5 = arith.mulf %c4, %a0 : f32
    %r = arith.mulf %t5, %t4 : f32
    linalg.yield %r : f32
  } -> tensor<128x3072xf32>
  %v60 = tensor.empty() : tensor<128x768xf32>
  %v61 = linalg.fill ins(%c0 : f32) outs(%v60 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v62 = linalg.matmul ins(%v59, %arg13 : tensor<128x3072xf32>, tensor<3072x768xf32>) outs(%v61 : tensor<128x768xf32>) -> tensor<128x768xf32>
  %v63 = tensor.empty() : tensor<128x768xf32>
  %v64 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v62, %arg14 : tensor<128x768xf32>, tensor<768xf32>) outs(%v63 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v65 = tensor.empty() : tensor<128x768xf32>
  %v66 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v64, %v52 : tensor<128x768xf32>, tensor<128x768xf32>) outs(%v65 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  %v67 = tensor.empty() : tensor<128xf32>
  %v68 = linalg.fill ins(%c0 : f32) outs(%v67 : tensor<128xf32>) -> tensor<128xf32>
  %v69 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%v66 : tensor<128x768xf32>) outs(%v68 : tensor<128xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.addf %a0, %o : f32
    linalg.yield %r : f32
  } -> tensor<128xf32>
  %v70 = tensor.empty() : tensor<128xf32>
  %v71 = linalg.fill ins(%c0 : f32) outs(%v70 : tensor<128xf32>) -> tensor<128xf32>
  %v72 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%v66, %v69 : tensor<128x768xf32>, tensor<128xf32>) outs(%v71 : tensor<128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %m = arith.mulf %a1, %c2 : f32
    %d = arith.subf %a0, %m : f32
    %q = arith.mulf %d, %d : f32
    %r = arith.addf %q, %o : f32
    linalg.yield %r : f32
  } -> tensor<128xf32>
  %v73 = tensor.empty() : tensor<128x768xf32>
  %v74 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v66, %v69, %v72, %arg15, %arg16 : tensor<128x768xf32>, tensor<128xf32>, tensor<128xf32>, tensor<768xf32>, tensor<768xf32>) outs(%v73 : tensor<128x768xf32>) {
  ^bb0(%a0: f32, %a1: f32, %a2: f32, %a3: f32, %a4: f32, %o: f32):
    %m = arith.mulf %a1, %c2 : f32
    %v = arith.mulf %a2, %c2 : f32
    %ve = arith.addf %v, %c3 : f32
    %s = math.rsqrt %ve : f32
    %d = arith.subf %a0, %m : f32
    %n = arith.mulf %d, %s : f32
    %g = arith.mulf %n, %a3 : f32
    %r = arith.addf %g, %a4 : f32
    linalg.yield %r : f32
  } -> tensor<128x768xf32>
  return %v74 : tensor<128x768xf32>
}
