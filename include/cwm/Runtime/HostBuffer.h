//===- HostBuffer.h - Host tensors passed to generated code -----*- C++ -*-===//
//
// Buffers in the memref descriptor layout that MLIR-generated code takes
// ({allocated, aligned, offset, sizes[rank], strides[rank]}), random
// initialisation, poisoning and comparison. No MLIR or LLVM dependency, so a
// remote runner can use it.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_RUNTIME_HOSTBUFFER_H
#define CWM_RUNTIME_HOSTBUFFER_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cwm {

/// Element types generated code may take.
enum class ElementType { F32, F64, F16, BF16, I8, I32, I64 };

/// Parses "f32", "f16", ... ; returns false for an unknown name.
bool parseElementType(const std::string &name, ElementType &type);
size_t elementSize(ElementType type);

/// A dense row-major buffer plus its memref descriptor.
class HostBuffer {
public:
  HostBuffer(ElementType type, std::vector<int64_t> shape);
  ~HostBuffer();
  HostBuffer(const HostBuffer &) = delete;
  HostBuffer &operator=(const HostBuffer &) = delete;

  /// False if the allocation failed.
  bool valid() const { return storage != nullptr; }
  ElementType getElementType() const { return type; }
  const std::vector<int64_t> &getShape() const { return shape; }
  int64_t getNumElements() const { return numElements; }
  size_t getSizeInBytes() const { return numElements * elementSize(type); }
  void *data() { return storage; }
  const void *data() const { return storage; }

  /// Address of the memref descriptor (what `_mlir_ciface_` functions take a
  /// pointer to).
  void *descriptor() { return descriptorStorage.data(); }

  /// Fills with uniform values in [-1, 1) from a deterministic generator.
  void fillRandom(uint64_t seed);
  /// Fills with NaN (floats) or a sentinel pattern (integers), so that an
  /// element the code never writes is caught.
  void poison();
  /// Element i as double.
  double at(int64_t i) const;

private:
  ElementType type;
  std::vector<int64_t> shape;
  int64_t numElements = 1;
  void *storage = nullptr;
  std::vector<int64_t> descriptorStorage;
};

/// ||actual - expected||_2 / ||expected||_2 (or the absolute norm when the
/// reference is all zeros); infinity if any element is NaN or infinite.
double relativeError(const HostBuffer &actual, const HostBuffer &expected);

/// The most arguments callTaskEntry passes.
constexpr size_t kMaxTaskEntryArguments = 8;

/// Calls a compiled task's C interface (`_mlir_ciface_task`: one memref
/// descriptor pointer per argument, inputs then outputs). False, without a
/// call, for more than kMaxTaskEntryArguments arguments.
bool callTaskEntry(void *entry, const std::vector<void *> &descriptors);

} // namespace cwm

#endif // CWM_RUNTIME_HOSTBUFFER_H
