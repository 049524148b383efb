//===- HostBuffer.cpp - Host tensors passed to generated code -------------===//

#include "cwm/Runtime/HostBuffer.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace cwm {

bool parseElementType(const std::string &name, ElementType &type) {
  static const struct {
    const char *name;
    ElementType type;
  } kTypes[] = {{"f32", ElementType::F32}, {"f64", ElementType::F64},
                {"f16", ElementType::F16}, {"bf16", ElementType::BF16},
                {"i8", ElementType::I8},   {"i32", ElementType::I32},
                {"i64", ElementType::I64}};
  for (const auto &entry : kTypes)
    if (name == entry.name) {
      type = entry.type;
      return true;
    }
  return false;
}

size_t elementSize(ElementType type) {
  switch (type) {
  case ElementType::F64:
  case ElementType::I64:
    return 8;
  case ElementType::F32:
  case ElementType::I32:
    return 4;
  case ElementType::F16:
  case ElementType::BF16:
    return 2;
  case ElementType::I8:
    return 1;
  }
  return 4;
}

HostBuffer::HostBuffer(ElementType type, std::vector<int64_t> shape)
    : type(type), shape(std::move(shape)) {
  int64_t bytesNeeded = int64_t(elementSize(type));
  for (int64_t extent : this->shape) {
    if (extent < 0 || __builtin_mul_overflow(numElements, extent, &numElements) ||
        __builtin_mul_overflow(bytesNeeded, extent, &bytesNeeded) ||
        bytesNeeded > (int64_t(1) << 60)) {
      numElements = 0;
      return; // too large to address: valid() is false
    }
  }
  // 64-byte alignment: one cache line, the widest vector load.
  size_t bytes = (getSizeInBytes() + 63) / 64 * 64;
  storage = std::aligned_alloc(64, bytes ? bytes : 64);
  if (!storage)
    return; // valid() reports it; no exceptions in cwm code.
  int64_t rank = this->shape.size();
  descriptorStorage.assign(3 + 2 * rank, 0);
  descriptorStorage[0] = reinterpret_cast<int64_t>(storage);
  descriptorStorage[1] = reinterpret_cast<int64_t>(storage);
  descriptorStorage[2] = 0;
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    descriptorStorage[3 + d] = this->shape[d];
    descriptorStorage[3 + rank + d] = stride;
    stride *= this->shape[d];
  }
}

HostBuffer::~HostBuffer() { std::free(storage); }

static uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  uint32_t sign = (bits >> 16) & 0x8000;
  int32_t exponent = int32_t((bits >> 23) & 0xff) - 127 + 15;
  uint32_t mantissa = bits & 0x7fffff;
  if (exponent <= 0)
    return sign; // flush tiny values to zero
  if (exponent >= 31)
    return sign | 0x7c00;
  return sign | (exponent << 10) | (mantissa >> 13);
}

static float halfToFloat(uint16_t half) {
  uint32_t sign = uint32_t(half & 0x8000) << 16;
  uint32_t exponent = (half >> 10) & 0x1f;
  uint32_t mantissa = half & 0x3ff;
  uint32_t bits;
  if (exponent == 0)
    bits = sign; // zero (subnormals flushed)
  else if (exponent == 31)
    bits = sign | 0x7f800000 | (mantissa << 13);
  else
    bits = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

/// splitmix64: small, fast and identical on every machine.
static uint64_t nextRandom(uint64_t &state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void HostBuffer::fillRandom(uint64_t seed) {
  uint64_t state = seed;
  for (int64_t i = 0; i < numElements; ++i) {
    double unit = double(nextRandom(state) >> 11) * 0x1.0p-53; // [0, 1)
    double value = 2.0 * unit - 1.0;
    switch (type) {
    case ElementType::F32:
      static_cast<float *>(storage)[i] = float(value);
      break;
    case ElementType::F64:
      static_cast<double *>(storage)[i] = value;
      break;
    case ElementType::F16:
      static_cast<uint16_t *>(storage)[i] = floatToHalf(float(value));
      break;
    case ElementType::BF16: {
      float f = float(value);
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      static_cast<uint16_t *>(storage)[i] = uint16_t(bits >> 16);
      break;
    }
    case ElementType::I8:
      static_cast<int8_t *>(storage)[i] = int8_t(value * 16);
      break;
    case ElementType::I32:
      static_cast<int32_t *>(storage)[i] = int32_t(value * 1000);
      break;
    case ElementType::I64:
      static_cast<int64_t *>(storage)[i] = int64_t(value * 1000);
      break;
    }
  }
}

void HostBuffer::poison() {
  switch (type) {
  case ElementType::F32:
    for (int64_t i = 0; i < numElements; ++i)
      static_cast<float *>(storage)[i] = std::numeric_limits<float>::quiet_NaN();
    break;
  case ElementType::F64:
    for (int64_t i = 0; i < numElements; ++i)
      static_cast<double *>(storage)[i] =
          std::numeric_limits<double>::quiet_NaN();
    break;
  case ElementType::F16:
  case ElementType::BF16:
    for (int64_t i = 0; i < numElements; ++i)
      static_cast<uint16_t *>(storage)[i] = 0x7fff; // NaN in both formats
    break;
  default:
    std::memset(storage, 0x5a, getSizeInBytes());
    break;
  }
}

double HostBuffer::at(int64_t i) const {
  switch (type) {
  case ElementType::F32:
    return static_cast<const float *>(storage)[i];
  case ElementType::F64:
    return static_cast<const double *>(storage)[i];
  case ElementType::F16:
    return halfToFloat(static_cast<const uint16_t *>(storage)[i]);
  case ElementType::BF16: {
    uint32_t bits = uint32_t(static_cast<const uint16_t *>(storage)[i]) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  }
  case ElementType::I8:
    return static_cast<const int8_t *>(storage)[i];
  case ElementType::I32:
    return static_cast<const int32_t *>(storage)[i];
  case ElementType::I64:
    return double(static_cast<const int64_t *>(storage)[i]);
  }
  return 0;
}

double relativeError(const HostBuffer &actual, const HostBuffer &expected) {
  if (actual.getNumElements() != expected.getNumElements())
    return std::numeric_limits<double>::infinity();
  double diff = 0, norm = 0;
  for (int64_t i = 0; i < actual.getNumElements(); ++i) {
    double a = actual.at(i), e = expected.at(i);
    if (!std::isfinite(a) || !std::isfinite(e))
      return std::numeric_limits<double>::infinity();
    diff += (a - e) * (a - e);
    norm += e * e;
  }
  return norm > 0 ? std::sqrt(diff / norm) : std::sqrt(diff);
}

bool callTaskEntry(void *entry, const std::vector<void *> &d) {
  using P = void *;
  switch (d.size()) {
  case 1: reinterpret_cast<void (*)(P)>(entry)(d[0]); return true;
  case 2: reinterpret_cast<void (*)(P, P)>(entry)(d[0], d[1]); return true;
  case 3:
    reinterpret_cast<void (*)(P, P, P)>(entry)(d[0], d[1], d[2]);
    return true;
  case 4:
    reinterpret_cast<void (*)(P, P, P, P)>(entry)(d[0], d[1], d[2], d[3]);
    return true;
  case 5:
    reinterpret_cast<void (*)(P, P, P, P, P)>(entry)(d[0], d[1], d[2], d[3],
                                                     d[4]);
    return true;
  case 6:
    reinterpret_cast<void (*)(P, P, P, P, P, P)>(entry)(d[0], d[1], d[2], d[3],
                                                        d[4], d[5]);
    return true;
  case 7:
    reinterpret_cast<void (*)(P, P, P, P, P, P, P)>(entry)(
        d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
    return true;
  case 8:
    reinterpret_cast<void (*)(P, P, P, P, P, P, P, P)>(entry)(
        d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
    return true;
  default:
    return false;
  }
}

} // namespace cwm
