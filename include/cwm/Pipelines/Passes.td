//===- Passes.td - cwm lowering passes ---------------------*- tablegen -*-===//

#ifndef CWM_PIPELINES_PASSES
#define CWM_PIPELINES_PASSES

include "mlir/Pass/PassBase.td"

def DecomposeAggregates : Pass<"cwm-decompose-aggregates"> {
  let summary = "Decompose linalg.softmax into the generic ops it stands for";
  let description = [{
    MLIR has no lowering of linalg.softmax; this rewrites it into its max,
    exp, sum and divide generics so the default pipeline can lower it.
  }];
  let dependentDialects = ["linalg::LinalgDialect", "arith::ArithDialect",
                           "math::MathDialect", "tensor::TensorDialect"];
}

def ApproximateMath : Pass<"cwm-approximate-math"> {
  let summary = "Replace math ops by vectorizable polynomial approximations";
  let description = [{
    Rewrites math.tanh, math.exp, math.erf, ... (scalar and vector) into
    polynomial approximations so that vectorized code stays vectorized
    instead of calling libm once per lane.
  }];
  let dependentDialects = ["arith::ArithDialect", "math::MathDialect",
                           "vector::VectorDialect"];
}

def HoistVectorTransfers : Pass<"cwm-hoist-vector-transfers", "func::FuncOp"> {
  let summary = "Hoist loop-invariant vector transfers on buffers";
  let description = [{
    After bufferization, moves vector.transfer_read/write pairs on the same
    buffer out of the loops they do not depend on (accumulators stay in
    registers across reduction loops).
  }];
  let dependentDialects = ["vector::VectorDialect", "scf::SCFDialect"];
}

#endif // CWM_PIPELINES_PASSES
