#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#define N 1024
static float *A, *B, *C, *Bp;
// C[m0:m0+MR, n0:n0+32] += A[m0.., k0:k0+kc] * B[k0.., n0..]
#define MR 8
static inline void kern(const float *a, int lda, const float *b, int ldb, float *c, int kc) {
  __m512 acc[MR][2];
  for (int i = 0; i < MR; ++i) { acc[i][0] = _mm512_loadu_ps(c + i*N); acc[i][1] = _mm512_loadu_ps(c + i*N + 16); }
  for (int k = 0; k < kc; ++k) {
    __m512 b0 = _mm512_loadu_ps(b + k*ldb), b1 = _mm512_loadu_ps(b + k*ldb + 16);
    for (int i = 0; i < MR; ++i) { __m512 av = _mm512_set1_ps(a[i*lda + k]);
      acc[i][0] = _mm512_fmadd_ps(av, b0, acc[i][0]); acc[i][1] = _mm512_fmadd_ps(av, b1, acc[i][1]); }
  }
  for (int i = 0; i < MR; ++i) { _mm512_storeu_ps(c + i*N, acc[i][0]); _mm512_storeu_ps(c + i*N + 16, acc[i][1]); }
}
static void run2(int mode, int KC, int BM, int BN) {
  memset(C, 0, sizeof(float)*N*N);
  #pragma omp parallel
  {
  float *buf = aligned_alloc(64, 4 * 512 * 512);
  #pragma omp for collapse(2) schedule(static)
  for (int bm = 0; bm < N; bm += BM)
    for (int bn = 0; bn < N; bn += BN)
      for (int k0 = 0; k0 < N; k0 += KC) {
        if (mode == 0) { // pack the block, m outer n inner
          for (int n = 0; n < BN; n += 32) for (int k = 0; k < KC; ++k) {
            _mm512_store_ps(buf + (n/32)*KC*32 + k*32, _mm512_loadu_ps(B + (k0+k)*N + bn + n));
            _mm512_store_ps(buf + (n/32)*KC*32 + k*32 + 16, _mm512_loadu_ps(B + (k0+k)*N + bn + n + 16)); }
          for (int m = bm; m < bm + BM; m += MR)
            for (int n = 0; n < BN; n += 32)
              kern(A + m*N + k0, N, buf + (n/32)*KC*32, 32, C + m*N + bn + n, KC);
        } else { // n outer, pack the panel, m inner
          for (int n = 0; n < BN; n += 32) {
            for (int k = 0; k < KC; ++k) {
              _mm512_store_ps(buf + k*32, _mm512_loadu_ps(B + (k0+k)*N + bn + n));
              _mm512_store_ps(buf + k*32 + 16, _mm512_loadu_ps(B + (k0+k)*N + bn + n + 16)); }
            for (int m = bm; m < bm + BM; m += MR)
              kern(A + m*N + k0, N, buf, 32, C + m*N + bn + n, KC);
          }
        }
      }
  free(buf);
  }
}
static void run(int packed, int KC, int BM, int BN) {
  memset(C, 0, sizeof(float)*N*N);
  #pragma omp parallel for collapse(2) schedule(static)
  for (int bm = 0; bm < N; bm += BM)
    for (int bn = 0; bn < N; bn += BN)
      for (int k0 = 0; k0 < N; k0 += KC)
        for (int m = bm; m < bm + BM; m += MR)
          for (int n = bn; n < bn + BN; n += 32) {
            if (packed) kern(A + m*N + k0, N, Bp + (n/32)*N*32 + k0*32, 32, C + m*N + n, KC);
            else kern(A + m*N + k0, N, B + k0*N + n, N, C + m*N + n, KC);
          }
}
int main(int argc, char **argv) {
  A = aligned_alloc(64, 4*N*N); B = aligned_alloc(64, 4*N*N); C = aligned_alloc(64, 4*N*N); Bp = aligned_alloc(64, 4*N*N);
  for (int i = 0; i < N*N; ++i) { A[i] = rand() / (float)RAND_MAX; B[i] = rand() / (float)RAND_MAX; }
  for (int n1 = 0; n1 < N/32; ++n1) for (int k = 0; k < N; ++k) for (int j = 0; j < 32; ++j) Bp[(n1*N + k)*32 + j] = B[k*N + n1*32 + j];
  int cfg[][4] = {{0,512,128,128},{1,512,128,128},{2,512,128,128},{3,512,128,128},{2,256,128,128},{3,256,128,128},{2,512,128,256}};
  for (int rep = 0; rep < 3; ++rep)
  for (int c = 0; c < 7; ++c) {
    double best = 1e9;
    for (int r = 0; r < 30; ++r) { double t = omp_get_wtime(); if (cfg[c][0] < 2) run(cfg[c][0], cfg[c][1], cfg[c][2], cfg[c][3]); else run2(cfg[c][0]-2, cfg[c][1], cfg[c][2], cfg[c][3]); t = omp_get_wtime() - t; if (t < best) best = t; }
    printf("mode=%d kc=%d bm=%d bn=%d  %.3f ms  %.1f GF/s\n", cfg[c][0], cfg[c][1], cfg[c][2], cfg[c][3], best*1e3, 2.0*N*N*N/best/1e9);
  }
  return 0;
}
