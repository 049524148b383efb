// Experiment for docs/notes/winograd-plan.md (not part of cwm): how fast a
// plain C input transform is on this machine.
//   gcc -O3 -march=native -fopenmp bench/experiments/winograd_input_transform.c -o /tmp/wt && OMP_NUM_THREADS=2 /tmp/wt
// F(4x4,3x3) Winograd input transform of a 56x56x64 layer (padded input
// 58x58x64, NHWC) into V[6][6][14][14][64]: one pass per tile, channels
// innermost (vectorized by the compiler), B^T's zeros and constants unrolled.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define C 64
#define T 14
#define HP 58
static void col(const float *d0, const float *d1, const float *d2, const float *d3,
                const float *d4, const float *d5, float t[6][C]) {
  for (int c = 0; c < C; ++c) {
    t[0][c] = 4 * d0[c] - 5 * d2[c] + d4[c];
    t[1][c] = -4 * d1[c] - 4 * d2[c] + d3[c] + d4[c];
    t[2][c] = 4 * d1[c] - 4 * d2[c] - d3[c] + d4[c];
    t[3][c] = -2 * d1[c] - d2[c] + 2 * d3[c] + d4[c];
    t[4][c] = 2 * d1[c] - d2[c] - 2 * d3[c] + d4[c];
    t[5][c] = 4 * d1[c] - 5 * d3[c] + d5[c];
  }
}
void transform(const float *P, float *V) {
#pragma omp parallel for
  for (int ty = 0; ty < T; ++ty)
    for (int tx = 0; tx < T; ++tx) {
      float t[6][6][C]; // t[b][i][c]: column b of B^T d
      for (int b = 0; b < 6; ++b) {
        const float *base = P + ((ty * 4) * HP + tx * 4 + b) * C;
        col(base, base + HP * C, base + 2 * HP * C, base + 3 * HP * C, base + 4 * HP * C, base + 5 * HP * C, t[b]);
      }
      for (int i = 0; i < 6; ++i) {
        float r[6][C];
        col(t[0][i], t[1][i], t[2][i], t[3][i], t[4][i], t[5][i], r);
        for (int j = 0; j < 6; ++j) {
          float *out = V + (((i * 6 + j) * T + ty) * T + tx) * C;
          for (int c = 0; c < C; ++c) out[c] = r[j][c];
        }
      }
    }
}
int main() {
  float *P = aligned_alloc(64, sizeof(float) * HP * HP * C), *V = aligned_alloc(64, sizeof(float) * 36 * T * T * C);
  for (int i = 0; i < HP * HP * C; ++i) P[i] = (float)(i % 7) - 3;
  for (int round = 0; round < 5; ++round) {
    struct timespec a, b;
    int reps = 2000;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int r = 0; r < reps; ++r) transform(P, V);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double us = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1e3 / reps;
    printf("input transform: %.1f us per call (V[7] = %g)\n", us, V[7]);
  }
  return 0;
}
