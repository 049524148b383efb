//===- CpuCandidateRuntimeTest.cpp - memrefCopy of built CPU candidates ---===//

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {
struct Unranked {
  int64_t rank;
  void *descriptor;
};

/// A ranked descriptor of rank up to 4 laid out as MLIR's (allocated,
/// aligned, offset, sizes, strides).
struct Descriptor {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizesAndStrides[8];
};

Descriptor describe(std::vector<float> &data, int64_t offset,
                    std::vector<int64_t> sizes, std::vector<int64_t> strides) {
  Descriptor d{data.data(), data.data(), offset, {0}};
  for (size_t i = 0; i < sizes.size(); ++i) {
    d.sizesAndStrides[i] = sizes[i];
    d.sizesAndStrides[sizes.size() + i] = strides[i];
  }
  return d;
}
} // namespace

extern "C" void memrefCopy(int64_t elementSize, Unranked *source,
                           Unranked *target);

TEST(CpuCandidateRuntime, CopiesStridedSourceIntoContiguousTarget) {
  // Source: 3x4 elements at offset 5, row stride 10, column stride 2.
  std::vector<float> source(64);
  for (size_t i = 0; i < source.size(); ++i)
    source[i] = float(i);
  std::vector<float> target(12, -1);
  Descriptor from = describe(source, 5, {3, 4}, {10, 2});
  Descriptor to = describe(target, 0, {3, 4}, {4, 1});
  Unranked a{2, &from}, b{2, &to};
  memrefCopy(sizeof(float), &a, &b);
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 4; ++j)
      EXPECT_EQ(target[size_t(i * 4 + j)], float(5 + i * 10 + j * 2))
          << i << "," << j;
}

TEST(CpuCandidateRuntime, CopiesRowsIntoAPaddedTarget) {
  // A 2x3x4 contiguous source into the interior of a 4x5x6 buffer (as a pad
  // writes its input), unit inner strides: whole rows at a time.
  std::vector<float> source(24);
  for (size_t i = 0; i < source.size(); ++i)
    source[i] = float(i + 1);
  std::vector<float> target(120, 0);
  Descriptor from = describe(source, 0, {2, 3, 4}, {12, 4, 1});
  Descriptor to = describe(target, 30 + 6 + 1, {2, 3, 4}, {30, 6, 1});
  Unranked a{3, &from}, b{3, &to};
  memrefCopy(sizeof(float), &a, &b);
  int written = 0;
  for (int64_t i = 0; i < 4; ++i)
    for (int64_t j = 0; j < 5; ++j)
      for (int64_t k = 0; k < 6; ++k) {
        float value = target[size_t(i * 30 + j * 6 + k)];
        bool inside = i >= 1 && i < 3 && j >= 1 && j < 4 && k >= 1 && k < 5;
        if (!inside) {
          EXPECT_EQ(value, 0.0f);
          continue;
        }
        ++written;
        EXPECT_EQ(value, float((i - 1) * 12 + (j - 1) * 4 + (k - 1) + 1));
      }
  EXPECT_EQ(written, 24);
}

TEST(CpuCandidateRuntime, CopiesScalarsAndSkipsEmptyShapes) {
  std::vector<float> source = {0, 7}, target = {3, 3};
  Descriptor from = describe(source, 1, {}, {});
  Descriptor to = describe(target, 0, {}, {});
  Unranked a{0, &from}, b{0, &to};
  memrefCopy(sizeof(float), &a, &b);
  EXPECT_EQ(target[0], 7.0f);
  EXPECT_EQ(target[1], 3.0f);

  Descriptor emptyFrom = describe(source, 0, {0, 2}, {2, 1});
  Descriptor emptyTo = describe(target, 0, {0, 2}, {1, 0});
  Unranked c{2, &emptyFrom}, d{2, &emptyTo};
  memrefCopy(sizeof(float), &c, &d);
  EXPECT_EQ(target[0], 7.0f);
}

TEST(CpuCandidateRuntime, CopiesTransposedLayouts) {
  // A column-major 3x2 source into a row-major target: no unit inner stride.
  std::vector<float> source = {1, 2, 3, 4, 5, 6}, target(6, 0);
  Descriptor from = describe(source, 0, {3, 2}, {1, 3});
  Descriptor to = describe(target, 0, {3, 2}, {2, 1});
  Unranked a{2, &from}, b{2, &to};
  memrefCopy(sizeof(float), &a, &b);
  EXPECT_EQ(target, (std::vector<float>{1, 4, 2, 5, 3, 6}));
}

TEST(CpuCandidateRuntime, CopiesASlabOfRowsIntoAPaddedSlab) {
  // What a pad fused into a parallel loop copies: rows 1..3 of a 1x5x4x2
  // input into the interior of a 1x6x6x2 buffer (one column of zeros each
  // side). Each row's 4x2 elements are contiguous in both views (one copy
  // per row); the unit batch dimension carries an arbitrary stride.
  std::vector<float> source(40);
  for (size_t i = 0; i < source.size(); ++i)
    source[i] = float(i + 1);
  std::vector<float> target(72, 0);
  Descriptor from = describe(source, 8, {1, 3, 4, 2}, {999, 8, 2, 1});
  Descriptor to = describe(target, 12 + 2, {1, 3, 4, 2}, {5, 12, 2, 1});
  Unranked a{4, &from}, b{4, &to};
  memrefCopy(sizeof(float), &a, &b);
  int written = 0;
  for (int64_t h = 0; h < 6; ++h)
    for (int64_t w = 0; w < 6; ++w)
      for (int64_t c = 0; c < 2; ++c) {
        float value = target[size_t(h * 12 + w * 2 + c)];
        bool inside = h >= 1 && h < 4 && w >= 1 && w < 5;
        if (!inside) {
          EXPECT_EQ(value, 0.0f) << h << "," << w << "," << c;
          continue;
        }
        ++written;
        EXPECT_EQ(value, float(8 + (h - 1) * 8 + (w - 1) * 2 + c + 1))
            << h << "," << w << "," << c;
      }
  EXPECT_EQ(written, 24);
}

TEST(CpuCandidateRuntime, CopiesOneElementOfAnyShape) {
  std::vector<float> source = {0, 0, 9}, target = {1, 1, 1};
  Descriptor from = describe(source, 2, {1, 1}, {7, 3});
  Descriptor to = describe(target, 1, {1, 1}, {2, 5});
  Unranked a{2, &from}, b{2, &to};
  memrefCopy(sizeof(float), &a, &b);
  EXPECT_EQ(target, (std::vector<float>{1, 9, 1}));
}

extern "C" void *_mlir_memref_to_llvm_alloc(uint64_t size);
extern "C" void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment,
                                                    uint64_t size);
extern "C" void _mlir_memref_to_llvm_free(void *pointer);

TEST(CpuCandidateRuntime, LargeBuffersAreKeptForTheNextAllocation) {
  // A large buffer freed comes back for the next allocation of its size (or
  // up to half of it): no fresh pages at every call.
  auto *first = static_cast<float *>(_mlir_memref_to_llvm_alloc(1 << 20));
  ASSERT_NE(first, nullptr);
  first[0] = 1.0f;
  first[(1 << 18) - 1] = 2.0f; // the whole size is usable
  _mlir_memref_to_llvm_free(first);
  void *again = _mlir_memref_to_llvm_alloc(1 << 20);
  EXPECT_EQ(again, first);
  void *smaller = _mlir_memref_to_llvm_alloc(3 << 18); // 768 KiB: fits, not reused
  EXPECT_NE(smaller, first);                           // while `again` is held
  _mlir_memref_to_llvm_free(again);
  void *half = _mlir_memref_to_llvm_alloc((1 << 19) + 4096);
  EXPECT_EQ(half, again); // the kept 1 MiB block serves 516 KiB
  _mlir_memref_to_llvm_free(half);
  // The kept 1 MiB block is more than twice what 256 KiB need: not taken.
  void *quarter = _mlir_memref_to_llvm_alloc((1 << 18) - 64);
  ASSERT_NE(quarter, nullptr);
  EXPECT_NE(quarter, half);
  _mlir_memref_to_llvm_free(quarter);
  _mlir_memref_to_llvm_free(smaller);
  // Aligned allocations honour the alignment; small ones pass through.
  for (uint64_t alignment : {16u, 64u, 4096u}) {
    void *aligned = _mlir_memref_to_llvm_aligned_alloc(alignment, 100000);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % alignment, 0u);
    _mlir_memref_to_llvm_free(aligned);
  }
  void *small = _mlir_memref_to_llvm_alloc(64);
  ASSERT_NE(small, nullptr);
  _mlir_memref_to_llvm_free(small);
  _mlir_memref_to_llvm_free(nullptr);
}
