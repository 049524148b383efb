// Register-only f32 FMA loop: the machine's practical FMA ceiling.
//
// Each thread keeps 16 independent AVX-512 accumulators (enough to cover the
// FMA latency on two pipes) and runs a fixed number of iterations; nothing
// touches memory inside the loop. Prints GFLOP/s for 1 thread and for every
// thread count up to the requested one (FLOPs = 2 x multiply-adds).
//
// Usage: cwm-fma-peak [threads]      (default: all hardware threads)

#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr int kAccumulators = 16;
constexpr long kIterations = 200'000'000 / kAccumulators;

// Returns a value derived from the accumulators so the compiler cannot drop
// the loop.
__attribute__((noinline)) float fmaLoop(long iterations) {
  __m512 acc[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i)
    acc[i] = _mm512_set1_ps(1.0f + 1e-3f * i);
  const __m512 a = _mm512_set1_ps(0.999999f);
  const __m512 b = _mm512_set1_ps(1e-7f);
  for (long it = 0; it < iterations; ++it) {
#pragma GCC unroll 16
    for (int i = 0; i < kAccumulators; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < kAccumulators; ++i)
    sum = _mm512_add_ps(sum, acc[i]);
  // Summed through memory: GCC 12's _mm512_reduce_add_ps warns spuriously.
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, sum);
  float total = 0;
  for (float lane : lanes)
    total += lane;
  return total;
}

double gflopsWithThreads(int threads) {
  const double flopsPerThread = 2.0 * 16 * kAccumulators * double(kIterations);
  double best = 0;
  for (int rep = 0; rep < 5; ++rep) {
    volatile float sink = 0;
    auto start = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads)
    {
      float v = fmaLoop(kIterations);
#pragma omp critical
      sink = sink + v;
    }
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start)
                         .count();
    best = std::max(best, flopsPerThread * threads / seconds / 1e9);
  }
  return best;
}

} // namespace

int main(int argc, char **argv) {
  int maxThreads = argc > 1 ? std::atoi(argv[1]) : omp_get_num_procs();
  if (maxThreads < 1) {
    std::fprintf(stderr, "error: thread count must be positive\n");
    return 1;
  }
  for (int t = 1; t <= maxThreads; ++t)
    std::printf("fma_peak threads=%d gflops=%.1f\n", t, gflopsWithThreads(t));
  return 0;
}
