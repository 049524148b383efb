//===- CudaRuntime.h - The mgpu* host runtime for generated GPU code -*- C++ -*-===//
//
// libcwm_cuda_runtime.so implements the host functions that MLIR 22's GPU
// lowering emits calls to (module load / JIT, function lookup, launch,
// streams, events, memory; signatures in docs/notes/gpu-runtime-abi.md) on
// the CUDA driver API, opened with dlopen("libcuda.so.1") on first use
// ($CWM_LIBCUDA overrides the path; $CWM_CUDA_DEVICE picks the device). It
// has no MLIR, LLVM or CUDA build dependency and loads where no GPU exists;
// there every call reports the problem once and returns null.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_RUNTIME_CUDARUNTIME_H
#define CWM_RUNTIME_CUDARUNTIME_H

#include <cstddef>
#include <cstdint>

extern "C" {

/// What the device is (cost-model hardware features of GPU records).
struct CwmCudaDevice {
  char name[256];
  int computeMajor, computeMinor;
  int multiprocessors;
  int maxThreadsPerBlock;
  int sharedBytesPerBlockOptin;
  int registersPerBlock;
  int l2Bytes;
  int clockKHz;
  int memoryClockKHz;
  int memoryBusBits;
};

/// Fills `out` for the device in use; 0 on success.
int cwmCudaDescribe(CwmCudaDevice *out);

/// "ready", or why the driver cannot be used (no libcuda, no device, ...).
const char *cwmCudaStatus();

// The MLIR 22 runtime ABI.
void *mgpuModuleLoad(void *data, size_t size);
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t paramsCount);
void *mgpuStreamCreate();
void mgpuStreamSynchronize(void *stream);
void mgpuStreamDestroy(void *stream);
void mgpuStreamWaitEvent(void *stream, void *event);
void *mgpuEventCreate();
void mgpuEventRecord(void *event, void *stream);
void mgpuEventSynchronize(void *event);
void mgpuEventDestroy(void *event);
void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, uint32_t isHostShared);
void mgpuMemFree(void *pointer, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream);
void mgpuMemset32(void *dst, uint32_t value, size_t count, void *stream);
void mgpuMemset16(void *dst, uint32_t value, size_t count, void *stream);
/// Picks the device when called before the driver is first used (else
/// $CWM_CUDA_DEVICE, else 0); a later call for another device is reported
/// and ignored (one retained context per process).
void mgpuSetDefaultDevice(int32_t device);
void *mgpuTensorMapEncodeTiledMemref(int64_t rank, void *rankedDescriptor,
                                     int64_t dataType, int64_t interleave,
                                     int64_t swizzle, int64_t l2Promotion,
                                     int64_t oobFill, int64_t *boxDims);

// cwm's timing helpers: events that record time (the mgpu* ones do not).
void *cwmCudaTimerEvent();
/// Seconds between two recorded timer events (waits for `stop`); -1 on error.
double cwmCudaElapsedSeconds(void *start, void *stop);
/// Waits for all work of the context; 0 on success.
int cwmCudaSynchronize();
/// Deferred synchronization for compiled models: when on, the streams that
/// generated code creates for its launches, copies and frees are one shared
/// in-order stream that it no longer waits for; the caller waits with
/// cwmCudaSynchronize after each call of the model.
void cwmCudaDeferSynchronization(int enable);
/// Kernel timing: when on, every mgpuLaunchKernel is bracketed by timed
/// events on its stream, so the device time of the kernels alone (without
/// the per-call stream creation of synchronous launches) can be read back.
void cwmCudaKernelTiming(int enable);
/// Device seconds of the timed launches finished since the last call (and
/// their count); resets both.
double cwmCudaTakeKernelSeconds(int64_t *launches);

} // extern "C"

#endif // CWM_RUNTIME_CUDARUNTIME_H
