//===- cwm-cuda-smoke.cpp - Check the mgpu* runtime on a real GPU ---------===//
//
// Runs a vector-add kernel (PTX, JIT-compiled by the driver) through cwm's
// mgpu* runtime exactly as MLIR-generated host code would: module load,
// function lookup, allocation, copies, launch with a params array, stream
// synchronization; checks the result and times launches with timer events.
// Exit 0 = passed, 1 = failed, 2 = no usable GPU (the status says why).
//
//===----------------------------------------------------------------------===//

#include "cwm/Runtime/CudaRuntime.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

static const char kVectorAdd[] = R"ptx(
.version 8.0
.target sm_80
.address_size 64

.visible .entry add(.param .u64 pa, .param .u64 pb, .param .u64 pc,
                    .param .u32 pn)
{
  .reg .pred p;
  .reg .b32 r<5>;
  .reg .b64 rd<8>;
  .reg .f32 f<4>;
  ld.param.u64 rd1, [pa];
  ld.param.u64 rd2, [pb];
  ld.param.u64 rd3, [pc];
  ld.param.u32 r1, [pn];
  mov.u32 r2, %ctaid.x;
  mov.u32 r3, %ntid.x;
  mov.u32 r4, %tid.x;
  mad.lo.s32 r2, r2, r3, r4;
  setp.ge.u32 p, r2, r1;
  @p bra DONE;
  cvta.to.global.u64 rd1, rd1;
  cvta.to.global.u64 rd2, rd2;
  cvta.to.global.u64 rd3, rd3;
  mul.wide.u32 rd4, r2, 4;
  add.s64 rd5, rd1, rd4;
  add.s64 rd6, rd2, rd4;
  add.s64 rd7, rd3, rd4;
  ld.global.f32 f1, [rd5];
  ld.global.f32 f2, [rd6];
  add.f32 f3, f1, f2;
  st.global.f32 [rd7], f3;
DONE:
  ret;
}
)ptx";

int main() {
  const char *status = cwmCudaStatus();
  if (std::strcmp(status, "ready") != 0) {
    std::printf("cwm-cuda-smoke: no usable GPU: %s\n", status);
    return 2;
  }
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kVectorAdd), 3);
  void *function = module ? mgpuModuleGetFunction(module, "add") : nullptr;
  if (!function) {
    std::printf("cwm-cuda-smoke: FAILED to load the kernel\n");
    return 1;
  }
  const uint32_t n = 1 << 20;
  std::vector<float> a(n), b(n), c(n, -1.0f);
  for (uint32_t i = 0; i < n; ++i) {
    a[i] = 0.5f * i;
    b[i] = 1.0f - i;
  }
  void *stream = mgpuStreamCreate();
  size_t bytes = n * sizeof(float);
  void *da = mgpuMemAlloc(bytes, stream, 0);
  void *db = mgpuMemAlloc(bytes, stream, 0);
  void *dc = mgpuMemAlloc(bytes, stream, 0);
  mgpuMemset32(dc, 0, n, stream);
  mgpuMemcpy(da, a.data(), bytes, stream);
  mgpuMemcpy(db, b.data(), bytes, stream);
  uint32_t count = n;
  void *params[] = {&da, &db, &dc, &count};
  intptr_t block = 256, grid = (n + block - 1) / block;
  mgpuLaunchKernel(function, grid, 1, 1, block, 1, 1, 0, stream, params,
                   nullptr, 4);
  mgpuMemcpy(c.data(), dc, bytes, stream);
  mgpuStreamSynchronize(stream);
  size_t wrong = 0;
  for (uint32_t i = 0; i < n; ++i)
    if (std::fabs(c[i] - (a[i] + b[i])) > 1e-3f * (1 + std::fabs(a[i])))
      ++wrong;
  // Time 100 launches between timer events.
  void *start = cwmCudaTimerEvent(), *stop = cwmCudaTimerEvent();
  mgpuEventRecord(start, stream);
  for (int i = 0; i < 100; ++i)
    mgpuLaunchKernel(function, grid, 1, 1, block, 1, 1, 0, stream, params,
                     nullptr, 4);
  mgpuEventRecord(stop, stream);
  double seconds = cwmCudaElapsedSeconds(start, stop) / 100;
  mgpuEventDestroy(start);
  mgpuEventDestroy(stop);
  mgpuMemFree(da, stream);
  mgpuMemFree(db, stream);
  mgpuMemFree(dc, stream);
  mgpuStreamDestroy(stream);
  mgpuModuleUnload(module);
  double gbs = seconds > 0 ? 3.0 * bytes / seconds / 1e9 : 0;
  std::printf("cwm-cuda-smoke: %s: %zu wrong of %u; vector add %.2f us "
              "(%.0f GB/s)\n",
              wrong ? "FAILED" : "passed", wrong, n, seconds * 1e6, gbs);
  return wrong ? 1 : 0;
}
