func.func @resnet18(%arg0: tensor<1x224x224x3xf32>, %arg1: tensor<7x7x3x64xf32>, %arg2: tensor<64xf32>, %arg3: tensor<3x3x64x64xf32>, %arg4: tensor<64xf32>, %arg5: tensor<3x3x64x64xf32>, %arg6: tensor<64xf32>, %arg7: tensor<3x3x64x64xf32>, %arg8: tensor<64xf32>, %arg9: tensor<3x3x64x64xf32>, %arg10: tensor<64xf32>, %arg11: tensor<3x3x64x128xf32>, %arg12: tensor<128xf32>, %arg13: tensor<3x3x128x128xf32>, %arg14: tensor<128xf32>, %arg15: tensor<1x1x64x128xf32>, %arg16: tensor<128xf32>, %arg17: tensor<3x3x128x128xf32>, %arg18: tensor<128xf32>, %arg19: tensor<3x3x128x128xf32>, %arg20: tensor<128xf32>, %arg21: tensor<3x3x128x256xf32>, %arg22: tensor<256xf32>, %arg23: tensor<3x3x256x256xf32>, %arg24: tensor<256xf32>, %arg25: tensor<1x1x128x256xf32>, %arg26: tensor<256xf32>, %arg27: tensor<3x3x256x256xf32>, %arg28: tensor<256xf32>, %arg29: tensor<3x3x256x256xf32>, %arg30: tensor<256xf32>, %arg31: tensor<3x3x256x512xf32>, %arg32: tensor<512xf32>, %arg33: tensor<3x3x512x512xf32>, %arg34: tensor<512xf32>, %arg35: tensor<1x1x256x512xf32>, %arg36: tensor<512xf32>, %arg37: tensor<3x3x512x512xf32>, %arg38: tensor<512xf32>, %arg39: tensor<3x3x512x512xf32>, %arg40: tensor<512xf32>, %arg41: tensor<512x1000xf32>, %arg42: tensor<1000xf32>) -> tensor<1x1000xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 0xFF800000 : f32
  %c2 = arith.constant 0.02040816326530612 : f32
  %v1 = tensor.pad %arg0 low[0, 3, 3, 0] high[0, 3, 3, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x224x224x3xf32> to tensor<1x230x230x3xf32>
  %v2 = tensor.empty() : tensor<1x112x112x64xf32>
  %v3 = linalg.fill ins(%c0 : f32) outs(%v2 : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
  %v4 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v1, %arg1 : tensor<1x230x230x3xf32>, tensor<7x7x3x64xf32>) outs(%v3 : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
  %v5 = tensor.empty() : tensor<1x112x112x64xf32>
  %v6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %arg2 : tensor<1x112x112x64xf32>, tensor<64xf32>) outs(%v5 : tensor<1x112x112x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x64xf32>
  %v7 = tensor.empty() : tensor<1x112x112x64xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6 : tensor<1x112x112x64xf32>) outs(%v7 : tensor<1x112x112x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x64xf32>
  %v9 = tensor.empty() : tensor<3x3xf32>
  %v10 = tensor.pad %v8 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c1 : f32
  } : tensor<1x112x112x64xf32> to tensor<1x114x114x64xf32>
  %v11 = tensor.empty() : tensor<1x56x56x64xf32>
  %v12 = linalg.fill ins(%c1 : f32) outs(%v11 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v13 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v10, %v9 : tensor<1x114x114x64xf32>, tensor<3x3xf32>) outs(%v12 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v14 = tensor.pad %v13 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %v15 = tensor.empty() : tensor<1x56x56x64xf32>
  %v16 = linalg.fill ins(%c0 : f32) outs(%v15 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v17 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v14, %arg3 : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%v16 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v18 = tensor.empty() : tensor<1x56x56x64xf32>
  %v19 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v17, %arg4 : tensor<1x56x56x64xf32>, tensor<64xf32>) outs(%v18 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v20 = tensor.empty() : tensor<1x56x56x64xf32>
  %v21 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v19 : tensor<1x56x56x64xf32>) outs(%v20 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v22 = tensor.pad %v21 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %v23 = tensor.empty() : tensor<1x56x56x64xf32>
  %v24 = linalg.fill ins(%c0 : f32) outs(%v23 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v25 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v22, %arg5 : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%v24 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v26 = tensor.empty() : tensor<1x56x56x64xf32>
  %v27 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v25, %arg6 : tensor<1x56x56x64xf32>, tensor<64xf32>) outs(%v26 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v28 = tensor.empty() : tensor<1x56x56x64xf32>
  %v29 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v27, %v13 : tensor<1x56x56x64xf32>, tensor<1x56x56x64xf32>) outs(%v28 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v30 = tensor.pad %v29 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %v31 = tensor.empty() : tensor<1x56x56x64xf32>
  %v32 = linalg.fill ins(%c0 : f32) outs(%v31 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v33 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v30, %arg7 : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%v32 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v34 = tensor.empty() : tensor<1x56x56x64xf32>
  %v35 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v33, %arg8 : tensor<1x56x56x64xf32>, tensor<64xf32>) outs(%v34 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v36 = tensor.empty() : tensor<1x56x56x64xf32>
  %v37 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v35 : tensor<1x56x56x64xf32>) outs(%v36 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v38 = tensor.pad %v37 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %v39 = tensor.empty() : tensor<1x56x56x64xf32>
  %v40 = linalg.fill ins(%c0 : f32) outs(%v39 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v41 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v38, %arg9 : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%v40 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v42 = tensor.empty() : tensor<1x56x56x64xf32>
  %v43 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v41, %arg10 : tensor<1x56x56x64xf32>, tensor<64xf32>) outs(%v42 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v44 = tensor.empty() : tensor<1x56x56x64xf32>
  %v45 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v43, %v29 : tensor<1x56x56x64xf32>, tensor<1x56x56x64xf32>) outs(%v44 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  %v46 = tensor.pad %v45 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %v47 = tensor.empty() : tensor<1x28x28x128xf32>
  %v48 = linalg.fill ins(%c0 : f32) outs(%v47 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v49 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v46, %arg11 : tensor<1x58x58x64xf32>, tensor<3x3x64x128xf32>) outs(%v48 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v50 = tensor.empty() : tensor<1x28x28x128xf32>
  %v51 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v49, %arg12 : tensor<1x28x28x128xf32>, tensor<128xf32>) outs(%v50 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v52 = tensor.empty() : tensor<1x28x28x128xf32>
  %v53 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v51 : tensor<1x28x28x128xf32>) outs(%v52 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v54 = tensor.pad %v53 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x128xf32> to tensor<1x30x30x128xf32>
  %v55 = tensor.empty() : tensor<1x28x28x128xf32>
  %v56 = linalg.fill ins(%c0 : f32) outs(%v55 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v57 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v54, %arg13 : tensor<1x30x30x128xf32>, tensor<3x3x128x128xf32>) outs(%v56 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v58 = tensor.empty() : tensor<1x28x28x128xf32>
  %v59 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v57, %arg14 : tensor<1x28x28x128xf32>, tensor<128xf32>) outs(%v58 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v60 = tensor.empty() : tensor<1x28x28x128xf32>
  %v61 = linalg.fill ins(%c0 : f32) outs(%v60 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v62 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v45, %arg15 : tensor<1x56x56x64xf32>, tensor<1x1x64x128xf32>) outs(%v61 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v63 = tensor.empty() : tensor<1x28x28x128xf32>
  %v64 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v62, %arg16 : tensor<1x28x28x128xf32>, tensor<128xf32>) outs(%v63 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v65 = tensor.empty() : tensor<1x28x28x128xf32>
  %v66 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v59, %v64 : tensor<1x28x28x128xf32>, tensor<1x28x28x128xf32>) outs(%v65 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v67 = tensor.pad %v66 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x128xf32> to tensor<1x30x30x128xf32>
  %v68 = tensor.empty() : tensor<1x28x28x128xf32>
  %v69 = linalg.fill ins(%c0 : f32) outs(%v68 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v70 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v67, %arg17 : tensor<1x30x30x128xf32>, tensor<3x3x128x128xf32>) outs(%v69 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v71 = tensor.empty() : tensor<1x28x28x128xf32>
  %v72 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v70, %arg18 : tensor<1x28x28x128xf32>, tensor<128xf32>) outs(%v71 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v73 = tensor.empty() : tensor<1x28x28x128xf32>
  %v74 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v72 : tensor<1x28x28x128xf32>) outs(%v73 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v75 = tensor.pad %v74 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x128xf32> to tensor<1x30x30x128xf32>
  %v76 = tensor.empty() : tensor<1x28x28x128xf32>
  %v77 = linalg.fill ins(%c0 : f32) outs(%v76 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v78 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v75, %arg19 : tensor<1x30x30x128xf32>, tensor<3x3x128x128xf32>) outs(%v77 : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %v79 = tensor.empty() : tensor<1x28x28x128xf32>
  %v80 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v78, %arg20 : tensor<1x28x28x128xf32>, tensor<128xf32>) outs(%v79 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v81 = tensor.empty() : tensor<1x28x28x128xf32>
  %v82 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v80, %v66 : tensor<1x28x28x128xf32>, tensor<1x28x28x128xf32>) outs(%v81 : tensor<1x28x28x128xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x128xf32>
  %v83 = tensor.pad %v82 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x128xf32> to tensor<1x30x30x128xf32>
  %v84 = tensor.empty() : tensor<1x14x14x256xf32>
  %v85 = linalg.fill ins(%c0 : f32) outs(%v84 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v86 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v83, %arg21 : tensor<1x30x30x128xf32>, tensor<3x3x128x256xf32>) outs(%v85 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v87 = tensor.empty() : tensor<1x14x14x256xf32>
  %v88 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v86, %arg22 : tensor<1x14x14x256xf32>, tensor<256xf32>) outs(%v87 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v89 = tensor.empty() : tensor<1x14x14x256xf32>
  %v90 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v88 : tensor<1x14x14x256xf32>) outs(%v89 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v91 = tensor.pad %v90 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x256xf32> to tensor<1x16x16x256xf32>
  %v92 = tensor.empty() : tensor<1x14x14x256xf32>
  %v93 = linalg.fill ins(%c0 : f32) outs(%v92 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v94 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v91, %arg23 : tensor<1x16x16x256xf32>, tensor<3x3x256x256xf32>) outs(%v93 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v95 = tensor.empty() : tensor<1x14x14x256xf32>
  %v96 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v94, %arg24 : tensor<1x14x14x256xf32>, tensor<256xf32>) outs(%v95 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v97 = tensor.empty() : tensor<1x14x14x256xf32>
  %v98 = linalg.fill ins(%c0 : f32) outs(%v97 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v99 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v82, %arg25 : tensor<1x28x28x128xf32>, tensor<1x1x128x256xf32>) outs(%v98 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v100 = tensor.empty() : tensor<1x14x14x256xf32>
  %v101 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v99, %arg26 : tensor<1x14x14x256xf32>, tensor<256xf32>) outs(%v100 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v102 = tensor.empty() : tensor<1x14x14x256xf32>
  %v103 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v96, %v101 : tensor<1x14x14x256xf32>, tensor<1x14x14x256xf32>) outs(%v102 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v104 = tensor.pad %v103 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x256xf32> to tensor<1x16x16x256xf32>
  %v105 = tensor.empty() : tensor<1x14x14x256xf32>
  %v106 = linalg.fill ins(%c0 : f32) outs(%v105 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v107 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v104, %arg27 : tensor<1x16x16x256xf32>, tensor<3x3x256x256xf32>) outs(%v106 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v108 = tensor.empty() : tensor<1x14x14x256xf32>
  %v109 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v107, %arg28 : tensor<1x14x14x256xf32>, tensor<256xf32>) outs(%v108 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v110 = tensor.empty() : tensor<1x14x14x256xf32>
  %v111 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v109 : tensor<1x14x14x256xf32>) outs(%v110 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v112 = tensor.pad %v111 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x256xf32> to tensor<1x16x16x256xf32>
  %v113 = tensor.empty() : tensor<1x14x14x256xf32>
  %v114 = linalg.fill ins(%c0 : f32) outs(%v113 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v115 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v112, %arg29 : tensor<1x16x16x256xf32>, tensor<3x3x256x256xf32>) outs(%v114 : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %v116 = tensor.empty() : tensor<1x14x14x256xf32>
  %v117 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v115, %arg30 : tensor<1x14x14x256xf32>, tensor<256xf32>) outs(%v116 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v118 = tensor.empty() : tensor<1x14x14x256xf32>
  %v119 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v117, %v103 : tensor<1x14x14x256xf32>, tensor<1x14x14x256xf32>) outs(%v118 : tensor<1x14x14x256xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x256xf32>
  %v120 = tensor.pad %v119 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x256xf32> to tensor<1x16x16x256xf32>
  %v121 = tensor.empty() : tensor<1x7x7x512xf32>
  %v122 = linalg.fill ins(%c0 : f32) outs(%v121 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v123 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v120, %arg31 : tensor<1x16x16x256xf32>, tensor<3x3x256x512xf32>) outs(%v122 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v124 = tensor.empty() : tensor<1x7x7x512xf32>
  %v125 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v123, %arg32 : tensor<1x7x7x512xf32>, tensor<512xf32>) outs(%v124 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v126 = tensor.empty() : tensor<1x7x7x512xf32>
  %v127 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v125 : tensor<1x7x7x512xf32>) outs(%v126 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v128 = tensor.pad %v127 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x7x7x512xf32> to tensor<1x9x9x512xf32>
  %v129 = tensor.empty() : tensor<1x7x7x512xf32>
  %v130 = linalg.fill ins(%c0 : f32) outs(%v129 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v131 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v128, %arg33 : tensor<1x9x9x512xf32>, tensor<3x3x512x512xf32>) outs(%v130 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v132 = tensor.empty() : tensor<1x7x7x512xf32>
  %v133 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v131, %arg34 : tensor<1x7x7x512xf32>, tensor<512xf32>) outs(%v132 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v134 = tensor.empty() : tensor<1x7x7x512xf32>
  %v135 = linalg.fill ins(%c0 : f32) outs(%v134 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v136 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v119, %arg35 : tensor<1x14x14x256xf32>, tensor<1x1x256x512xf32>) outs(%v135 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v137 = tensor.empty() : tensor<1x7x7x512xf32>
  %v138 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v136, %arg36 : tensor<1x7x7x512xf32>, tensor<512xf32>) outs(%v137 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v139 = tensor.empty() : tensor<1x7x7x512xf32>
  %v140 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v133, %v138 : tensor<1x7x7x512xf32>, tensor<1x7x7x512xf32>) outs(%v139 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v141 = tensor.pad %v140 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x7x7x512xf32> to tensor<1x9x9x512xf32>
  %v142 = tensor.empty() : tensor<1x7x7x512xf32>
  %v143 = linalg.fill ins(%c0 : f32) outs(%v142 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v144 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v141, %arg37 : tensor<1x9x9x512xf32>, tensor<3x3x512x512xf32>) outs(%v143 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v145 = tensor.empty() : tensor<1x7x7x512xf32>
  %v146 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v144, %arg38 : tensor<1x7x7x512xf32>, tensor<512xf32>) outs(%v145 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v147 = tensor.empty() : tensor<1x7x7x512xf32>
  %v148 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v146 : tensor<1x7x7x512xf32>) outs(%v147 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v149 = tensor.pad %v148 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x7x7x512xf32> to tensor<1x9x9x512xf32>
  %v150 = tensor.empty() : tensor<1x7x7x512xf32>
  %v151 = linalg.fill ins(%c0 : f32) outs(%v150 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v152 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v149, %arg39 : tensor<1x9x9x512xf32>, tensor<3x3x512x512xf32>) outs(%v151 : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %v153 = tensor.empty() : tensor<1x7x7x512xf32>
  %v154 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v152, %arg40 : tensor<1x7x7x512xf32>, tensor<512xf32>) outs(%v153 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v155 = tensor.empty() : tensor<1x7x7x512xf32>
  %v156 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v154, %v140 : tensor<1x7x7x512xf32>, tensor<1x7x7x512xf32>) outs(%v155 : tensor<1x7x7x512xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x512xf32>
  %v157 = tensor.empty() : tensor<1x512xf32>
  %v158 = linalg.fill ins(%c0 : f32) outs(%v157 : tensor<1x512xf32>) -> tensor<1x512xf32>
  %v159 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d3)>], iterator_types = ["parallel", "reduction", "reduction", "parallel"]} ins(%v156 : tensor<1x7x7x512xf32>) outs(%v158 : tensor<1x512xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.addf %a0, %o : f32
    linalg.yield %r : f32
  } -> tensor<1x512xf32>
  %v160 = tensor.empty() : tensor<1x512xf32>
  %v161 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v159 : tensor<1x512xf32>) outs(%v160 : tensor<1x512xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.mulf %a0, %c2 : f32
    linalg.yield %r : f32
  } -> tensor<1x512xf32>
  %v162 = tensor.empty() : tensor<1x1000xf32>
  %v163 = linalg.fill ins(%c0 : f32) outs(%v162 : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %v164 = linalg.matmul ins(%v161, %arg41 : tensor<1x512xf32>, tensor<512x1000xf32>) outs(%v163 : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %v165 = tensor.empty() : tensor<1x1000xf32>
  %v166 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v164, %arg42 : tensor<1x1000xf32>, tensor<1000xf32>) outs(%v165 : tensor<1x1000xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x1000xf32>
  return %v166 : tensor<1x1000xf32>
}
