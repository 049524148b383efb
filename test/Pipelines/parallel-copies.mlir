// cwm-parallel-copies: a large copy or fill outside parallel loops (a padded
// input's fill and interior copy, as one-shot-bufferize leaves tensor.pad)
// becomes an scf.forall over the first dimension of size >= 2, one slice per
// iteration; small ones, and those already inside a parallel loop, stay.
// RUN: cwm-opt %s --pass-pipeline="builtin.module(func.func(cwm-parallel-copies))" | FileCheck %s
// RUN: cwm-opt %s --pass-pipeline="builtin.module(func.func(cwm-parallel-copies{min-bytes=100000000}))" | FileCheck %s --check-prefix=BIG

// CHECK-LABEL: func.func @pad
// CHECK:       scf.forall (%[[I:.*]]) in (114)
// CHECK:         %[[F:.*]] = memref.subview %{{.*}}[0, %[[I]], 0, 0] [1, 1, 114, 64] [1, 1, 1, 1]
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[F]]
// CHECK:       scf.forall (%[[J:.*]]) in (112)
// CHECK-DAG:     %[[S:.*]] = memref.subview %arg0[0, %[[J]], 0, 0] [1, 1, 112, 64] [1, 1, 1, 1]
// CHECK-DAG:     %[[T:.*]] = memref.subview %{{.*}}[0, %[[J]], 0, 0] [1, 1, 112, 64] [1, 1, 1, 1]
// CHECK:         memref.copy %[[S]], %[[T]]
// BIG-LABEL:   func.func @pad
// BIG-NOT:     scf.forall
// BIG:         linalg.fill
// BIG:         memref.copy
func.func @pad(%in: memref<1x112x112x64xf32>, %out: memref<1x114x114x64xf32>) {
  %cst = arith.constant 0xFF800000 : f32
  linalg.fill ins(%cst : f32) outs(%out : memref<1x114x114x64xf32>)
  %interior = memref.subview %out[0, 1, 1, 0] [1, 112, 112, 64] [1, 1, 1, 1]
      : memref<1x114x114x64xf32> to memref<1x112x112x64xf32, strided<[831744, 7296, 64, 1], offset: 7360>>
  memref.copy %in, %interior : memref<1x112x112x64xf32> to memref<1x112x112x64xf32, strided<[831744, 7296, 64, 1], offset: 7360>>
  return
}

// CHECK-LABEL: func.func @small_or_parallel
// CHECK:       memref.copy %arg0, %arg1 : memref<16x16xf32> to memref<16x16xf32>
// CHECK:       scf.forall
// CHECK-NOT:   scf.forall
// CHECK:       memref.copy %arg2, %arg3
func.func @small_or_parallel(%a: memref<16x16xf32>, %b: memref<16x16xf32>,
                             %c: memref<512x512xf32>, %d: memref<512x512xf32>) {
  memref.copy %a, %b : memref<16x16xf32> to memref<16x16xf32>
  scf.forall (%i) in (2) {
    memref.copy %c, %d : memref<512x512xf32> to memref<512x512xf32>
  }
  return
}
