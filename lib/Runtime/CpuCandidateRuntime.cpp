//===- CpuCandidateRuntime.cpp - What built CPU candidates call -----------===//
//
// The runtime functions MLIR 22's CPU lowering calls from cwm's candidates:
// memrefCopy (memref.copy between layouts that are not both contiguous) and,
// with cwm-lower-cpu's recycle-buffers, the allocation functions
// _mlir_memref_to_llvm_alloc / _aligned_alloc / _free, which keep large
// freed buffers for the next allocation of about their size: a kernel whose
// transient buffers are megabytes (a Winograd convolution's transformed
// tiles, a padded input) otherwise gets them from malloc afresh at every call,
// and glibc returns them to the system at every free (its trim threshold), so
// every call faults their pages in again (measured: a 56x56x64 Winograd
// convolution 2.5 ms with malloc, 0.49 ms with its buffers kept).
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

namespace {
/// Buffers of at least this many bytes are kept when freed (smaller ones come
/// from malloc's own free lists without faults).
constexpr uint64_t kRecycleMinBytes = 64 * 1024;
/// At most this many kept buffers of at most this many bytes in all (per
/// shared object: each links its own copy of this archive, symbols hidden).
/// A whole model frees all its large buffers at the end of each call: 32
/// slots were too few for ResNet-18 with Winograd in its 512-channel layers
/// (an unbound call, filters transformed inside, 77 ms with 32 slots, 17 ms
/// with 256; 2026-12-07).
constexpr int kRecycleSlots = 256;
constexpr uint64_t kRecycleMaxBytes = uint64_t(1) << 30;

/// Before every pointer handed out: the malloc'ed block and its bytes.
struct BlockHeader {
  void *block;
  uint64_t bytes;
};
static_assert(sizeof(BlockHeader) == 16, "keeps malloc's 16-byte alignment");

struct KeptBlock {
  void *block = nullptr;
  uint64_t bytes = 0;
};
KeptBlock keptBlocks[kRecycleSlots];
uint64_t keptBytes = 0;
int keptLock = 0; // a spin lock: no C++ library (libc and libomp only)

void lockKept() {
  while (__atomic_exchange_n(&keptLock, 1, __ATOMIC_ACQUIRE))
    while (__atomic_load_n(&keptLock, __ATOMIC_RELAXED))
      __builtin_ia32_pause();
}
void unlockKept() { __atomic_store_n(&keptLock, 0, __ATOMIC_RELEASE); }

/// A block of at least `bytes`: the smallest kept one of at most twice that,
/// else a new one; nullptr if malloc fails.
void *takeBlock(uint64_t &bytes) {
  if (bytes >= kRecycleMinBytes) {
    lockKept();
    int best = -1;
    for (int i = 0; i < kRecycleSlots; ++i)
      if (keptBlocks[i].block && keptBlocks[i].bytes >= bytes &&
          keptBlocks[i].bytes <= 2 * bytes &&
          (best < 0 || keptBlocks[i].bytes < keptBlocks[best].bytes))
        best = i;
    void *block = nullptr;
    if (best >= 0) {
      block = keptBlocks[best].block;
      bytes = keptBlocks[best].bytes;
      keptBytes -= bytes;
      keptBlocks[best] = KeptBlock();
    }
    unlockKept();
    if (block)
      return block;
  }
  return std::malloc(size_t(bytes));
}

/// Keeps a large block for later (while there is room), frees the rest.
void giveBlock(void *block, uint64_t bytes) {
  if (bytes >= kRecycleMinBytes) {
    lockKept();
    for (int i = 0; i < kRecycleSlots; ++i)
      if (!keptBlocks[i].block && keptBytes + bytes <= kRecycleMaxBytes) {
        keptBlocks[i] = {block, bytes};
        keptBytes += bytes;
        block = nullptr;
        break;
      }
    unlockKept();
  }
  if (block)
    std::free(block);
}

/// `size` bytes aligned to `alignment` (a power of two, at least 16) from a
/// block that has room for the header before them.
void *allocateAligned(uint64_t alignment, uint64_t size) {
  uint64_t bytes = size + alignment + sizeof(BlockHeader);
  void *block = takeBlock(bytes);
  if (!block)
    return nullptr;
  uintptr_t start = reinterpret_cast<uintptr_t>(block) + sizeof(BlockHeader);
  uintptr_t aligned = (start + alignment - 1) & ~uintptr_t(alignment - 1);
  BlockHeader header = {block, bytes};
  std::memcpy(reinterpret_cast<char *>(aligned) - sizeof(BlockHeader), &header,
              sizeof(header));
  return reinterpret_cast<void *>(aligned);
}
} // namespace

extern "C" __attribute__((visibility("hidden"))) void *
_mlir_memref_to_llvm_alloc(uint64_t size) {
  return allocateAligned(16, size);
}

extern "C" __attribute__((visibility("hidden"))) void *
_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t size) {
  return allocateAligned(alignment < 16 ? 16 : alignment, size);
}

extern "C" __attribute__((visibility("hidden"))) void
_mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  BlockHeader header;
  std::memcpy(&header, static_cast<char *>(pointer) - sizeof(BlockHeader),
              sizeof(header));
  giveBlock(header.block, header.bytes);
}
