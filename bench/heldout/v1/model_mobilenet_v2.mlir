func.func @mobilenet_v2(%arg0: tensor<1x224x224x3xf32>, %arg1: tensor<3x3x3x32xf32>, %arg2: tensor<32xf32>, %arg3: tensor<3x3x32xf32>, %arg4: tensor<32xf32>, %arg5: tensor<1x1x32x16xf32>, %arg6: tensor<16xf32>, %arg7: tensor<1x1x16x96xf32>, %arg8: tensor<96xf32>, %arg9: tensor<3x3x96xf32>, %arg10: tensor<96xf32>, %arg11: tensor<1x1x96x24xf32>, %arg12: tensor<24xf32>, %arg13: tensor<1x1x24x144xf32>, %arg14: tensor<144xf32>, %arg15: tensor<3x3x144xf32>, %arg16: tensor<144xf32>, %arg17: tensor<1x1x144x24xf32>, %arg18: tensor<24xf32>, %arg19: tensor<1x1x24x144xf32>, %arg20: tensor<144xf32>, %arg21: tensor<3x3x144xf32>, %arg22: tensor<144xf32>, %arg23: tensor<1x1x144x32xf32>, %arg24: tensor<32xf32>, %arg25: tensor<1x1x32x192xf32>, %arg26: tensor<192xf32>, %arg27: tensor<3x3x192xf32>, %arg28: tensor<192xf32>, %arg29: tensor<1x1x192x32xf32>, %arg30: tensor<32xf32>, %arg31: tensor<1x1x32x192xf32>, %arg32: tensor<192xf32>, %arg33: tensor<3x3x192xf32>, %arg34: tensor<192xf32>, %arg35: tensor<1x1x192x32xf32>, %arg36: tensor<32xf32>, %arg37: tensor<1x1x32x192xf32>, %arg38: tensor<192xf32>, %arg39: tensor<3x3x192xf32>, %arg40: tensor<192xf32>, %arg41: tensor<1x1x192x64xf32>, %arg42: tensor<64xf32>, %arg43: tensor<1x1x64x384xf32>, %arg44: tensor<384xf32>, %arg45: tensor<3x3x384xf32>, %arg46: tensor<384xf32>, %arg47: tensor<1x1x384x64xf32>, %arg48: tensor<64xf32>, %arg49: tensor<1x1x64x384xf32>, %arg50: tensor<384xf32>, %arg51: tensor<3x3x384xf32>, %arg52: tensor<384xf32>, %arg53: tensor<1x1x384x64xf32>, %arg54: tensor<64xf32>, %arg55: tensor<1x1x64x384xf32>, %arg56: tensor<384xf32>, %arg57: tensor<3x3x384xf32>, %arg58: tensor<384xf32>, %arg59: tensor<1x1x384x64xf32>, %arg60: tensor<64xf32>, %arg61: tensor<1x1x64x384xf32>, %arg62: tensor<384xf32>, %arg63: tensor<3x3x384xf32>, %arg64: tensor<384xf32>, %arg65: tensor<1x1x384x96xf32>, %arg66: tensor<96xf32>, %arg67: tensor<1x1x96x576xf32>, %arg68: tensor<576xf32>, %arg69: tensor<3x3x576xf32>, %arg70: tensor<576xf32>, %arg71: tensor<1x1x576x96xf32>, %arg72: tensor<96xf32>, %arg73: tensor<1x1x96x576xf32>, %arg74: tensor<576xf32>, %arg75: tensor<3x3x576xf32>, %arg76: tensor<576xf32>, %arg77: tensor<1x1x576x96xf32>, %arg78: tensor<96xf32>, %arg79: tensor<1x1x96x576xf32>, %arg80: tensor<576xf32>, %arg81: tensor<3x3x576xf32>, %arg82: tensor<576xf32>, %arg83: tensor<1x1x576x160xf32>, %arg84: tensor<160xf32>, %arg85: tensor<1x1x160x960xf32>, %arg86: tensor<960xf32>, %arg87: tensor<3x3x960xf32>, %arg88: tensor<960xf32>, %arg89: tensor<1x1x960x160xf32>, %arg90: tensor<160xf32>, %arg91: tensor<1x1x160x960xf32>, %arg92: tensor<960xf32>, %arg93: tensor<3x3x960xf32>, %arg94: tensor<960xf32>, %arg95: tensor<1x1x960x160xf32>, %arg96: tensor<160xf32>, %arg97: tensor<1x1x160x960xf32>, %arg98: tensor<960xf32>, %arg99: tensor<3x3x960xf32>, %arg100: tensor<960xf32>, %arg101: tensor<1x1x960x320xf32>, %arg102: tensor<320xf32>, %arg103: tensor<1x1x320x1280xf32>, %arg104: tensor<1280xf32>, %arg105: tensor<1280x1000xf32>, %arg106: tensor<1000xf32>) -> tensor<1x1000xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 6.0 : f32
  %c2 = arith.constant 0.02040816326530612 : f32
  %v1 = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x224x224x3xf32> to tensor<1x226x226x3xf32>
  %v2 = tensor.empty() : tensor<1x112x112x32xf32>
  %v3 = linalg.fill ins(%c0 : f32) outs(%v2 : tensor<1x112x112x32xf32>) -> tensor<1x112x112x32xf32>
  %v4 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v1, %arg1 : tensor<1x226x226x3xf32>, tensor<3x3x3x32xf32>) outs(%v3 : tensor<1x112x112x32xf32>) -> tensor<1x112x112x32xf32>
  %v5 = tensor.empty() : tensor<1x112x112x32xf32>
  %v6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %arg2 : tensor<1x112x112x32xf32>, tensor<32xf32>) outs(%v5 : tensor<1x112x112x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x32xf32>
  %v7 = tensor.empty() : tensor<1x112x112x32xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6 : tensor<1x112x112x32xf32>) outs(%v7 : tensor<1x112x112x32xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x32xf32>
  %v9 = tensor.pad %v8 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x112x112x32xf32> to tensor<1x114x114x32xf32>
  %v10 = tensor.empty() : tensor<1x112x112x32xf32>
  %v11 = linalg.fill ins(%c0 : f32) outs(%v10 : tensor<1x112x112x32xf32>) -> tensor<1x112x112x32xf32>
  %v12 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v9, %arg3 : tensor<1x114x114x32xf32>, tensor<3x3x32xf32>) outs(%v11 : tensor<1x112x112x32xf32>) -> tensor<1x112x112x32xf32>
  %v13 = tensor.empty() : tensor<1x112x112x32xf32>
  %v14 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12, %arg4 : tensor<1x112x112x32xf32>, tensor<32xf32>) outs(%v13 : tensor<1x112x112x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x32xf32>
  %v15 = tensor.empty() : tensor<1x112x112x32xf32>
  %v16 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14 : tensor<1x112x112x32xf32>) outs(%v15 : tensor<1x112x112x32xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x32xf32>
  %v17 = tensor.empty() : tensor<1x112x112x16xf32>
  %v18 = linalg.fill ins(%c0 : f32) outs(%v17 : tensor<1x112x112x16xf32>) -> tensor<1x112x112x16xf32>
  %v19 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v16, %arg5 : tensor<1x112x112x32xf32>, tensor<1x1x32x16xf32>) outs(%v18 : tensor<1x112x112x16xf32>) -> tensor<1x112x112x16xf32>
  %v20 = tensor.empty() : tensor<1x112x112x16xf32>
  %v21 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v19, %arg6 : tensor<1x112x112x16xf32>, tensor<16xf32>) outs(%v20 : tensor<1x112x112x16xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x16xf32>
  %v22 = tensor.empty() : tensor<1x112x112x96xf32>
  %v23 = linalg.fill ins(%c0 : f32) outs(%v22 : tensor<1x112x112x96xf32>) -> tensor<1x112x112x96xf32>
  %v24 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v21, %arg7 : tensor<1x112x112x16xf32>, tensor<1x1x16x96xf32>) outs(%v23 : tensor<1x112x112x96xf32>) -> tensor<1x112x112x96xf32>
  %v25 = tensor.empty() : tensor<1x112x112x96xf32>
  %v26 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v24, %arg8 : tensor<1x112x112x96xf32>, tensor<96xf32>) outs(%v25 : tensor<1x112x112x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x96xf32>
  %v27 = tensor.empty() : tensor<1x112x112x96xf32>
  %v28 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v26 : tensor<1x112x112x96xf32>) outs(%v27 : tensor<1x112x112x96xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x112x112x96xf32>
  %v29 = tensor.pad %v28 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x112x112x96xf32> to tensor<1x114x114x96xf32>
  %v30 = tensor.empty() : tensor<1x56x56x96xf32>
  %v31 = linalg.fill ins(%c0 : f32) outs(%v30 : tensor<1x56x56x96xf32>) -> tensor<1x56x56x96xf32>
  %v32 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v29, %arg9 : tensor<1x114x114x96xf32>, tensor<3x3x96xf32>) outs(%v31 : tensor<1x56x56x96xf32>) -> tensor<1x56x56x96xf32>
  %v33 = tensor.empty() : tensor<1x56x56x96xf32>
  %v34 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v32, %arg10 : tensor<1x56x56x96xf32>, tensor<96xf32>) outs(%v33 : tensor<1x56x56x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x96xf32>
  %v35 = tensor.empty() : tensor<1x56x56x96xf32>
  %v36 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v34 : tensor<1x56x56x96xf32>) outs(%v35 : tensor<1x56x56x96xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x96xf32>
  %v37 = tensor.empty() : tensor<1x56x56x24xf32>
  %v38 = linalg.fill ins(%c0 : f32) outs(%v37 : tensor<1x56x56x24xf32>) -> tensor<1x56x56x24xf32>
  %v39 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v36, %arg11 : tensor<1x56x56x96xf32>, tensor<1x1x96x24xf32>) outs(%v38 : tensor<1x56x56x24xf32>) -> tensor<1x56x56x24xf32>
  %v40 = tensor.empty() : tensor<1x56x56x24xf32>
  %v41 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v39, %arg12 : tensor<1x56x56x24xf32>, tensor<24xf32>) outs(%v40 : tensor<1x56x56x24xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x24xf32>
  %v42 = tensor.empty() : tensor<1x56x56x144xf32>
  %v43 = linalg.fill ins(%c0 : f32) outs(%v42 : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
  %v44 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v41, %arg13 : tensor<1x56x56x24xf32>, tensor<1x1x24x144xf32>) outs(%v43 : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
  %v45 = tensor.empty() : tensor<1x56x56x144xf32>
  %v46 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v44, %arg14 : tensor<1x56x56x144xf32>, tensor<144xf32>) outs(%v45 : tensor<1x56x56x144xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x144xf32>
  %v47 = tensor.empty() : tensor<1x56x56x144xf32>
  %v48 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v46 : tensor<1x56x56x144xf32>) outs(%v47 : tensor<1x56x56x144xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x144xf32>
  %v49 = tensor.pad %v48 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x144xf32> to tensor<1x58x58x144xf32>
  %v50 = tensor.empty() : tensor<1x56x56x144xf32>
  %v51 = linalg.fill ins(%c0 : f32) outs(%v50 : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
  %v52 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v49, %arg15 : tensor<1x58x58x144xf32>, tensor<3x3x144xf32>) outs(%v51 : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
  %v53 = tensor.empty() : tensor<1x56x56x144xf32>
  %v54 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v52, %arg16 : tensor<1x56x56x144xf32>, tensor<144xf32>) outs(%v53 : tensor<1x56x56x144xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x144xf32>
  %v55 = tensor.empty() : tensor<1x56x56x144xf32>
  %v56 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v54 : tensor<1x56x56x144xf32>) outs(%v55 : tensor<1x56x56x144xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x144xf32>
  %v57 = tensor.empty() : tensor<1x56x56x24xf32>
  %v58 = linalg.fill ins(%c0 : f32) outs(%v57 : tensor<1x56x56x24xf32>) -> tensor<1x56x56x24xf32>
  %v59 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v56, %arg17 : tensor<1x56x56x144xf32>, tensor<1x1x144x24xf32>) outs(%v58 : tensor<1x56x56x24xf32>) -> tensor<1x56x56x24xf32>
  %v60 = tensor.empty() : tensor<1x56x56x24xf32>
  %v61 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v59, %arg18 : tensor<1x56x56x24xf32>, tensor<24xf32>) outs(%v60 : tensor<1x56x56x24xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x24xf32>
  %v62 = tensor.empty() : tensor<1x56x56x24xf32>
  %v63 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v61, %v41 : tensor<1x56x56x24xf32>, tensor<1x56x56x24xf32>) outs(%v62 : tensor<1x56x56x24xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x24xf32>
  %v64 = tensor.empty() : tensor<1x56x56x144xf32>
  %v65 = linalg.fill ins(%c0 : f32) outs(%v64 : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
  %v66 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v63, %arg19 : tensor<1x56x56x24xf32>, tensor<1x1x24x144xf32>) outs(%v65 : tensor<1x56x56x144xf32>) -> tensor<1x56x56x144xf32>
  %v67 = tensor.empty() : tensor<1x56x56x144xf32>
  %v68 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v66, %arg20 : tensor<1x56x56x144xf32>, tensor<144xf32>) outs(%v67 : tensor<1x56x56x144xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x144xf32>
  %v69 = tensor.empty() : tensor<1x56x56x144xf32>
  %v70 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v68 : tensor<1x56x56x144xf32>) outs(%v69 : tensor<1x56x56x144xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x144xf32>
  %v71 = tensor.pad %v70 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x56x56x144xf32> to tensor<1x58x58x144xf32>
  %v72 = tensor.empty() : tensor<1x28x28x144xf32>
  %v73 = linalg.fill ins(%c0 : f32) outs(%v72 : tensor<1x28x28x144xf32>) -> tensor<1x28x28x144xf32>
  %v74 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v71, %arg21 : tensor<1x58x58x144xf32>, tensor<3x3x144xf32>) outs(%v73 : tensor<1x28x28x144xf32>) -> tensor<1x28x28x144xf32>
  %v75 = tensor.empty() : tensor<1x28x28x144xf32>
  %v76 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v74, %arg22 : tensor<1x28x28x144xf32>, tensor<144xf32>) outs(%v75 : tensor<1x28x28x144xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x144xf32>
  %v77 = tensor.empty() : tensor<1x28x28x144xf32>
  %v78 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v76 : tensor<1x28x28x144xf32>) outs(%v77 : tensor<1x28x28x144xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x144xf32>
  %v79 = tensor.empty() : tensor<1x28x28x32xf32>
  %v80 = linalg.fill ins(%c0 : f32) outs(%v79 : tensor<1x28x28x32xf32>) -> tensor<1x28x28x32xf32>
  %v81 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v78, %arg23 : tensor<1x28x28x144xf32>, tensor<1x1x144x32xf32>) outs(%v80 : tensor<1x28x28x32xf32>) -> tensor<1x28x28x32xf32>
  %v82 = tensor.empty() : tensor<1x28x28x32xf32>
  %v83 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v81, %arg24 : tensor<1x28x28x32xf32>, tensor<32xf32>) outs(%v82 : tensor<1x28x28x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x32xf32>
  %v84 = tensor.empty() : tensor<1x28x28x192xf32>
  %v85 = linalg.fill ins(%c0 : f32) outs(%v84 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v86 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v83, %arg25 : tensor<1x28x28x32xf32>, tensor<1x1x32x192xf32>) outs(%v85 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v87 = tensor.empty() : tensor<1x28x28x192xf32>
  %v88 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v86, %arg26 : tensor<1x28x28x192xf32>, tensor<192xf32>) outs(%v87 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v89 = tensor.empty() : tensor<1x28x28x192xf32>
  %v90 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v88 : tensor<1x28x28x192xf32>) outs(%v89 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v91 = tensor.pad %v90 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x192xf32> to tensor<1x30x30x192xf32>
  %v92 = tensor.empty() : tensor<1x28x28x192xf32>
  %v93 = linalg.fill ins(%c0 : f32) outs(%v92 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v94 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v91, %arg27 : tensor<1x30x30x192xf32>, tensor<3x3x192xf32>) outs(%v93 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v95 = tensor.empty() : tensor<1x28x28x192xf32>
  %v96 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v94, %arg28 : tensor<1x28x28x192xf32>, tensor<192xf32>) outs(%v95 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v97 = tensor.empty() : tensor<1x28x28x192xf32>
  %v98 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v96 : tensor<1x28x28x192xf32>) outs(%v97 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v99 = tensor.empty() : tensor<1x28x28x32xf32>
  %v100 = linalg.fill ins(%c0 : f32) outs(%v99 : tensor<1x28x28x32xf32>) -> tensor<1x28x28x32xf32>
  %v101 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v98, %arg29 : tensor<1x28x28x192xf32>, tensor<1x1x192x32xf32>) outs(%v100 : tensor<1x28x28x32xf32>) -> tensor<1x28x28x32xf32>
  %v102 = tensor.empty() : tensor<1x28x28x32xf32>
  %v103 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v101, %arg30 : tensor<1x28x28x32xf32>, tensor<32xf32>) outs(%v102 : tensor<1x28x28x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x32xf32>
  %v104 = tensor.empty() : tensor<1x28x28x32xf32>
  %v105 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v103, %v83 : tensor<1x28x28x32xf32>, tensor<1x28x28x32xf32>) outs(%v104 : tensor<1x28x28x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x32xf32>
  %v106 = tensor.empty() : tensor<1x28x28x192xf32>
  %v107 = linalg.fill ins(%c0 : f32) outs(%v106 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v108 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v105, %arg31 : tensor<1x28x28x32xf32>, tensor<1x1x32x192xf32>) outs(%v107 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v109 = tensor.empty() : tensor<1x28x28x192xf32>
  %v110 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v108, %arg32 : tensor<1x28x28x192xf32>, tensor<192xf32>) outs(%v109 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v111 = tensor.empty() : tensor<1x28x28x192xf32>
  %v112 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v110 : tensor<1x28x28x192xf32>) outs(%v111 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v113 = tensor.pad %v112 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x192xf32> to tensor<1x30x30x192xf32>
  %v114 = tensor.empty() : tensor<1x28x28x192xf32>
  %v115 = linalg.fill ins(%c0 : f32) outs(%v114 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v116 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v113, %arg33 : tensor<1x30x30x192xf32>, tensor<3x3x192xf32>) outs(%v115 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v117 = tensor.empty() : tensor<1x28x28x192xf32>
  %v118 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v116, %arg34 : tensor<1x28x28x192xf32>, tensor<192xf32>) outs(%v117 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v119 = tensor.empty() : tensor<1x28x28x192xf32>
  %v120 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v118 : tensor<1x28x28x192xf32>) outs(%v119 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v121 = tensor.empty() : tensor<1x28x28x32xf32>
  %v122 = linalg.fill ins(%c0 : f32) outs(%v121 : tensor<1x28x28x32xf32>) -> tensor<1x28x28x32xf32>
  %v123 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v120, %arg35 : tensor<1x28x28x192xf32>, tensor<1x1x192x32xf32>) outs(%v122 : tensor<1x28x28x32xf32>) -> tensor<1x28x28x32xf32>
  %v124 = tensor.empty() : tensor<1x28x28x32xf32>
  %v125 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v123, %arg36 : tensor<1x28x28x32xf32>, tensor<32xf32>) outs(%v124 : tensor<1x28x28x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x32xf32>
  %v126 = tensor.empty() : tensor<1x28x28x32xf32>
  %v127 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v125, %v105 : tensor<1x28x28x32xf32>, tensor<1x28x28x32xf32>) outs(%v126 : tensor<1x28x28x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x32xf32>
  %v128 = tensor.empty() : tensor<1x28x28x192xf32>
  %v129 = linalg.fill ins(%c0 : f32) outs(%v128 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v130 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v127, %arg37 : tensor<1x28x28x32xf32>, tensor<1x1x32x192xf32>) outs(%v129 : tensor<1x28x28x192xf32>) -> tensor<1x28x28x192xf32>
  %v131 = tensor.empty() : tensor<1x28x28x192xf32>
  %v132 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v130, %arg38 : tensor<1x28x28x192xf32>, tensor<192xf32>) outs(%v131 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v133 = tensor.empty() : tensor<1x28x28x192xf32>
  %v134 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v132 : tensor<1x28x28x192xf32>) outs(%v133 : tensor<1x28x28x192xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x28x28x192xf32>
  %v135 = tensor.pad %v134 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x28x28x192xf32> to tensor<1x30x30x192xf32>
  %v136 = tensor.empty() : tensor<1x14x14x192xf32>
  %v137 = linalg.fill ins(%c0 : f32) outs(%v136 : tensor<1x14x14x192xf32>) -> tensor<1x14x14x192xf32>
  %v138 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v135, %arg39 : tensor<1x30x30x192xf32>, tensor<3x3x192xf32>) outs(%v137 : tensor<1x14x14x192xf32>) -> tensor<1x14x14x192xf32>
  %v139 = tensor.empty() : tensor<1x14x14x192xf32>
  %v140 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v138, %arg40 : tensor<1x14x14x192xf32>, tensor<192xf32>) outs(%v139 : tensor<1x14x14x192xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x192xf32>
  %v141 = tensor.empty() : tensor<1x14x14x192xf32>
  %v142 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v140 : tensor<1x14x14x192xf32>) outs(%v141 : tensor<1x14x14x192xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x192xf32>
  %v143 = tensor.empty() : tensor<1x14x14x64xf32>
  %v144 = linalg.fill ins(%c0 : f32) outs(%v143 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v145 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v142, %arg41 : tensor<1x14x14x192xf32>, tensor<1x1x192x64xf32>) outs(%v144 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v146 = tensor.empty() : tensor<1x14x14x64xf32>
  %v147 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v145, %arg42 : tensor<1x14x14x64xf32>, tensor<64xf32>) outs(%v146 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v148 = tensor.empty() : tensor<1x14x14x384xf32>
  %v149 = linalg.fill ins(%c0 : f32) outs(%v148 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v150 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v147, %arg43 : tensor<1x14x14x64xf32>, tensor<1x1x64x384xf32>) outs(%v149 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v151 = tensor.empty() : tensor<1x14x14x384xf32>
  %v152 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v150, %arg44 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v151 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v153 = tensor.empty() : tensor<1x14x14x384xf32>
  %v154 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v152 : tensor<1x14x14x384xf32>) outs(%v153 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v155 = tensor.pad %v154 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x384xf32> to tensor<1x16x16x384xf32>
  %v156 = tensor.empty() : tensor<1x14x14x384xf32>
  %v157 = linalg.fill ins(%c0 : f32) outs(%v156 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v158 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v155, %arg45 : tensor<1x16x16x384xf32>, tensor<3x3x384xf32>) outs(%v157 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v159 = tensor.empty() : tensor<1x14x14x384xf32>
  %v160 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v158, %arg46 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v159 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v161 = tensor.empty() : tensor<1x14x14x384xf32>
  %v162 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v160 : tensor<1x14x14x384xf32>) outs(%v161 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v163 = tensor.empty() : tensor<1x14x14x64xf32>
  %v164 = linalg.fill ins(%c0 : f32) outs(%v163 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v165 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v162, %arg47 : tensor<1x14x14x384xf32>, tensor<1x1x384x64xf32>) outs(%v164 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v166 = tensor.empty() : tensor<1x14x14x64xf32>
  %v167 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v165, %arg48 : tensor<1x14x14x64xf32>, tensor<64xf32>) outs(%v166 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v168 = tensor.empty() : tensor<1x14x14x64xf32>
  %v169 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v167, %v147 : tensor<1x14x14x64xf32>, tensor<1x14x14x64xf32>) outs(%v168 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v170 = tensor.empty() : tensor<1x14x14x384xf32>
  %v171 = linalg.fill ins(%c0 : f32) outs(%v170 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v172 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v169, %arg49 : tensor<1x14x14x64xf32>, tensor<1x1x64x384xf32>) outs(%v171 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v173 = tensor.empty() : tensor<1x14x14x384xf32>
  %v174 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v172, %arg50 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v173 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v175 = tensor.empty() : tensor<1x14x14x384xf32>
  %v176 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v174 : tensor<1x14x14x384xf32>) outs(%v175 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v177 = tensor.pad %v176 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x384xf32> to tensor<1x16x16x384xf32>
  %v178 = tensor.empty() : tensor<1x14x14x384xf32>
  %v179 = linalg.fill ins(%c0 : f32) outs(%v178 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v180 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v177, %arg51 : tensor<1x16x16x384xf32>, tensor<3x3x384xf32>) outs(%v179 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v181 = tensor.empty() : tensor<1x14x14x384xf32>
  %v182 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v180, %arg52 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v181 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v183 = tensor.empty() : tensor<1x14x14x384xf32>
  %v184 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v182 : tensor<1x14x14x384xf32>) outs(%v183 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v185 = tensor.empty() : tensor<1x14x14x64xf32>
  %v186 = linalg.fill ins(%c0 : f32) outs(%v185 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v187 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v184, %arg53 : tensor<1x14x14x384xf32>, tensor<1x1x384x64xf32>) outs(%v186 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v188 = tensor.empty() : tensor<1x14x14x64xf32>
  %v189 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v187, %arg54 : tensor<1x14x14x64xf32>, tensor<64xf32>) outs(%v188 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v190 = tensor.empty() : tensor<1x14x14x64xf32>
  %v191 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v189, %v169 : tensor<1x14x14x64xf32>, tensor<1x14x14x64xf32>) outs(%v190 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v192 = tensor.empty() : tensor<1x14x14x384xf32>
  %v193 = linalg.fill ins(%c0 : f32) outs(%v192 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v194 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v191, %arg55 : tensor<1x14x14x64xf32>, tensor<1x1x64x384xf32>) outs(%v193 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v195 = tensor.empty() : tensor<1x14x14x384xf32>
  %v196 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v194, %arg56 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v195 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v197 = tensor.empty() : tensor<1x14x14x384xf32>
  %v198 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v196 : tensor<1x14x14x384xf32>) outs(%v197 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v199 = tensor.pad %v198 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x384xf32> to tensor<1x16x16x384xf32>
  %v200 = tensor.empty() : tensor<1x14x14x384xf32>
  %v201 = linalg.fill ins(%c0 : f32) outs(%v200 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v202 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v199, %arg57 : tensor<1x16x16x384xf32>, tensor<3x3x384xf32>) outs(%v201 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v203 = tensor.empty() : tensor<1x14x14x384xf32>
  %v204 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v202, %arg58 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v203 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v205 = tensor.empty() : tensor<1x14x14x384xf32>
  %v206 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v204 : tensor<1x14x14x384xf32>) outs(%v205 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v207 = tensor.empty() : tensor<1x14x14x64xf32>
  %v208 = linalg.fill ins(%c0 : f32) outs(%v207 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v209 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v206, %arg59 : tensor<1x14x14x384xf32>, tensor<1x1x384x64xf32>) outs(%v208 : tensor<1x14x14x64xf32>) -> tensor<1x14x14x64xf32>
  %v210 = tensor.empty() : tensor<1x14x14x64xf32>
  %v211 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v209, %arg60 : tensor<1x14x14x64xf32>, tensor<64xf32>) outs(%v210 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v212 = tensor.empty() : tensor<1x14x14x64xf32>
  %v213 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v211, %v191 : tensor<1x14x14x64xf32>, tensor<1x14x14x64xf32>) outs(%v212 : tensor<1x14x14x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x64xf32>
  %v214 = tensor.empty() : tensor<1x14x14x384xf32>
  %v215 = linalg.fill ins(%c0 : f32) outs(%v214 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v216 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v213, %arg61 : tensor<1x14x14x64xf32>, tensor<1x1x64x384xf32>) outs(%v215 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v217 = tensor.empty() : tensor<1x14x14x384xf32>
  %v218 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v216, %arg62 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v217 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v219 = tensor.empty() : tensor<1x14x14x384xf32>
  %v220 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v218 : tensor<1x14x14x384xf32>) outs(%v219 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v221 = tensor.pad %v220 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x384xf32> to tensor<1x16x16x384xf32>
  %v222 = tensor.empty() : tensor<1x14x14x384xf32>
  %v223 = linalg.fill ins(%c0 : f32) outs(%v222 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v224 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v221, %arg63 : tensor<1x16x16x384xf32>, tensor<3x3x384xf32>) outs(%v223 : tensor<1x14x14x384xf32>) -> tensor<1x14x14x384xf32>
  %v225 = tensor.empty() : tensor<1x14x14x384xf32>
  %v226 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v224, %arg64 : tensor<1x14x14x384xf32>, tensor<384xf32>) outs(%v225 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v227 = tensor.empty() : tensor<1x14x14x384xf32>
  %v228 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v226 : tensor<1x14x14x384xf32>) outs(%v227 : tensor<1x14x14x384xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x384xf32>
  %v229 = tensor.empty() : tensor<1x14x14x96xf32>
  %v230 = linalg.fill ins(%c0 : f32) outs(%v229 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v231 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v228, %arg65 : tensor<1x14x14x384xf32>, tensor<1x1x384x96xf32>) outs(%v230 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v232 = tensor.empty() : tensor<1x14x14x96xf32>
  %v233 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v231, %arg66 : tensor<1x14x14x96xf32>, tensor<96xf32>) outs(%v232 : tensor<1x14x14x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x96xf32>
  %v234 = tensor.empty() : tensor<1x14x14x576xf32>
  %v235 = linalg.fill ins(%c0 : f32) outs(%v234 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v236 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v233, %arg67 : tensor<1x14x14x96xf32>, tensor<1x1x96x576xf32>) outs(%v235 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v237 = tensor.empty() : tensor<1x14x14x576xf32>
  %v238 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v236, %arg68 : tensor<1x14x14x576xf32>, tensor<576xf32>) outs(%v237 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v239 = tensor.empty() : tensor<1x14x14x576xf32>
  %v240 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v238 : tensor<1x14x14x576xf32>) outs(%v239 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v241 = tensor.pad %v240 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x576xf32> to tensor<1x16x16x576xf32>
  %v242 = tensor.empty() : tensor<1x14x14x576xf32>
  %v243 = linalg.fill ins(%c0 : f32) outs(%v242 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v244 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v241, %arg69 : tensor<1x16x16x576xf32>, tensor<3x3x576xf32>) outs(%v243 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v245 = tensor.empty() : tensor<1x14x14x576xf32>
  %v246 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v244, %arg70 : tensor<1x14x14x576xf32>, tensor<576xf32>) outs(%v245 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v247 = tensor.empty() : tensor<1x14x14x576xf32>
  %v248 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v246 : tensor<1x14x14x576xf32>) outs(%v247 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v249 = tensor.empty() : tensor<1x14x14x96xf32>
  %v250 = linalg.fill ins(%c0 : f32) outs(%v249 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v251 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v248, %arg71 : tensor<1x14x14x576xf32>, tensor<1x1x576x96xf32>) outs(%v250 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v252 = tensor.empty() : tensor<1x14x14x96xf32>
  %v253 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v251, %arg72 : tensor<1x14x14x96xf32>, tensor<96xf32>) outs(%v252 : tensor<1x14x14x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x96xf32>
  %v254 = tensor.empty() : tensor<1x14x14x96xf32>
  %v255 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v253, %v233 : tensor<1x14x14x96xf32>, tensor<1x14x14x96xf32>) outs(%v254 : tensor<1x14x14x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x96xf32>
  %v256 = tensor.empty() : tensor<1x14x14x576xf32>
  %v257 = linalg.fill ins(%c0 : f32) outs(%v256 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v258 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v255, %arg73 : tensor<1x14x14x96xf32>, tensor<1x1x96x576xf32>) outs(%v257 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v259 = tensor.empty() : tensor<1x14x14x576xf32>
  %v260 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v258, %arg74 : tensor<1x14x14x576xf32>, tensor<576xf32>) outs(%v259 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v261 = tensor.empty() : tensor<1x14x14x576xf32>
  %v262 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v260 : tensor<1x14x14x576xf32>) outs(%v261 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v263 = tensor.pad %v262 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x576xf32> to tensor<1x16x16x576xf32>
  %v264 = tensor.empty() : tensor<1x14x14x576xf32>
  %v265 = linalg.fill ins(%c0 : f32) outs(%v264 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v266 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v263, %arg75 : tensor<1x16x16x576xf32>, tensor<3x3x576xf32>) outs(%v265 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v267 = tensor.empty() : tensor<1x14x14x576xf32>
  %v268 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v266, %arg76 : tensor<1x14x14x576xf32>, tensor<576xf32>) outs(%v267 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v269 = tensor.empty() : tensor<1x14x14x576xf32>
  %v270 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v268 : tensor<1x14x14x576xf32>) outs(%v269 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v271 = tensor.empty() : tensor<1x14x14x96xf32>
  %v272 = linalg.fill ins(%c0 : f32) outs(%v271 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v273 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v270, %arg77 : tensor<1x14x14x576xf32>, tensor<1x1x576x96xf32>) outs(%v272 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v274 = tensor.empty() : tensor<1x14x14x96xf32>
  %v275 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v273, %arg78 : tensor<1x14x14x96xf32>, tensor<96xf32>) outs(%v274 : tensor<1x14x14x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x96xf32>
  %v276 = tensor.empty() : tensor<1x14x14x96xf32>
  %v277 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v275, %v255 : tensor<1x14x14x96xf32>, tensor<1x14x14x96xf32>) outs(%v276 : tensor<1x14x14x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x96xf32>
  %v278 = tensor.empty() : tensor<1x14x14x576xf32>
  %v279 = linalg.fill ins(%c0 : f32) outs(%v278 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v280 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v277, %arg79 : tensor<1x14x14x96xf32>, tensor<1x1x96x576xf32>) outs(%v279 : tensor<1x14x14x576xf32>) -> tensor<1x14x14x576xf32>
  %v281 = tensor.empty() : tensor<1x14x14x576xf32>
  %v282 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v280, %arg80 : tensor<1x14x14x576xf32>, tensor<576xf32>) outs(%v281 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v283 = tensor.empty() : tensor<1x14x14x576xf32>
  %v284 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v282 : tensor<1x14x14x576xf32>) outs(%v283 : tensor<1x14x14x576xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x576xf32>
  %v285 = tensor.pad %v284 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x576xf32> to tensor<1x16x16x576xf32>
  %v286 = tensor.empty() : tensor<1x7x7x576xf32>
  %v287 = linalg.fill ins(%c0 : f32) outs(%v286 : tensor<1x7x7x576xf32>) -> tensor<1x7x7x576xf32>
  %v288 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v285, %arg81 : tensor<1x16x16x576xf32>, tensor<3x3x576xf32>) outs(%v287 : tensor<1x7x7x576xf32>) -> tensor<1x7x7x576xf32>
  %v289 = tensor.empty() : tensor<1x7x7x576xf32>
  %v290 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v288, %arg82 : tensor<1x7x7x576xf32>, tensor<576xf32>) outs(%v289 : tensor<1x7x7x576xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x576xf32>
  %v291 = tensor.empty() : tensor<1x7x7x576xf32>
  %v292 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v290 : tensor<1x7x7x576xf32>) outs(%v291 : tensor<1x7x7x576xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x576xf32>
  %v293 = tensor.empty() : tensor<1x7x7x160xf32>
  %v294 = linalg.fill ins(%c0 : f32) outs(%v293 : tensor<1x7x7x160xf32>) -> tensor<1x7x7x160xf32>
  %v295 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v292, %arg83 : tensor<1x7x7x576xf32>, tensor<1x1x576x160xf32>) outs(%v294 : tensor<1x7x7x160xf32>) -> tensor<1x7x7x160xf32>
  %v296 = tensor.empty() : tensor<1x7x7x160xf32>
  %v297 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v295, %arg84 : tensor<1x7x7x160xf32>, tensor<160xf32>) outs(%v296 : tensor<1x7x7x160xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x160xf32>
  %v298 = tensor.empty() : tensor<1x7x7x960xf32>
  %v299 = linalg.fill ins(%c0 : f32) outs(%v298 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v300 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v297, %arg85 : tensor<1x7x7x160xf32>, tensor<1x1x160x960xf32>) outs(%v299 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v301 = tensor.empty() : tensor<1x7x7x960xf32>
  %v302 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v300, %arg86 : tensor<1x7x7x960xf32>, tensor<960xf32>) outs(%v301 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v303 = tensor.empty() : tensor<1x7x7x960xf32>
  %v304 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v302 : tensor<1x7x7x960xf32>) outs(%v303 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v305 = tensor.pad %v304 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x7x7x960xf32> to tensor<1x9x9x960xf32>
  %v306 = tensor.empty() : tensor<1x7x7x960xf32>
  %v307 = linalg.fill ins(%c0 : f32) outs(%v306 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v308 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v305, %arg87 : tensor<1x9x9x960xf32>, tensor<3x3x960xf32>) outs(%v307 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v309 = tensor.empty() : tensor<1x7x7x960xf32>
  %v310 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v308, %arg88 : tensor<1x7x7x960xf32>, tensor<960xf32>) outs(%v309 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v311 = tensor.empty() : tensor<1x7x7x960xf32>
  %v312 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v310 : tensor<1x7x7x960xf32>) outs(%v311 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v313 = tensor.empty() : tensor<1x7x7x160xf32>
  %v314 = linalg.fill ins(%c0 : f32) outs(%v313 : tensor<1x7x7x160xf32>) -> tensor<1x7x7x160xf32>
  %v315 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v312, %arg89 : tensor<1x7x7x960xf32>, tensor<1x1x960x160xf32>) outs(%v314 : tensor<1x7x7x160xf32>) -> tensor<1x7x7x160xf32>
  %v316 = tensor.empty() : tensor<1x7x7x160xf32>
  %v317 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v315, %arg90 : tensor<1x7x7x160xf32>, tensor<160xf32>) outs(%v316 : tensor<1x7x7x160xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x160xf32>
  %v318 = tensor.empty() : tensor<1x7x7x160xf32>
  %v319 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v317, %v297 : tensor<1x7x7x160xf32>, tensor<1x7x7x160xf32>) outs(%v318 : tensor<1x7x7x160xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x160xf32>
  %v320 = tensor.empty() : tensor<1x7x7x960xf32>
  %v321 = linalg.fill ins(%c0 : f32) outs(%v320 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v322 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v319, %arg91 : tensor<1x7x7x160xf32>, tensor<1x1x160x960xf32>) outs(%v321 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v323 = tensor.empty() : tensor<1x7x7x960xf32>
  %v324 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v322, %arg92 : tensor<1x7x7x960xf32>, tensor<960xf32>) outs(%v323 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v325 = tensor.empty() : tensor<1x7x7x960xf32>
  %v326 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v324 : tensor<1x7x7x960xf32>) outs(%v325 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v327 = tensor.pad %v326 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x7x7x960xf32> to tensor<1x9x9x960xf32>
  %v328 = tensor.empty() : tensor<1x7x7x960xf32>
  %v329 = linalg.fill ins(%c0 : f32) outs(%v328 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v330 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v327, %arg93 : tensor<1x9x9x960xf32>, tensor<3x3x960xf32>) outs(%v329 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v331 = tensor.empty() : tensor<1x7x7x960xf32>
  %v332 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v330, %arg94 : tensor<1x7x7x960xf32>, tensor<960xf32>) outs(%v331 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v333 = tensor.empty() : tensor<1x7x7x960xf32>
  %v334 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v332 : tensor<1x7x7x960xf32>) outs(%v333 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v335 = tensor.empty() : tensor<1x7x7x160xf32>
  %v336 = linalg.fill ins(%c0 : f32) outs(%v335 : tensor<1x7x7x160xf32>) -> tensor<1x7x7x160xf32>
  %v337 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v334, %arg95 : tensor<1x7x7x960xf32>, tensor<1x1x960x160xf32>) outs(%v336 : tensor<1x7x7x160xf32>) -> tensor<1x7x7x160xf32>
  %v338 = tensor.empty() : tensor<1x7x7x160xf32>
  %v339 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v337, %arg96 : tensor<1x7x7x160xf32>, tensor<160xf32>) outs(%v338 : tensor<1x7x7x160xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x160xf32>
  %v340 = tensor.empty() : tensor<1x7x7x160xf32>
  %v341 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v339, %v319 : tensor<1x7x7x160xf32>, tensor<1x7x7x160xf32>) outs(%v340 : tensor<1x7x7x160xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x160xf32>
  %v342 = tensor.empty() : tensor<1x7x7x960xf32>
  %v343 = linalg.fill ins(%c0 : f32) outs(%v342 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v344 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v341, %arg97 : tensor<1x7x7x160xf32>, tensor<1x1x160x960xf32>) outs(%v343 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v345 = tensor.empty() : tensor<1x7x7x960xf32>
  %v346 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v344, %arg98 : tensor<1x7x7x960xf32>, tensor<960xf32>) outs(%v345 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v347 = tensor.empty() : tensor<1x7x7x960xf32>
  %v348 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v346 : tensor<1x7x7x960xf32>) outs(%v347 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v349 = tensor.pad %v348 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x7x7x960xf32> to tensor<1x9x9x960xf32>
  %v350 = tensor.empty() : tensor<1x7x7x960xf32>
  %v351 = linalg.fill ins(%c0 : f32) outs(%v350 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v352 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v349, %arg99 : tensor<1x9x9x960xf32>, tensor<3x3x960xf32>) outs(%v351 : tensor<1x7x7x960xf32>) -> tensor<1x7x7x960xf32>
  %v353 = tensor.empty() : tensor<1x7x7x960xf32>
  %v354 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v352, %arg100 : tensor<1x7x7x960xf32>, tensor<960xf32>) outs(%v353 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v355 = tensor.empty() : tensor<1x7x7x960xf32>
  %v356 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v354 : tensor<1x7x7x960xf32>) outs(%v355 : tensor<1x7x7x960xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x960xf32>
  %v357 = tensor.empty() : tensor<1x7x7x320xf32>
  %v358 = linalg.fill ins(%c0 : f32) outs(%v357 : tensor<1x7x7x320xf32>) -> tensor<1x7x7x320xf32>
  %v359 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v356, %arg101 : tensor<1x7x7x960xf32>, tensor<1x1x960x320xf32>) outs(%v358 : tensor<1x7x7x320xf32>) -> tensor<1x7x7x320xf32>
  %v360 = tensor.empty() : tensor<1x7x7x320xf32>
  %v361 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v359, %arg102 : tensor<1x7x7x320xf32>, tensor<320xf32>) outs(%v360 : tensor<1x7x7x320xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x320xf32>
  %v362 = tensor.empty() : tensor<1x7x7x1280xf32>
  %v363 = linalg.fill ins(%c0 : f32) outs(%v362 : tensor<1x7x7x1280xf32>) -> tensor<1x7x7x1280xf32>
  %v364 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v361, %arg103 : tensor<1x7x7x320xf32>, tensor<1x1x320x1280xf32>) outs(%v363 : tensor<1x7x7x1280xf32>) -> tensor<1x7x7x1280xf32>
  %v365 = tensor.empty() : tensor<1x7x7x1280xf32>
  %v366 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v364, %arg104 : tensor<1x7x7x1280xf32>, tensor<1280xf32>) outs(%v365 : tensor<1x7x7x1280xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x1280xf32>
  %v367 = tensor.empty() : tensor<1x7x7x1280xf32>
  %v368 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v366 : tensor<1x7x7x1280xf32>) outs(%v367 : tensor<1x7x7x1280xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %t = arith.maximumf %a0, %c0 : f32
    %r = arith.minimumf %t, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x1280xf32>
  %v369 = tensor.empty() : tensor<1x1280xf32>
  %v370 = linalg.fill ins(%c0 : f32) outs(%v369 : tensor<1x1280xf32>) -> tensor<1x1280xf32>
  %v371 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d3)>], iterator_types = ["parallel", "reduction", "reduction", "parallel"]} ins(%v368 : tensor<1x7x7x1280xf32>) outs(%v370 : tensor<1x1280xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.addf %a0, %o : f32
    linalg.yield %r : f32
  } -> tensor<1x1280xf32>
  %v372 = tensor.empty() : tensor<1x1280xf32>
  %v373 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v371 : tensor<1x1280xf32>) outs(%v372 : tensor<1x1280xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.mulf %a0, %c2 : f32
    linalg.yield %r : f32
  } -> tensor<1x1280xf32>
  %v374 = tensor.empty() : tensor<1x1000xf32>
  %v375 = linalg.fill ins(%c0 : f32) outs(%v374 : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %v376 = linalg.matmul ins(%v373, %arg105 : tensor<1x1280xf32>, tensor<1280x1000xf32>) outs(%v375 : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %v377 = tensor.empty() : tensor<1x1000xf32>
  %v378 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v376, %arg106 : tensor<1x1000xf32>, tensor<1000xf32>) outs(%v377 : tensor<1x1000xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x1000xf32>
  return %v378 : tensor<1x1000xf32>
}
