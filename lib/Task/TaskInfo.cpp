//===- TaskInfo.cpp - Static description of a tuning task -----------------===//

#include "cwm/Task/TaskInfo.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace llvm;

namespace cwm {

StringRef stringifyOpClass(OpClass opClass) {
  switch (opClass) {
  case OpClass::Matmul:
    return "matmul";
  case OpClass::BatchMatmul:
    return "batch_matmul";
  case OpClass::Conv2D:
    return "conv2d";
  case OpClass::GroupConv2D:
    return "group_conv2d";
  case OpClass::Depthwise2D:
    return "depthwise_conv2d";
  case OpClass::Reduction:
    return "reduction";
  case OpClass::Elementwise:
    return "elementwise";
  }
  llvm_unreachable("unknown op class");
}

std::optional<OpClass> parseOpClass(StringRef name) {
  return StringSwitch<std::optional<OpClass>>(name)
      .Case("matmul", OpClass::Matmul)
      .Case("batch_matmul", OpClass::BatchMatmul)
      .Case("conv2d", OpClass::Conv2D)
      .Case("group_conv2d", OpClass::GroupConv2D)
      .Case("depthwise_conv2d", OpClass::Depthwise2D)
      .Case("reduction", OpClass::Reduction)
      .Case("elementwise", OpClass::Elementwise)
      .Default(std::nullopt);
}

static json::Array toJSONArray(ArrayRef<int64_t> values) {
  json::Array array;
  for (int64_t v : values)
    array.push_back(v);
  return array;
}

json::Value toJSON(const TaskInfo &task) {
  json::Array ops;
  for (const TaskOp &op : task.ops) {
    json::Array extents, kinds, strides;
    for (const LoopInfo &loop : op.loops) {
      extents.push_back(loop.extent);
      kinds.push_back(loop.reduction ? "r" : "p");
    }
    for (const auto &operand : op.operandLoopStrides)
      strides.push_back(toJSONArray(operand));
    json::Object object{{"index", op.index},
                               {"name", op.name},
                               {"extents", std::move(extents)},
                               {"iterators", std::move(kinds)},
                               {"elementwise", op.elementwise},
                               {"fill", op.isFill},
                               {"pad", op.isPad},
                               {"operand_strides", std::move(strides)},
                               {"output_loops", toJSONArray(op.outputLoops)}};
    if (!op.shape.empty())
      object["shape"] = toJSONArray(op.shape);
    if (!op.inputLoops.empty()) {
      json::Array inputs;
      for (const auto &loops : op.inputLoops)
        inputs.push_back(toJSONArray(loops));
      object["input_loops"] = std::move(inputs);
    }
    ops.push_back(std::move(object));
  }
  json::Object object{{"name", task.name},
                      {"op_class", stringifyOpClass(task.opClass)},
                      {"anchor", task.anchor},
                      {"root", task.root},
                      {"element_type", task.elementType},
                      {"flops", task.flops},
                      {"bytes", task.bytes},
                      {"strides", toJSONArray(task.strides)},
                      {"dilations", toJSONArray(task.dilations)},
                      {"ops", std::move(ops)}};
  if (!task.inputElementType.empty())
    object["input_element_type"] = task.inputElementType;
  return object;
}

static Error malformed(const Twine &what) {
  return createStringError(inconvertibleErrorCode(),
                           "malformed task description: " + what);
}

static Expected<std::vector<int64_t>> intList(const json::Object &object,
                                              StringRef key) {
  std::vector<int64_t> result;
  const json::Array *array = object.getArray(key);
  if (!array)
    return result;
  for (const json::Value &v : *array) {
    std::optional<int64_t> i = v.getAsInteger();
    if (!i)
      return malformed("'" + key + "' must hold integers");
    result.push_back(*i);
  }
  return result;
}

/// A list of loop indices of an op with \p numLoops loops: each is a loop
/// or -1 (a dimension not indexed by a plain loop).
static Expected<std::vector<int64_t>>
loopList(const json::Value &value, size_t numLoops, const Twine &what) {
  const json::Array *array = value.getAsArray();
  if (!array)
    return malformed(what + " is not a list");
  std::vector<int64_t> loops;
  for (const json::Value &v : *array) {
    std::optional<int64_t> loop = v.getAsInteger();
    if (!loop || *loop < -1 || *loop >= int64_t(numLoops))
      return malformed(
          what + " holds " +
          (loop ? Twine(*loop).str() : std::string("a non-integer")) +
          ", not a loop of the op's " + Twine(numLoops));
    loops.push_back(*loop);
  }
  return loops;
}

Expected<TaskInfo> taskInfoFromJSON(const json::Value &value) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return malformed("not an object");
  TaskInfo task;
  if (auto name = object->getString("name"))
    task.name = name->str();
  std::optional<StringRef> cls = object->getString("op_class");
  if (!cls)
    return malformed("missing 'op_class'");
  std::optional<OpClass> opClass = parseOpClass(*cls);
  if (!opClass)
    return malformed("unknown op class '" + *cls + "'");
  task.opClass = *opClass;
  task.anchor = object->getInteger("anchor").value_or(0);
  task.root = object->getInteger("root").value_or(0);
  if (auto type = object->getString("element_type"))
    task.elementType = type->str();
  if (auto input = object->getString("input_element_type"))
    task.inputElementType = input->str();
  task.flops = object->getNumber("flops").value_or(0);
  task.bytes = object->getNumber("bytes").value_or(0);
  if (!std::isfinite(task.flops) || !std::isfinite(task.bytes))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "task flops or bytes is not finite");
  auto strides = intList(*object, "strides");
  if (!strides)
    return strides.takeError();
  task.strides = *strides;
  auto dilations = intList(*object, "dilations");
  if (!dilations)
    return dilations.takeError();
  task.dilations = *dilations;

  const json::Array *ops = object->getArray("ops");
  if (!ops || ops->empty())
    return malformed("missing 'ops'");
  for (const json::Value &opValue : *ops) {
    const json::Object *opObject = opValue.getAsObject();
    if (!opObject)
      return malformed("op is not an object");
    TaskOp op;
    op.index = opObject->getInteger("index").value_or(task.ops.size());
    if (auto name = opObject->getString("name"))
      op.name = name->str();
    auto extents = intList(*opObject, "extents");
    if (!extents)
      return extents.takeError();
    const json::Array *iterators = opObject->getArray("iterators");
    if (iterators && iterators->size() != extents->size())
      return malformed("op " + Twine(op.index) +
                       ": 'iterators' and 'extents' differ in length");
    for (size_t i = 0; i < extents->size(); ++i) {
      LoopInfo loop;
      loop.extent = (*extents)[i];
      if (iterators)
        loop.reduction = (*iterators)[i].getAsString() == StringRef("r");
      op.loops.push_back(loop);
    }
    op.elementwise = opObject->getBoolean("elementwise").value_or(false);
    op.isFill = opObject->getBoolean("fill").value_or(false);
    op.isPad = opObject->getBoolean("pad").value_or(false);
    std::string opName = ("op " + Twine(op.index)).str();
    if (const json::Array *operands = opObject->getArray("operand_strides")) {
      for (const json::Value &operand : *operands) {
        const json::Array *a = operand.getAsArray();
        if (!a || a->size() != op.loops.size())
          return malformed(opName + ": each 'operand_strides' row needs one "
                                    "stride per loop");
        std::vector<int64_t> row;
        for (const json::Value &s : *a) {
          std::optional<int64_t> stride = s.getAsInteger();
          if (!stride)
            return malformed(opName + ": 'operand_strides' must hold integers");
          row.push_back(*stride);
        }
        op.operandLoopStrides.push_back(std::move(row));
      }
    }
    if (const json::Value *outputs = opObject->get("output_loops")) {
      auto loops =
          loopList(*outputs, op.loops.size(), opName + ": 'output_loops'");
      if (!loops)
        return loops.takeError();
      op.outputLoops = std::move(*loops);
    }
    if (const json::Value *inputs = opObject->get("input_loops")) {
      const json::Array *array = inputs->getAsArray();
      if (!array)
        return malformed(opName + ": 'input_loops' is not a list");
      for (const json::Value &input : *array) {
        auto loops = loopList(input, op.loops.size(),
                              opName + ": an 'input_loops' entry");
        if (!loops)
          return loops.takeError();
        op.inputLoops.push_back(std::move(*loops));
      }
    }
    if (opObject->get("shape")) {
      auto shape = intList(*opObject, "shape");
      if (!shape)
        return shape.takeError();
      op.shape = *shape;
    }
    task.ops.push_back(std::move(op));
  }
  int64_t numOps = task.ops.size();
  if (task.anchor < 0 || task.anchor >= numOps || task.root < 0 ||
      task.root >= numOps)
    return malformed("anchor/root index out of range");
  return task;
}

std::string splitKUnsupportedReason(const TaskInfo &task, int64_t factor) {
  if (task.opClass != OpClass::Matmul || task.ops.empty())
    return "split_k applies to matmul tasks";
  const TaskOp &anchor = task.anchorOp();
  if (anchor.loops.size() != 3 || anchor.loops[0].reduction ||
      anchor.loops[1].reduction || !anchor.loops[2].reduction ||
      anchor.outputLoops != std::vector<int64_t>{0, 1})
    return "split_k needs an anchor over (m, n, k) with an (m, n) output";
  if (factor < 2 || factor > 64)
    return "split factor " + std::to_string(factor) +
           " is out of range [2, 64]";
  if (anchor.loops[2].extent % factor != 0)
    return "split factor " + std::to_string(factor) +
           " does not divide the reduction extent " +
           std::to_string(anchor.loops[2].extent);
  int64_t fills = 0;
  for (const TaskOp &op : task.ops) {
    fills += op.index < task.anchor && op.isFill;
    if (op.index < task.anchor && !op.isFill && !op.loops.empty())
      return "split_k needs the anchor's only producer to be its fill ('" +
             op.name + "' is not a fill)";
    if (op.index > task.anchor && (!op.elementwise || op.loops.size() != 2))
      return "split_k needs the anchor's consumers to be elementwise over "
             "(m, n) ('" +
             op.name + "' is not)";
  }
  if (fills != 1)
    return "split_k needs the anchor's output initialized by one fill";
  return "";
}

/// An op of a task view that no action may schedule (another kernel runs
/// it): no loops, strides, input or output loops, not elementwise, not a pad.
static void leaveUnscheduled(TaskOp &op) {
  op.loops.clear();
  op.operandLoopStrides.clear();
  op.inputLoops.clear();
  op.outputLoops.clear();
  op.elementwise = false;
  op.isPad = false;
  op.shape.clear();
}

TaskInfo splitKTask(const TaskInfo &task, int64_t factor) {
  TaskInfo split = task;
  split.ops[task.anchor].loops[2].extent /= factor;
  split.root = task.anchor;
  for (TaskOp &op : split.ops)
    if (op.index > task.anchor)
      leaveUnscheduled(op);
  return split;
}

std::string packWeightsUnsupportedReason(const TaskInfo &task) {
  if (task.opClass != OpClass::GroupConv2D || task.ops.empty())
    return "pack_weights applies to grouped convolution tasks";
  const TaskOp &anchor = task.anchorOp();
  // Loops n, oh, ow, g, f, kh, kw, c; operands input, weights, output.
  if (anchor.loops.size() != 8 || anchor.operandLoopStrides.size() != 3)
    return "pack_weights needs a conv_2d_nhwgc_gfhwc anchor over (n, oh, ow, "
           "g, f, kh, kw, c)";
  return "";
}

TaskInfo packWeightsTask(const TaskInfo &task) {
  TaskInfo packed = task;
  std::vector<int64_t> &weights = packed.ops[task.anchor].operandLoopStrides[1];
  weights.assign(task.anchorOp().loops.size(), 0);
  weights[4] = 1; // f, now the innermost dimension
  return packed;
}

std::string packBUnsupportedReason(const TaskInfo &task) {
  if (task.opClass != OpClass::Matmul || task.ops.empty())
    return "pack_b applies to matmul tasks";
  const TaskOp &anchor = task.anchorOp();
  if (anchor.loops.size() != 3 || anchor.operandLoopStrides.size() != 3 ||
      anchor.operandLoopStrides[1].size() != 3)
    return "pack_b needs a matmul anchor over (m, n, k)";
  // B's innermost dimension moves with n alone, and its dimensions are
  // (k, n).
  const std::vector<int64_t> &b = anchor.operandLoopStrides[1];
  if (b[0] != 0 || b[1] != 1 || b[2] != 0 || anchor.inputLoops.size() != 2 ||
      anchor.inputLoops[1] != std::vector<int64_t>{2, 1})
    return "pack_b needs B read as K x N rows (n contiguous): this task's B "
           "is transposed or broadcast";
  if (task.elementType != "f32" || task.anchorInputType() != "f32")
    return "pack_b needs f32 inputs and output";
  return "";
}

std::string winogradUnsupportedReason(const TaskInfo &task, int64_t tile) {
  if (task.opClass != OpClass::Conv2D || task.ops.empty() ||
      task.anchorOp().name != "linalg.conv_2d_nhwc_hwcf")
    return "winograd applies to conv_2d_nhwc_hwcf tasks";
  const std::vector<LoopInfo> &loops = task.anchorOp().loops;
  if (loops.size() != 7)
    return "winograd needs a convolution over (n, oh, ow, f, kh, kw, c)";
  if (tile != 2 && tile != 4)
    return "winograd tile must be 2 (F(2x2, 3x3)) or 4 (F(4x4, 3x3)), not " +
           std::to_string(tile);
  if (task.elementType != "f32" || task.anchorInputType() != "f32")
    return "winograd needs f32 inputs and output";
  if (loops[4].extent != 3 || loops[5].extent != 3)
    return "winograd needs a 3 x 3 window";
  for (int64_t value : task.strides)
    if (value != 1)
      return "winograd needs stride 1";
  for (int64_t value : task.dilations)
    if (value != 1)
      return "winograd needs dilation 1";
  // Ragged tiles compute up to a tile - 1 more rows and columns: at most
  // half again the output.
  int64_t oh = loops[1].extent, ow = loops[2].extent;
  int64_t coveredH = llvm::divideCeil(oh, tile) * tile,
          coveredW = llvm::divideCeil(ow, tile) * tile;
  if (2 * coveredH * coveredW > 3 * oh * ow)
    return "winograd tile " + std::to_string(tile) + " on a " +
           std::to_string(oh) + " x " + std::to_string(ow) +
           " output would compute more than half again as many pixels (" +
           std::to_string(coveredH) + " x " + std::to_string(coveredW) + ")";
  if (loops[3].extent % 4 != 0 || loops[6].extent % 4 != 0)
    return "winograd needs filters and channels that are multiples of 4";
  int64_t fills = 0;
  for (const TaskOp &op : task.ops) {
    if (op.index < task.anchor) {
      fills += op.isFill;
      if (!op.isFill && !op.isPad)
        return "winograd needs the convolution's producers to be its fill and "
               "at most one pad ('" +
               op.name + "' is neither)";
    }
    if (op.index > task.anchor &&
        (!op.elementwise || op.loops.size() != 4 ||
         op.outputLoops != std::vector<int64_t>{0, 1, 2, 3}))
      return "winograd needs the convolution's consumers to be elementwise "
             "over (n, oh, ow, f) ('" +
             op.name + "' is not)";
  }
  if (fills != 1)
    return "winograd needs the convolution's output initialized by one fill";
  return "";
}

TaskInfo winogradTask(const TaskInfo &task, int64_t tile) {
  const std::vector<LoopInfo> &loops = task.anchorOp().loops;
  int64_t products = (tile + 2) * (tile + 2);
  // Ragged tiles count whole: the last row and column reach past the output.
  int64_t tiles = loops[0].extent * llvm::divideCeil(loops[1].extent, tile) *
                  llvm::divideCeil(loops[2].extent, tile);
  int64_t filters = loops[3].extent, channels = loops[6].extent;
  TaskInfo view = task;
  view.opClass = OpClass::BatchMatmul;
  view.root = task.anchor;
  view.strides.clear();
  view.dilations.clear();
  for (TaskOp &op : view.ops) {
    if (op.index == task.anchor) {
      op.name = "linalg.batch_matmul";
      op.loops = {{products, false}, {tiles, false}, {filters, false},
                  {channels, true}};
      op.elementwise = false;
      op.operandLoopStrides = {{0, 0, 0, 1}, {0, 0, 1, 0}, {0, 0, 1, 0}};
      op.inputLoops = {{0, 1, 3}, {0, 3, 2}};
      op.outputLoops = {0, 1, 2};
    } else if (op.isFill) {
      op.loops = {{products, false}, {tiles, false}, {filters, false}};
      op.operandLoopStrides = {{0, 0, 0}, {0, 0, 1}};
      op.inputLoops = {{}};
      op.outputLoops = {0, 1, 2};
    } else {
      leaveUnscheduled(op);
    }
  }
  double p = double(products), t = double(tiles), f = double(filters),
         c = double(channels);
  view.flops = 2 * p * t * f * c;
  view.bytes = 4 * (p * t * c + p * c * f + p * t * f);
  return view;
}

} // namespace cwm
