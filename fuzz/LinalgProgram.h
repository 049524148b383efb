//===- LinalgProgram.h - Random Linalg-on-tensors programs for fuzzers ----===//
//
// Turns fuzzer bytes into the text of a small module of Linalg ops on tensors
// with static shapes: matmul, batch_matmul, conv_2d_nhwc_hwcf,
// depthwise_conv_2d_nhwc_hwc, elementwise and reduction linalg.generic,
// linalg.fill and linalg.softmax, chained where shapes allow (a fill before
// an anchor, an elementwise consumer after it). Shapes include extents 0, 1
// and very large ones; element types are f32, f16, bf16, i32, i8 and index.
// The text is meant to be valid; what is not (say, index matmuls) is
// rejected by the parser/verifier and skipped by the fuzzer.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_FUZZ_LINALGPROGRAM_H
#define CWM_FUZZ_LINALGPROGRAM_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cwm::fuzz {

/// Reads decisions from the fuzzer's bytes; zeros once they run out.
class ByteReader {
public:
  ByteReader(const uint8_t *data, size_t size) : data(data), size(size) {}
  uint8_t byte() { return position < size ? data[position++] : 0; }
  /// A value in [0, n) (0 for n == 0).
  uint64_t below(uint64_t n) {
    if (n <= 1)
      return 0;
    uint64_t value = byte();
    if (n > 256)
      value = (value << 8) | byte();
    return value % n;
  }
  bool flip() { return byte() & 1; }
  bool exhausted() const { return position >= size; }
  template <typename T> const T &pick(const std::vector<T> &values) {
    return values[below(values.size())];
  }

private:
  const uint8_t *data;
  size_t size;
  size_t position = 0;
};

/// An extent: mostly small, sometimes 0, 1 or huge.
inline int64_t pickExtent(ByteReader &bytes) {
  static const std::vector<int64_t> extents = {
      1, 2, 3, 4, 5, 7, 8, 12, 16, 17, 32, 64, 96, 128, 255, 1024,
      0, 1, 4096, 65536, int64_t(1) << 20, 2147483647, int64_t(1) << 31,
      int64_t(1) << 40};
  // The first 16 entries (small extents) three times as often as the rest.
  uint64_t choice = bytes.below(16 * 3 + (extents.size() - 16));
  return choice < 48 ? extents[choice % 16] : extents[16 + (choice - 48)];
}

struct ElementType {
  std::string name;
  bool isFloat;
  bool isIndex;
};

inline const std::vector<ElementType> &elementTypes() {
  static const std::vector<ElementType> types = {
      {"f32", true, false}, {"f16", true, false}, {"bf16", true, false},
      {"i32", false, false}, {"i8", false, false}, {"index", false, true}};
  return types;
}

class ProgramWriter {
public:
  explicit ProgramWriter(ByteReader &bytes) : bytes(bytes) {}

  /// Constructs written into the program that trigger already reported cwm
  /// bugs; a fuzzer skips such programs when CWM_FUZZ_SKIP_KNOWN is set
  /// (scripts/fuzz.sh sets it while fuzzing, not for the regression inputs),
  /// so that fuzzing time goes to new bugs.
  std::vector<std::string> knownIssues;

  /// The whole module: one or two functions of one to four ops each.
  std::string write() {
    std::string text;
    int functions = 1 + bytes.below(2);
    for (int f = 0; f < functions; ++f)
      text += writeFunction("f" + std::to_string(f));
    return text;
  }

private:
  struct Value {
    std::string name;
    std::vector<int64_t> shape;
    ElementType type;
  };

  ByteReader &bytes;
  std::vector<std::string> arguments; // "%aN: type"
  std::string body;
  int counter = 0;
  std::vector<Value> results;

  static std::string tensorType(const std::vector<int64_t> &shape,
                                const ElementType &type) {
    std::string text = "tensor<";
    for (int64_t extent : shape)
      text += std::to_string(extent) + "x";
    return text + type.name + ">";
  }
  static std::string typeOf(const Value &value) {
    return tensorType(value.shape, value.type);
  }
  std::string fresh() { return "%v" + std::to_string(counter++); }
  /// A known cwm bug: task extraction multiplies an op's loop extents in
  /// int64_t (iterationSize in TaskExtraction.cpp), which overflows beyond
  /// 2^63 points (see fuzz/regressions).
  void noteLoops(const std::vector<int64_t> &extents) {
    int64_t product = 1;
    for (int64_t extent : extents)
      if (__builtin_mul_overflow(product, std::max<int64_t>(extent, 1),
                                 &product)) {
        knownIssues.push_back("iteration space of more than 2^63 points");
        return;
      }
  }
  Value argument(std::vector<int64_t> shape, const ElementType &type) {
    Value value{"%a" + std::to_string(arguments.size()), std::move(shape),
                type};
    arguments.push_back(value.name + ": " + typeOf(value));
    return value;
  }
  std::string zero(const ElementType &type) {
    std::string name = fresh();
    body += "  " + name + " = arith.constant " +
            (type.isFloat ? "0.0" : "0") + " : " + type.name + "\n";
    return name;
  }
  Value empty(std::vector<int64_t> shape, const ElementType &type) {
    Value value{fresh(), std::move(shape), type};
    body += "  " + value.name + " = tensor.empty() : " + typeOf(value) + "\n";
    return value;
  }
  /// An init operand: a fill of zeros, an empty tensor or an argument.
  Value init(std::vector<int64_t> shape, const ElementType &type) {
    switch (bytes.below(4)) {
    case 0:
      return empty(shape, type);
    case 1:
      return argument(shape, type);
    default:
      return fill(shape, type);
    }
  }
  Value fill(std::vector<int64_t> shape, const ElementType &type) {
    std::string scalar = zero(type);
    Value out = empty(shape, type);
    Value value{fresh(), shape, type};
    body += "  " + value.name + " = linalg.fill ins(" + scalar + " : " +
            type.name + ") outs(" + out.name + " : " + typeOf(out) + ") -> " +
            typeOf(value) + "\n";
    return value;
  }
  /// An input of `shape`: an earlier result of that shape when there is one
  /// (so ops chain), else a new argument.
  Value input(std::vector<int64_t> shape, const ElementType &type) {
    for (auto it = results.rbegin(); it != results.rend(); ++it)
      if (it->shape == shape && it->type.name == type.name && bytes.below(4))
        return *it;
    return argument(std::move(shape), type);
  }
  const Value *lastResult() const {
    return results.empty() ? nullptr : &results.back();
  }

  static std::string affineMap(size_t rank, const std::vector<size_t> &dims) {
    std::string text = "affine_map<(";
    for (size_t d = 0; d < rank; ++d)
      text += (d ? ", d" : "d") + std::to_string(d);
    text += ") -> (";
    for (size_t i = 0; i < dims.size(); ++i)
      text += (i ? ", d" : "d") + std::to_string(dims[i]);
    return text + ")>";
  }

  std::string binaryOp(const ElementType &type) {
    if (type.isFloat)
      return bytes.pick(std::vector<std::string>{"arith.addf", "arith.mulf",
                                                 "arith.maximumf"});
    if (type.isIndex)
      return "arith.addi";
    return bytes.pick(
        std::vector<std::string>{"arith.addi", "arith.muli", "arith.maxsi"});
  }

  void addMatmul(bool batched) {
    ElementType outType = bytes.pick(elementTypes());
    // Sometimes narrower inputs than the result (f16 inputs, f32 output).
    ElementType inType =
        bytes.below(4) == 0 ? bytes.pick(elementTypes()) : outType;
    // MLIR 22's parser crashes on linalg.batch_matmul with index operands
    // (its region builder; mlir-opt alone segfaults): not cwm's to find.
    if (batched && outType.isIndex)
      outType = elementTypes()[0];
    if (batched && inType.isIndex)
      inType = elementTypes()[0];
    int64_t b = pickExtent(bytes), m = pickExtent(bytes),
            n = pickExtent(bytes), k = pickExtent(bytes);
    const Value *last = lastResult();
    Value lhs;
    if (last && last->type.name == inType.name &&
        last->shape.size() == (batched ? 3u : 2u) && bytes.flip()) {
      lhs = *last;
      if (batched)
        b = lhs.shape[0];
      m = lhs.shape[batched ? 1 : 0];
      k = lhs.shape[batched ? 2 : 1];
    } else {
      lhs = argument(batched ? std::vector<int64_t>{b, m, k}
                             : std::vector<int64_t>{m, k},
                     inType);
    }
    Value rhs = input(batched ? std::vector<int64_t>{b, k, n}
                              : std::vector<int64_t>{k, n},
                      inType);
    std::vector<int64_t> outShape = batched ? std::vector<int64_t>{b, m, n}
                                            : std::vector<int64_t>{m, n};
    noteLoops(batched ? std::vector<int64_t>{b, m, n, k}
                      : std::vector<int64_t>{m, n, k});
    Value out = init(outShape, outType);
    Value value{fresh(), outShape, outType};
    body += "  " + value.name + " = linalg." +
            (batched ? "batch_matmul" : "matmul") + " ins(" + lhs.name +
            ", " + rhs.name + " : " + typeOf(lhs) + ", " + typeOf(rhs) +
            ") outs(" + out.name + " : " + typeOf(out) + ") -> " +
            typeOf(value) + "\n";
    results.push_back(value);
  }

  /// Output extent of a window: (in - (window - 1) * dilation - 1) / stride
  /// + 1; the input grows to fit one window when it is too small.
  static int64_t windowOutput(int64_t &in, int64_t window, int64_t stride,
                              int64_t dilation) {
    if (window < 1)
      window = 1;
    int64_t needed = (window - 1) * dilation + 1;
    if (in < needed)
      in = needed;
    return (in - needed) / stride + 1;
  }

  void addConv(bool depthwise) {
    const ElementType &type = bytes.pick(elementTypes());
    int64_t n = pickExtent(bytes), h = pickExtent(bytes),
            w = pickExtent(bytes), c = pickExtent(bytes),
            f = pickExtent(bytes);
    // Windows and strides small: a huge window is a huge input.
    int64_t kh = 1 + bytes.below(7), kw = 1 + bytes.below(7);
    int64_t sh = 1 + bytes.below(3), sw = 1 + bytes.below(3);
    int64_t dh = 1 + bytes.below(2), dw = 1 + bytes.below(2);
    if (bytes.below(8) == 0)
      kh = pickExtent(bytes) % 64;
    int64_t oh = windowOutput(h, kh, sh, dh), ow = windowOutput(w, kw, sw, dw);
    if (kh < 1)
      kh = 1;
    Value image = input({n, h, w, c}, type);
    Value filter = argument(depthwise ? std::vector<int64_t>{kh, kw, c}
                                      : std::vector<int64_t>{kh, kw, c, f},
                            type);
    std::vector<int64_t> outShape = {n, oh, ow, depthwise ? c : f};
    noteLoops(depthwise ? std::vector<int64_t>{n, oh, ow, c, kh, kw}
                        : std::vector<int64_t>{n, oh, ow, f, kh, kw, c});
    Value out = init(outShape, type);
    Value value{fresh(), outShape, type};
    body += "  " + value.name + " = linalg." +
            (depthwise ? "depthwise_conv_2d_nhwc_hwc" : "conv_2d_nhwc_hwcf") +
            " {dilations = dense<[" + std::to_string(dh) + ", " +
            std::to_string(dw) + "]> : tensor<2xi64>, strides = dense<[" +
            std::to_string(sh) + ", " + std::to_string(sw) +
            "]> : tensor<2xi64>} ins(" + image.name + ", " + filter.name +
            " : " + typeOf(image) + ", " + typeOf(filter) + ") outs(" +
            out.name + " : " + typeOf(out) + ") -> " + typeOf(value) + "\n";
    results.push_back(value);
  }

  void addElementwise() {
    const Value *last = lastResult();
    std::vector<int64_t> shape;
    ElementType type = bytes.pick(elementTypes());
    if (last && bytes.below(4)) {
      shape = last->shape;
      type = last->type;
    } else {
      size_t rank = bytes.below(5);
      for (size_t d = 0; d < rank; ++d)
        shape.push_back(pickExtent(bytes));
    }
    size_t rank = shape.size();
    noteLoops(shape);
    std::vector<size_t> identity;
    for (size_t d = 0; d < rank; ++d)
      identity.push_back(d);
    // One or two inputs; the second may be read transposed or broadcast.
    Value first = input(shape, type);
    std::vector<std::string> maps = {affineMap(rank, identity)};
    std::vector<Value> ins = {first};
    if (bytes.flip()) {
      std::vector<size_t> dims = identity;
      std::vector<int64_t> secondShape = shape;
      if (rank >= 2 && bytes.flip()) {
        std::swap(dims[0], dims[rank - 1]);
        std::swap(secondShape[0], secondShape[rank - 1]);
      } else if (rank >= 1 && bytes.flip()) {
        dims.erase(dims.begin());
        secondShape.erase(secondShape.begin());
      }
      ins.push_back(argument(secondShape, type));
      maps.push_back(affineMap(rank, dims));
    }
    maps.push_back(affineMap(rank, identity));
    Value out = init(shape, type);
    Value value{fresh(), shape, type};
    std::string op = binaryOp(type);
    body += "  " + value.name + " = linalg.generic {indexing_maps = [";
    for (size_t i = 0; i < maps.size(); ++i)
      body += (i ? ", " : "") + maps[i];
    body += "], iterator_types = [";
    for (size_t d = 0; d < rank; ++d)
      body += (d ? ", " : "") + std::string("\"parallel\"");
    body += "]} ins(";
    for (size_t i = 0; i < ins.size(); ++i)
      body += (i ? ", " : "") + ins[i].name;
    body += " : ";
    for (size_t i = 0; i < ins.size(); ++i)
      body += (i ? ", " : "") + typeOf(ins[i]);
    body += ") outs(" + out.name + " : " + typeOf(out) + ") {\n  ^bb0(";
    for (size_t i = 0; i < ins.size(); ++i)
      body += "%in" + std::to_string(i) + ": " + type.name + ", ";
    body += "%out: " + type.name + "):\n";
    std::string rhs = ins.size() > 1 ? "%in1" : "%in0";
    body += "    %r = " + op + " %in0, " + rhs + " : " + type.name + "\n";
    body += "    linalg.yield %r : " + type.name + "\n  } -> " +
            typeOf(value) + "\n";
    results.push_back(value);
  }

  void addReduction() {
    const Value *last = lastResult();
    std::vector<int64_t> shape;
    ElementType type = bytes.pick(elementTypes());
    if (last && !last->shape.empty() && bytes.flip()) {
      shape = last->shape;
      type = last->type;
    } else {
      size_t rank = 1 + bytes.below(3);
      for (size_t d = 0; d < rank; ++d)
        shape.push_back(pickExtent(bytes));
    }
    size_t rank = shape.size();
    noteLoops(shape);
    // Which loops reduce: never none; the last one most often.
    std::vector<bool> reduced(rank, false);
    for (size_t d = 0; d < rank; ++d)
      reduced[d] = bytes.below(3) == 0;
    if (std::find(reduced.begin(), reduced.end(), true) == reduced.end())
      reduced[rank - 1] = true;
    std::vector<size_t> identity, kept;
    std::vector<int64_t> outShape;
    for (size_t d = 0; d < rank; ++d) {
      identity.push_back(d);
      if (!reduced[d]) {
        kept.push_back(d);
        outShape.push_back(shape[d]);
      }
    }
    Value in = input(shape, type);
    Value out = fill(outShape, type);
    Value value{fresh(), outShape, type};
    std::string op = binaryOp(type);
    body += "  " + value.name + " = linalg.generic {indexing_maps = [" +
            affineMap(rank, identity) + ", " + affineMap(rank, kept) +
            "], iterator_types = [";
    for (size_t d = 0; d < rank; ++d)
      body += (d ? ", " : "") +
              std::string(reduced[d] ? "\"reduction\"" : "\"parallel\"");
    body += "]} ins(" + in.name + " : " + typeOf(in) + ") outs(" + out.name +
            " : " + typeOf(out) + ") {\n  ^bb0(%in0: " + type.name +
            ", %acc: " + type.name + "):\n    %r = " + op + " %in0, %acc : " +
            type.name + "\n    linalg.yield %r : " + type.name + "\n  } -> " +
            typeOf(value) + "\n";
    results.push_back(value);
  }

  void addFill() {
    std::vector<int64_t> shape;
    size_t rank = bytes.below(5);
    for (size_t d = 0; d < rank; ++d)
      shape.push_back(pickExtent(bytes));
    noteLoops(shape);
    results.push_back(fill(shape, bytes.pick(elementTypes())));
  }

  void addSoftmax() {
    const Value *last = lastResult();
    std::vector<int64_t> shape;
    ElementType type = bytes.pick(elementTypes());
    if (last && !last->shape.empty() && last->type.isFloat && bytes.flip()) {
      shape = last->shape;
      type = last->type;
    } else {
      size_t rank = 1 + bytes.below(3);
      for (size_t d = 0; d < rank; ++d)
        shape.push_back(pickExtent(bytes));
    }
    noteLoops(shape);
    // A known cwm bug: extractTasks decomposes a softmax of integers
    // through MLIR code that assumes floats (see fuzz/regressions).
    if (!type.isFloat)
      knownIssues.push_back("linalg.softmax of " + type.name);
    int64_t dimension = bytes.below(shape.size());
    Value in = input(shape, type);
    Value out = empty(shape, type);
    Value value{fresh(), shape, type};
    body += "  " + value.name + " = linalg.softmax dimension(" +
            std::to_string(dimension) + ") ins(" + in.name + " : " +
            typeOf(in) + ") outs(" + out.name + " : " + typeOf(out) +
            ") -> " + typeOf(value) + "\n";
    results.push_back(value);
  }

  std::string writeFunction(const std::string &name) {
    arguments.clear();
    body.clear();
    results.clear();
    int ops = 1 + bytes.below(4);
    for (int i = 0; i < ops; ++i) {
      switch (bytes.below(9)) {
      case 0:
        addMatmul(/*batched=*/false);
        break;
      case 1:
        addMatmul(/*batched=*/true);
        break;
      case 2:
        addConv(/*depthwise=*/false);
        break;
      case 3:
        addConv(/*depthwise=*/true);
        break;
      case 4:
      case 5:
        addElementwise();
        break;
      case 6:
        addReduction();
        break;
      case 7:
        addFill();
        break;
      case 8:
        addSoftmax();
        break;
      }
    }
    // Return the last result, sometimes every result.
    std::vector<Value> returned = {results.back()};
    if (bytes.flip())
      returned = results;
    std::string text = "func.func @" + name + "(";
    for (size_t i = 0; i < arguments.size(); ++i)
      text += (i ? ", " : "") + arguments[i];
    text += ") -> (";
    for (size_t i = 0; i < returned.size(); ++i)
      text += (i ? ", " : "") + typeOf(returned[i]);
    text += ") {\n" + body + "  return ";
    for (size_t i = 0; i < returned.size(); ++i)
      text += (i ? ", " : "") + returned[i].name;
    text += " : ";
    for (size_t i = 0; i < returned.size(); ++i)
      text += (i ? ", " : "") + typeOf(returned[i]);
    return text + "\n}\n";
  }
};

} // namespace cwm::fuzz

#endif // CWM_FUZZ_LINALGPROGRAM_H
