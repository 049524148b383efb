//===- KernelTemplate.cpp - Kernels built from text for marked matmuls ---===//

#include "KernelTemplate.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace mlir::cwm {

std::string fillTemplate(std::string text,
                         const std::map<std::string, std::string> &values) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto &[name, value] : values) {
      std::string key = "@" + name + "@";
      for (size_t at = text.find(key); at != std::string::npos;
           at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
        changed = true;
      }
    }
  }
  return text;
}

std::string indexConstants(std::vector<int64_t> values) {
  llvm::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string text;
  for (int64_t v : values)
    text += "\n    %c" + std::to_string(v) + " = arith.constant " +
            std::to_string(v) + " : index";
  return text;
}

bool isPlainMemref(Value value, Type element, int64_t rank) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.hasStaticShape() && type.getRank() == rank &&
         type.getElementType() == element && type.getLayout().isIdentity() &&
         !type.getMemorySpace();
}

FailureOr<std::array<int64_t, 3>>
templateMatmulShape(linalg::MatmulOp matmul, Type input, llvm::StringRef what,
                    llvm::StringRef operands) {
  if (!matmul.hasPureBufferSemantics())
    return matmul.emitError(what) << ": the matmul is not on buffers (the "
                                     "schedule bufferizes it first)";
  if (matmul.hasUserDefinedMaps())
    return matmul.emitError(what)
           << ": only a plain row-major matmul (no transposed or broadcast "
              "operand) is supported";
  Value a = matmul.getDpsInputs()[0], b = matmul.getDpsInputs()[1],
        c = matmul.getDpsInits()[0];
  Type f32 = Float32Type::get(matmul.getContext());
  if (!isPlainMemref(a, input, 2) || !isPlainMemref(b, input, 2) ||
      !isPlainMemref(c, f32, 2))
    return matmul.emitError(what)
           << ": needs " << operands
           << " of static shape with identity layouts in global memory";
  ArrayRef<int64_t> aShape = cast<MemRefType>(a.getType()).getShape();
  ArrayRef<int64_t> bShape = cast<MemRefType>(b.getType()).getShape();
  return std::array<int64_t, 3>{aShape[0], bShape[1], aShape[1]};
}

/// The zero fill of `init`, the output of `anchor`, right before it in its
/// block (null: none, or something else writes the output in between).
static linalg::FillOp zeroFillBefore(Operation *anchor, Value init) {
  for (Operation *op = anchor->getPrevNode(); op; op = op->getPrevNode()) {
    auto fillOp = dyn_cast<linalg::FillOp>(op);
    if (fillOp && fillOp.getDpsInits()[0] == init)
      return matchPattern(fillOp.getDpsInputs()[0], m_AnyZeroFloat())
                 ? fillOp
                 : linalg::FillOp();
    // (Views of the output made for the kernel's call write nothing.)
    if (llvm::is_contained(op->getOperands(), init) &&
        !isa<memref::CollapseShapeOp>(op))
      return {};
  }
  return {};
}

static constexpr llvm::StringLiteral kEpilogueMark = "cwm.epilogue";

std::string Epilogue::arguments() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (auto [i, value] : llvm::enumerate(operands))
    os << ", %e" << i << ": " << value.getType();
  return text;
}

std::string Epilogue::nameSuffix() const {
  if (generics.empty())
    return "";
  // The generics' bodies and operand types decide the kernel's code.
  std::string text;
  llvm::raw_string_ostream os(text);
  for (linalg::GenericOp generic : generics)
    generic->print(os, OpPrintingFlags().printGenericOpForm());
  return "_ep" + llvm::utohexstr(llvm::hash_value(text) & 0xffffffffu);
}

/// Why `generic`, which reads values of the epilogue so far (`chain`: C and
/// the outputs of the generics before it), cannot be computed in the stores
/// of C, or "".
static std::string
epilogueUnsupportedReason(linalg::GenericOp generic,
                          const llvm::SmallPtrSetImpl<Value> &chain,
                          ArrayRef<int64_t> shape) {
  if (generic.getNumLoops() != 2 || generic.getNumReductionLoops() != 0 ||
      generic.getNumDpsInits() != 1)
    return "it must be elementwise over the matmul's two output dimensions "
           "with one output";
  if (generic.getStaticLoopRanges() != SmallVector<int64_t>(shape))
    return "its loops do not match the matmul's output shape";
  MLIRContext *ctx = generic.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, ctx);
  Value d = generic.getDpsInits()[0];
  if (generic.getMatchingIndexingMap(generic.getDpsInitOperand(0)) !=
          identity ||
      !isPlainMemref(d, Float32Type::get(ctx), 2))
    return "its output must be a plain f32 buffer written by the identity "
           "map";
  if (generic.payloadUsesValueFromOperand(generic.getDpsInitOperand(0)))
    return "its body reads its output";
  for (OpOperand *input : generic.getDpsInputOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(input);
    if (chain.contains(input->get())) {
      if (map != identity)
        return "it reads the matmul's output (or the epilogue's) by a map "
               "other than the identity";
      continue;
    }
    auto type = dyn_cast<MemRefType>(input->get().getType());
    if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity() ||
        type.getMemorySpace() || !map.isProjectedPermutation())
      return "its other inputs must be static buffers with identity layouts "
             "read by projections of (row, column)";
  }
  Block &body = generic.getRegion().front();
  for (Operation &op : body.without_terminator()) {
    if (op.getNumRegions() != 0 || !isMemoryEffectFree(&op) ||
        isa<linalg::IndexOp>(op))
      return ("its body computes with '" + op.getName().getStringRef() +
              "' (only side-effect-free ops without regions or indices)")
          .str();
    for (Value operand : op.getOperands()) {
      if (operand.getParentBlock() == &body)
        continue;
      if (!operand.getDefiningOp() ||
          !operand.getDefiningOp()->hasTrait<OpTrait::ConstantLike>())
        return "its body uses a value from outside that is not a constant";
    }
  }
  return "";
}

/// A user of `value` other than the epilogue's `members`, `anchor`, fills
/// and deallocations, looking through collapsed views of it (null: none).
static Operation *foreignUser(Value value,
                              const llvm::SmallPtrSetImpl<Operation *> &members,
                              Operation *anchor) {
  for (Operation *user : value.getUsers()) {
    if (members.contains(user) || user == anchor ||
        isa<linalg::FillOp, memref::DeallocOp>(user))
      continue;
    if (auto view = dyn_cast<memref::CollapseShapeOp>(user)) {
      if (Operation *other = foreignUser(view.getResult(), members, anchor))
        return other;
      continue;
    }
    return user;
  }
  return nullptr;
}

FailureOr<Epilogue> findEpilogue(Operation *anchor, Value c,
                                 llvm::StringRef what) {
  ArrayRef<int64_t> shape = cast<MemRefType>(c.getType()).getShape();
  // The chain: every linalg.generic after the anchor (same block) that
  // reads C or the output of one before it.
  Epilogue epilogue;
  llvm::SmallPtrSet<Value, 4> chain = {c};
  for (Operation *op = anchor->getNextNode(); op; op = op->getNextNode()) {
    auto generic = dyn_cast<linalg::GenericOp>(op);
    bool reads = llvm::any_of(op->getOperands(),
                              [&](Value v) { return chain.contains(v); });
    if (!reads)
      continue;
    if (!generic || !llvm::any_of(generic.getDpsInputs(), [&](Value v) {
          return chain.contains(v);
        })) {
      if (isa<memref::DeallocOp>(op) || epilogue.generics.empty())
        continue; // the plain kernel writes C for whatever reads it
      return op->emitError(what)
             << ": cannot compute the epilogue in the kernel: '"
             << op->getName() << "' uses its buffers";
    }
    std::string reason = epilogueUnsupportedReason(generic, chain, shape);
    if (!reason.empty())
      return generic.emitError(what)
             << ": cannot compute this epilogue in the kernel: " << reason;
    epilogue.generics.push_back(generic);
    // Its other inputs, in the order computeEpilogue loads them (against
    // the chain as it stands here).
    for (Value input : generic.getDpsInputs())
      if (!chain.contains(input))
        epilogue.operands.push_back(input);
    chain.insert(generic.getDpsInits()[0]);
  }
  if (epilogue.generics.empty())
    return epilogue;
  linalg::GenericOp last = epilogue.generics.back();
  Value d = last.getDpsInits()[0];
  // Only the last output is written: every other value of the chain must
  // be a buffer of its own (or a collapsed view of one) that nothing but
  // the chain (and the fill, the anchor, a deallocation) touches, and
  // nothing else may touch memory between the anchor and the last generic.
  llvm::SmallPtrSet<Operation *, 4> members;
  for (linalg::GenericOp generic : epilogue.generics)
    members.insert(generic);
  for (Value value : chain) {
    if (value == d)
      continue;
    Value base = value;
    if (auto view = value.getDefiningOp<memref::CollapseShapeOp>())
      base = view.getSrc();
    const char *which =
        value == c ? "the anchor's output" : "an intermediate result";
    if (!base.getDefiningOp<memref::AllocOp>())
      return last.emitError(what)
             << ": cannot compute this epilogue in the kernel: " << which
             << " is not a buffer of its own (it would not be written)";
    if (Operation *user = foreignUser(base, members, anchor))
      return last.emitError(what)
             << ": cannot compute this epilogue in the kernel: " << which
             << " is also used by '" << user->getName() << "'";
  }
  for (Operation *op = anchor->getNextNode(); op != last.getOperation();
       op = op->getNextNode())
    if (!members.contains(op) && !isMemoryEffectFree(op) &&
        !isa<memref::AllocOp>(op))
      return last.emitError(what)
             << ": cannot compute this epilogue in the kernel: '"
             << op->getName() << "' runs between the anchor and it";
  epilogue.operands.push_back(d);
  return epilogue;
}

/// Loads already made for earlier stores of the same block, by memref and
/// indices (a bias row is loaded once for all the rows of a thread's tile).
using LoadCache = llvm::DenseMap<std::pair<Value, SmallVector<Value>>, Value>;

/// Replaces the marked store `store` (of a vector<4xf32> quad of C at
/// [row, column]) by a store to D of the epilogue's bodies computed on each
/// of the quad's elements. `arguments` are the kernel's epilogue arguments
/// (the generics' other inputs in order, then D).
static void computeEpilogue(vector::StoreOp store, const Epilogue &epilogue,
                            Value c, ArrayRef<BlockArgument> arguments,
                            LoadCache &cache) {
  OpBuilder b(store);
  Location loc = store.getLoc();
  Value quad = store.getValueToStore();
  Value row = store.getIndices()[0], column = store.getIndices()[1];
  auto f32 = b.getF32Type();
  auto quadType = VectorType::get({4}, f32);
  SmallVector<Value> columns = {column};
  for (int64_t e = 1; e < 4; ++e)
    columns.push_back(arith::AddIOp::create(
        b, loc, column, arith::ConstantIndexOp::create(b, loc, e)));
  // The four elements of every value of the chain at this quad.
  llvm::DenseMap<Value, SmallVector<Value, 4>> elements;
  for (int64_t e = 0; e < 4; ++e)
    elements[c].push_back(vector::ExtractOp::create(b, loc, quad, e));
  unsigned next = 0;
  for (linalg::GenericOp generic : epilogue.generics) {
    Block &body = generic.getRegion().front();
    SmallVector<SmallVector<Value, 4>> values(body.getNumArguments());
    for (OpOperand *input : generic.getDpsInputOperands()) {
      SmallVector<Value, 4> &argument = values[input->getOperandNumber()];
      auto known = elements.find(input->get());
      if (known != elements.end()) {
        argument = known->second;
        continue;
      }
      // Another input (one 16-byte load where the map ends in the column
      // and the element type is f32).
      Value memref = arguments[next++];
      AffineMap map = generic.getMatchingIndexingMap(input);
      auto indicesFor = [&](Value col) {
        SmallVector<Value> indices;
        for (AffineExpr expr : map.getResults())
          indices.push_back(
              cast<AffineDimExpr>(expr).getPosition() == 0 ? row : col);
        return indices;
      };
      auto load = [&](SmallVector<Value> indices, bool quadLoad) {
        Value &loaded = cache[{memref, indices}];
        if (!loaded || loaded.getParentBlock() != store->getBlock())
          loaded = quadLoad ? vector::LoadOp::create(b, loc, quadType, memref,
                                                     indices)
                                  .getResult()
                            : memref::LoadOp::create(b, loc, memref, indices)
                                  .getResult();
        return loaded;
      };
      bool endsInColumn =
          map.getNumResults() > 0 &&
          cast<AffineDimExpr>(map.getResults().back()).getPosition() == 1;
      bool usesColumn = llvm::any_of(map.getResults(), [](AffineExpr expr) {
        return cast<AffineDimExpr>(expr).getPosition() == 1;
      });
      Type element = cast<MemRefType>(memref.getType()).getElementType();
      if (endsInColumn && element == f32) {
        Value loaded = load(indicesFor(column), /*quadLoad=*/true);
        for (int64_t e = 0; e < 4; ++e)
          argument.push_back(vector::ExtractOp::create(b, loc, loaded, e));
      } else if (!usesColumn) {
        argument.assign(4, load(indicesFor(column), /*quadLoad=*/false));
      } else {
        for (int64_t e = 0; e < 4; ++e)
          argument.push_back(load(indicesFor(columns[e]), /*quadLoad=*/false));
      }
    }
    // Constants from outside the body, once per store and generic.
    IRMapping constants;
    for (Operation &op : body.without_terminator())
      for (Value operand : op.getOperands())
        if (operand.getParentBlock() != &body && !constants.contains(operand))
          constants.map(operand,
                        b.clone(*operand.getDefiningOp())->getResult(0));
    Value yielded = body.getTerminator()->getOperand(0);
    SmallVector<Value, 4> results;
    for (int64_t e = 0; e < 4; ++e) {
      IRMapping mapping = constants;
      for (BlockArgument arg : body.getArguments())
        if (!values[arg.getArgNumber()].empty())
          mapping.map(arg, values[arg.getArgNumber()][e]);
      for (Operation &op : body.without_terminator())
        b.clone(op, mapping);
      results.push_back(mapping.lookupOrDefault(yielded));
    }
    elements[generic.getDpsInits()[0]] = results;
  }
  Value result = vector::FromElementsOp::create(
      b, loc, quadType,
      elements[linalg::GenericOp(epilogue.generics.back()).getDpsInits()[0]]);
  vector::StoreOp::create(b, loc, result, arguments.back(),
                          ValueRange{row, column});
  store.erase();
}

LogicalResult replaceByKernel(ModuleOp module, Operation *anchor, Value init,
                              Value a, Value b, Value c, llvm::StringRef name,
                              const std::function<std::string()> &moduleText,
                              llvm::StringRef what, const Epilogue &epilogue,
                              llvm::ArrayRef<Operation *> alsoErase) {
  // Anything else initializing the output would be lost.
  linalg::FillOp fill = zeroFillBefore(anchor, init);
  if (!fill)
    return anchor->emitError(what)
           << ": the " << (isa<linalg::MatmulOp>(anchor) ? "matmul" : "convolution")
           << "'s output is not zero-filled right before it (the kernel "
              "computes A . B, not C + A . B)";
  SymbolTable symbols(module);
  if (!symbols.lookup(name)) {
    OwningOpRef<ModuleOp> kernel = parseSourceString<ModuleOp>(
        moduleText(), module.getContext(), ("cwm-gpu-" + what).str());
    if (!kernel)
      return anchor->emitError(what) << ": internal error: the kernel does "
                                        "not parse";
    auto function = kernel->lookupSymbol<func::FuncOp>(name);
    if (!function ||
        function.getNumArguments() != 3 + epilogue.operands.size())
      return anchor->emitError(what)
             << ": internal error: the kernel's arguments do not match";
    SmallVector<vector::StoreOp> marked;
    function.walk([&](vector::StoreOp store) {
      if (store->hasAttr(kEpilogueMark))
        marked.push_back(store);
    });
    LoadCache cache;
    for (vector::StoreOp store : marked) {
      store->removeAttr(kEpilogueMark);
      if (!epilogue.generics.empty())
        computeEpilogue(store, epilogue, c,
                        function.getArguments().drop_front(3), cache);
    }
    for (Operation &op :
         llvm::make_early_inc_range(kernel->getBody()->getOperations())) {
      if (auto global = dyn_cast<memref::GlobalOp>(op))
        if (symbols.lookup(global.getSymName()))
          continue;
      op.remove();
      symbols.insert(&op);
    }
  }
  // With an epilogue the call takes its last generic's place: its operands
  // (D may be allocated after the anchor) are defined there, and nothing in
  // between touches memory (findEpilogue).
  OpBuilder builder(epilogue.generics.empty()
                        ? anchor
                        : linalg::GenericOp(epilogue.generics.back())
                              .getOperation());
  SmallVector<Value> operands = {a, b, c};
  llvm::append_range(operands, epilogue.operands);
  func::CallOp::create(builder, anchor->getLoc(), name, TypeRange(), operands);
  fill.erase();
  anchor->erase();
  for (linalg::GenericOp generic : llvm::reverse(epilogue.generics))
    generic.erase();
  for (Operation *op : alsoErase)
    op->erase();
  return success();
}

} // namespace mlir::cwm
