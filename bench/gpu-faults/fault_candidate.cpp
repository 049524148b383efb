//===- fault_candidate.cpp - GPU candidates that misbehave on purpose -----===//
//
// Built into shared objects by bench/gpu-faults.sh, one per fault, with the
// entry point cwm-run calls for a 256x128 x 128x256 matmul
// (`_mlir_ciface_task(A, B, C)`, memref descriptors of device memory). Each
// fails the way a broken generated kernel could, so cwm-run's isolation can
// be checked on a real GPU: the fault is recorded with its true kind and the
// next candidate, in a fresh process and CUDA context, measures normally.
//   FAULT_ILLEGAL_ADDRESS  a kernel stores through a bad device pointer
//   FAULT_HANG             a kernel spins until killed
//   FAULT_NAN / FAULT_WRONG  a kernel writes NaN / 1.0 to every output
//   FAULT_SEGV / FAULT_ABORT  the host side crashes
//
//===----------------------------------------------------------------------===//

#include <csignal>
#include <cstdint>
#include <cstdlib>

extern "C" {
void *mgpuModuleLoadJIT(void *data, int optLevel);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t paramsCount);
void *mgpuStreamCreate();
void mgpuStreamSynchronize(void *stream);
}

static const char kPtx[] = R"(
.version 8.0
.target sm_90
.address_size 64
.visible .entry fill(.param .u64 out, .param .u32 bits) {
  .reg .u32 %r<5>;
  .reg .u64 %rd<4>;
  ld.param.u64 %rd1, [out];
  ld.param.u32 %r1, [bits];
  mov.u32 %r2, %ctaid.x;
  mov.u32 %r3, %ntid.x;
  mov.u32 %r4, %tid.x;
  mad.lo.u32 %r2, %r2, %r3, %r4;
  mul.wide.u32 %rd2, %r2, 4;
  add.u64 %rd3, %rd1, %rd2;
  st.global.u32 [%rd3], %r1;
  ret;
}
.visible .entry spin(.param .u64 flag) {
  .reg .u64 %rd<2>;
  .reg .u32 %r<2>;
  .reg .pred %p;
  ld.param.u64 %rd1, [flag];
SPIN:
  ld.volatile.global.u32 %r1, [%rd1];
  setp.ne.u32 %p, %r1, 123456789;
  @%p bra SPIN;
  ret;
}
)";

/// The aligned pointer of a memref descriptor {allocated, aligned, ...}.
static void *devicePointer(void *descriptor) {
  return reinterpret_cast<void **>(descriptor)[1];
}

static void launchFill(void *out, uint32_t bits) {
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kPtx), 2);
  void *fill = mgpuModuleGetFunction(module, "fill");
  void *stream = mgpuStreamCreate();
  void *params[] = {&out, &bits};
  mgpuLaunchKernel(fill, 256, 1, 1, 256, 1, 1, 0, stream, params, nullptr, 2);
  mgpuStreamSynchronize(stream);
}

extern "C" __attribute__((visibility("default"))) void
_mlir_ciface_task(void *a, void *b, void *c) {
  (void)a;
  (void)b;
#if defined(FAULT_ILLEGAL_ADDRESS)
  launchFill(reinterpret_cast<void *>(uintptr_t(0x10)), 0);
#elif defined(FAULT_HANG)
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kPtx), 2);
  void *spin = mgpuModuleGetFunction(module, "spin");
  void *stream = mgpuStreamCreate();
  void *flag = devicePointer(c); // poisoned by cwm-run: never the magic value
  void *params[] = {&flag};
  mgpuLaunchKernel(spin, 1, 1, 1, 32, 1, 1, 0, stream, params, nullptr, 1);
  mgpuStreamSynchronize(stream);
#elif defined(FAULT_NAN)
  launchFill(devicePointer(c), 0x7fc00000u);
#elif defined(FAULT_WRONG)
  launchFill(devicePointer(c), 0x3f800000u);
#elif defined(FAULT_SEGV)
  std::raise(SIGSEGV);
#elif defined(FAULT_ABORT)
  std::abort();
#else
#error "define one FAULT_*"
#endif
}
