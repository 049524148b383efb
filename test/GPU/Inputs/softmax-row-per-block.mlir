// A softmax with one row per block, every thread running the row (as a
// map_blocks schedule without map_threads leaves it), marked for
// cwm-gpu-distribute-rows.
#row = affine_map<(d0, d1) -> (d0, d1)>
#scalar = affine_map<(d0, d1) -> (d0)>
func.func @softmax(%in: memref<64x128xf32>, %out: memref<64x128xf32>) {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c64, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
    %x = memref.subview %in[%bx, 0] [1, 128] [1, 1] : memref<64x128xf32> to memref<1x128xf32, strided<[128, 1], offset: ?>>
    %y = memref.subview %out[%bx, 0] [1, 128] [1, 1] : memref<64x128xf32> to memref<1x128xf32, strided<[128, 1], offset: ?>>
    %max = memref.alloca() : memref<1xf32>
    %sum = memref.alloca() : memref<1xf32>
    linalg.fill ins(%ninf : f32) outs(%max : memref<1xf32>)
    linalg.generic {indexing_maps = [#row, #scalar], iterator_types = ["parallel", "reduction"]}
        ins(%x : memref<1x128xf32, strided<[128, 1], offset: ?>>) outs(%max : memref<1xf32>) {
    ^bb0(%a: f32, %m: f32):
      %r = arith.maximumf %a, %m : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#row, #scalar, #row], iterator_types = ["parallel", "parallel"]}
        ins(%x, %max : memref<1x128xf32, strided<[128, 1], offset: ?>>, memref<1xf32>)
        outs(%y : memref<1x128xf32, strided<[128, 1], offset: ?>>) {
    ^bb0(%a: f32, %m: f32, %o: f32):
      %d = arith.subf %a, %m : f32
      %e = math.exp %d : f32
      linalg.yield %e : f32
    }
    linalg.fill ins(%zero : f32) outs(%sum : memref<1xf32>)
    linalg.generic {indexing_maps = [#row, #scalar], iterator_types = ["parallel", "reduction"]}
        ins(%y : memref<1x128xf32, strided<[128, 1], offset: ?>>) outs(%sum : memref<1xf32>) {
    ^bb0(%a: f32, %s: f32):
      %r = arith.addf %a, %s : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#scalar, #row], iterator_types = ["parallel", "parallel"]}
        ins(%sum : memref<1xf32>) outs(%y : memref<1x128xf32, strided<[128, 1], offset: ?>>) {
    ^bb0(%s: f32, %o: f32):
      %q = arith.divf %o, %s : f32
      linalg.yield %q : f32
    }
    gpu.terminator
  } {cwm.distribute_rows}
  return
}
