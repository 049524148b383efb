// cwm-fill-pad-borders: a bufferized tensor.pad (fill of a new buffer, then a
// copy of the input into its interior) fills only the border: two slabs per
// padded dimension, none where the interior touches the buffer's edge; the
// fused pad's dynamic case too. Fills that something else reads or writes
// before the copy, and copies into strided views, stay as they were.
// RUN: cwm-opt %s --pass-pipeline="builtin.module(func.func(cwm-fill-pad-borders))" | FileCheck %s

// Rows and columns padded by one, batch and channels not: four slabs.
// CHECK-LABEL: func.func @static_pad
// CHECK-NOT:   linalg.fill ins(%{{.*}} : f32) outs(%arg1 :
// CHECK:       %[[TOP:.*]] = memref.subview %arg1[0, 0, 0, 0] [1, 1, 114, 64] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill ins(%[[CST:.*]] : f32) outs(%[[TOP]]
// CHECK-NEXT:  %[[BOTTOM:.*]] = memref.subview %arg1[0, 113, 0, 0] [1, 1, 114, 64] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill ins(%[[CST]] : f32) outs(%[[BOTTOM]]
// CHECK-NEXT:  %[[LEFT:.*]] = memref.subview %arg1[0, 1, 0, 0] [1, 112, 1, 64] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill ins(%[[CST]] : f32) outs(%[[LEFT]]
// CHECK-NEXT:  %[[RIGHT:.*]] = memref.subview %arg1[0, 1, 113, 0] [1, 112, 1, 64] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill ins(%[[CST]] : f32) outs(%[[RIGHT]]
// CHECK-NOT:   linalg.fill
// CHECK:       memref.copy %arg0, %{{.*}} : memref<1x112x112x64xf32> to
func.func @static_pad(%in: memref<1x112x112x64xf32>, %out: memref<1x114x114x64xf32>) {
  %cst = arith.constant 0xFF800000 : f32
  linalg.fill ins(%cst : f32) outs(%out : memref<1x114x114x64xf32>)
  %interior = memref.subview %out[0, 1, 1, 0] [1, 112, 112, 64] [1, 1, 1, 1]
      : memref<1x114x114x64xf32> to memref<1x112x112x64xf32, strided<[831744, 7296, 64, 1], offset: 7360>>
  memref.copy %in, %interior : memref<1x112x112x64xf32> to memref<1x112x112x64xf32, strided<[831744, 7296, 64, 1], offset: 7360>>
  return
}

// A thread's slab of a pad fused into a parallel loop, as one-shot-bufferize
// leaves it: a linalg.map yielding zero, rows with a dynamic offset and size
// (filled below and above the copied rows, both dynamic), columns padded by one.
// CHECK-LABEL: func.func @fused_slab
// CHECK-SAME:  (%[[IN:.*]]: memref<1x?x112x32xf32, strided<[401408, 3584, 32, 1], offset: ?>>, %[[LOW:.*]]: index, %[[ROWS:.*]]: index)
// CHECK:       %[[BUF:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x30x114x32xf32>
// CHECK-NOT:   linalg.map
// CHECK:       %[[S0:.*]] = memref.subview %[[BUF]][0, 0, 0, 0] [1, %[[LOW]], 114, 32] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill ins(%[[ZERO:.*]] : f32) outs(%[[S0]]
// CHECK:       %[[S1:.*]] = memref.subview %[[BUF]][0, %{{.*}}, 0, 0] [1, %{{.*}}, 114, 32] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill ins(%[[ZERO]] : f32) outs(%[[S1]]
// CHECK:       memref.subview %[[BUF]][0, %[[LOW]], 0, 0] [1, %[[ROWS]], 1, 32] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill
// CHECK:       memref.subview %[[BUF]][0, %[[LOW]], 113, 0] [1, %[[ROWS]], 1, 32] [1, 1, 1, 1]
// CHECK-NEXT:  linalg.fill
// CHECK-NOT:   linalg.fill
// CHECK:       memref.copy %[[IN]]
func.func @fused_slab(%in: memref<1x?x112x32xf32, strided<[401408, 3584, 32, 1], offset: ?>>,
                      %low: index, %rows: index) -> memref<1x30x114x32xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %buf = memref.alloc() {alignment = 64 : i64} : memref<1x30x114x32xf32>
  linalg.map outs(%buf : memref<1x30x114x32xf32>)
    (%init: f32) {
      linalg.yield %zero : f32
    }
  %interior = memref.subview %buf[0, %low, 1, 0] [1, %rows, 112, 32] [1, 1, 1, 1]
      : memref<1x30x114x32xf32> to memref<1x?x112x32xf32, strided<[109440, 3648, 32, 1], offset: ?>>
  memref.copy %in, %interior : memref<1x?x112x32xf32, strided<[401408, 3584, 32, 1], offset: ?>> to memref<1x?x112x32xf32, strided<[109440, 3648, 32, 1], offset: ?>>
  return %buf : memref<1x30x114x32xf32>
}

// Left alone: a read of the buffer between fill and copy; a copy into a
// strided view; a map that yields its argument (no fill).
// CHECK-LABEL: func.func @left_alone
// CHECK:       linalg.fill ins(%{{.*}} : f32) outs(%arg1 : memref<8x8xf32>)
// CHECK-NEXT:  memref.load %arg1
// CHECK:       linalg.fill ins(%{{.*}} : f32) outs(%arg2 : memref<8x8xf32>)
// CHECK-NEXT:  memref.subview %arg2[0, 0] [4, 4] [2, 2]
// CHECK:       linalg.map outs(%arg3 : memref<8x8xf32>)
func.func @left_alone(%in: memref<4x4xf32>, %a: memref<8x8xf32>, %b: memref<8x8xf32>,
                      %c: memref<8x8xf32>) -> f32 {
  %cst = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  linalg.fill ins(%cst : f32) outs(%a : memref<8x8xf32>)
  %read = memref.load %a[%c0, %c0] : memref<8x8xf32>
  %ia = memref.subview %a[2, 2] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: 18>>
  memref.copy %in, %ia : memref<4x4xf32> to memref<4x4xf32, strided<[8, 1], offset: 18>>
  linalg.fill ins(%cst : f32) outs(%b : memref<8x8xf32>)
  %ib = memref.subview %b[0, 0] [4, 4] [2, 2] : memref<8x8xf32> to memref<4x4xf32, strided<[16, 2]>>
  memref.copy %in, %ib : memref<4x4xf32> to memref<4x4xf32, strided<[16, 2]>>
  linalg.map outs(%c : memref<8x8xf32>)
    (%init: f32) {
      linalg.yield %init : f32
    }
  %ic = memref.subview %c[2, 2] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: 18>>
  memref.copy %in, %ic : memref<4x4xf32> to memref<4x4xf32, strided<[8, 1], offset: 18>>
  return %read : f32
}
