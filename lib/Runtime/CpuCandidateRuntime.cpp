//===- CpuCandidateRuntime.cpp - What built CPU candidates call -----------===//
//
// The one runtime function MLIR 22's CPU lowering calls from cwm's candidates:
// memrefCopy (memref.copy between layouts that are not both contiguous).
// Linked statically into every candidate shared object (cwm-worker build-cpu),
// so a machine that only measures them (cwm-run --cpu) needs no MLIR or LLVM
// library, only the OpenMP runtime (libomp.so.5).
//
// The arguments are unranked memref descriptors: {rank, pointer to the ranked
// descriptor}; a ranked descriptor is {allocated, aligned, offset, sizes[rank],
// strides[rank]} with offset and strides in elements.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {
struct UnrankedDescriptor {
  int64_t rank;
  void *descriptor;
};

/// A view of a ranked descriptor of any rank.
struct RankedView {
  char *data;
  const int64_t *sizes;
  const int64_t *strides;

  RankedView(const UnrankedDescriptor &memref, int64_t elementSize) {
    auto *base = static_cast<char *>(memref.descriptor);
    char *aligned;
    int64_t offset;
    std::memcpy(&aligned, base + sizeof(void *), sizeof(char *));
    std::memcpy(&offset, base + 2 * sizeof(void *), sizeof(int64_t));
    data = aligned + offset * elementSize;
    sizes = reinterpret_cast<const int64_t *>(base + 2 * sizeof(void *) +
                                              sizeof(int64_t));
    strides = sizes + memref.rank;
  }
};

/// True if the strides are the row-major strides of the sizes (dimensions of
/// size one may have any stride).
bool isRowMajor(int64_t rank, const int64_t *sizes, const int64_t *strides) {
  int64_t expected = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    if (sizes[d] != 1 && strides[d] != expected)
      return false;
    expected *= sizes[d];
  }
  return true;
}
} // namespace

extern "C" __attribute__((visibility("hidden"))) void
memrefCopy(int64_t elementSize, UnrankedDescriptor *source,
           UnrankedDescriptor *target) {
  int64_t rank = source->rank;
  RankedView from(*source, elementSize), to(*target, elementSize);
  int64_t elements = 1;
  for (int64_t d = 0; d < rank; ++d)
    elements *= from.sizes[d];
  if (elements == 0)
    return;
  if (rank == 0 || (isRowMajor(rank, from.sizes, from.strides) &&
                    isRowMajor(rank, to.sizes, to.strides))) {
    std::memmove(to.data, from.data, size_t(elements * elementSize));
    return;
  }
  // Coalesce: dimensions of size one go, and a dimension merges into the one
  // inside it where both views step over it exactly (a padded slice's rows of
  // W x C elements are one memmove, not W of C). At most 16 dimensions are
  // kept apart; a higher rank is copied one element row at a time as given.
  int64_t small[3][16];
  int64_t *sizes = small[0], *fromStrides = small[1], *toStrides = small[2];
  int64_t kept = 0;
  bool coalesce = rank <= 16;
  if (coalesce) {
    for (int64_t d = 0; d < rank; ++d) {
      if (from.sizes[d] == 1)
        continue;
      if (kept > 0 &&
          fromStrides[kept - 1] == from.sizes[d] * from.strides[d] &&
          toStrides[kept - 1] == from.sizes[d] * to.strides[d]) {
        sizes[kept - 1] *= from.sizes[d];
        fromStrides[kept - 1] = from.strides[d];
        toStrides[kept - 1] = to.strides[d];
        continue;
      }
      sizes[kept] = from.sizes[d];
      fromStrides[kept] = from.strides[d];
      toStrides[kept] = to.strides[d];
      ++kept;
    }
    if (kept == 0) { // a single element
      std::memmove(to.data, from.data, size_t(elementSize));
      return;
    }
  } else {
    kept = rank;
    sizes = const_cast<int64_t *>(from.sizes);
    fromStrides = const_cast<int64_t *>(from.strides);
    toStrides = const_cast<int64_t *>(to.strides);
  }
  // Rows of the innermost dimension, copied whole when both are unit-strided.
  int64_t inner = sizes[kept - 1];
  bool contiguousRows = fromStrides[kept - 1] == 1 && toStrides[kept - 1] == 1;
  // The outer dimensions' position (no C++ library: the object needs libc and
  // libomp only).
  int64_t smallIndex[16] = {0};
  int64_t *index = kept <= 16 ? smallIndex
                              : static_cast<int64_t *>(
                                    std::calloc(size_t(kept), sizeof(int64_t)));
  if (!index)
    std::abort();
  for (int64_t done = 0; done < elements; done += inner) {
    int64_t fromOffset = 0, toOffset = 0;
    for (int64_t d = 0; d + 1 < kept; ++d) {
      fromOffset += index[d] * fromStrides[d];
      toOffset += index[d] * toStrides[d];
    }
    char *src = from.data + fromOffset * elementSize;
    char *dst = to.data + toOffset * elementSize;
    if (contiguousRows) {
      std::memmove(dst, src, size_t(inner * elementSize));
    } else {
      for (int64_t i = 0; i < inner; ++i)
        std::memmove(dst + i * toStrides[kept - 1] * elementSize,
                     src + i * fromStrides[kept - 1] * elementSize,
                     size_t(elementSize));
    }
    for (int64_t d = kept - 2; d >= 0; --d) { // the next row
      if (++index[d] < sizes[d])
        break;
      index[d] = 0;
    }
  }
  if (index != smallIndex)
    std::free(index);
}
