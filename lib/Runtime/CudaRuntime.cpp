//===- CudaRuntime.cpp - The mgpu* host runtime over a dlopen'ed libcuda --===//
//
// The host-side functions MLIR 22's GPU lowering calls (docs/notes/
// gpu-runtime-abi.md lists them with their exact signatures), implemented on
// the CUDA driver API. libcuda.so.1 is opened on first use, so this library
// builds, links and loads on machines with no GPU and no driver: there every
// entry point reports the problem once on stderr and returns null / does
// nothing, and cwmCudaStatus() says why.
//
// No MLIR, LLVM or CUDA header: the few driver types and constants are
// declared here (values from CUDA 13's cuda.h). Module-load constructors of
// generated code run before ordinary static constructors, so all state is
// created lazily inside functions.
//
//===----------------------------------------------------------------------===//

#include "cwm/Runtime/CudaRuntime.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

// Driver API types and constants (stable C ABI).
using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = void *;
using CUmodule = void *;
using CUfunction = void *;
using CUstream = void *;
using CUevent = void *;
constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_DEINITIALIZED = 4;
constexpr unsigned CU_STREAM_NON_BLOCKING = 0x1;
constexpr unsigned CU_EVENT_DEFAULT = 0x0;
constexpr unsigned CU_EVENT_DISABLE_TIMING = 0x2;
constexpr unsigned CU_MEM_ATTACH_GLOBAL = 0x1;
constexpr int CU_JIT_ERROR_LOG_BUFFER = 5;
constexpr int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
constexpr int CU_JIT_OPTIMIZATION_LEVEL = 7;
constexpr int CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8;

/// The driver entry points, resolved once.
struct Driver {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuGetErrorName)(CUresult, const char **);
  CUresult (*cuModuleLoadData)(CUmodule *, const void *);
  CUresult (*cuModuleLoadDataEx)(CUmodule *, const void *, unsigned, int *,
                                 void **);
  CUresult (*cuModuleUnload)(CUmodule);
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*cuFuncSetAttribute)(CUfunction, int, int);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, unsigned, CUstream,
                             void **, void **);
  CUresult (*cuStreamCreate)(CUstream *, unsigned);
  CUresult (*cuStreamSynchronize)(CUstream);
  CUresult (*cuStreamDestroy)(CUstream);
  CUresult (*cuStreamWaitEvent)(CUstream, CUevent, unsigned);
  CUresult (*cuEventCreate)(CUevent *, unsigned);
  CUresult (*cuEventRecord)(CUevent, CUstream);
  CUresult (*cuEventSynchronize)(CUevent);
  CUresult (*cuEventDestroy)(CUevent);
  CUresult (*cuEventElapsedTime)(float *, CUevent, CUevent);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemAllocManaged)(CUdeviceptr *, size_t, unsigned);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemcpyAsync)(CUdeviceptr, CUdeviceptr, size_t, CUstream);
  CUresult (*cuMemsetD32Async)(CUdeviceptr, unsigned, size_t, CUstream);
  CUresult (*cuMemsetD16Async)(CUdeviceptr, unsigned short, size_t, CUstream);
  CUresult (*cuCtxSynchronize)();
  CUresult (*cuDeviceGetName)(char *, int, CUdevice);
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  /// Optional (drivers of CUDA 12 and later): Hopper's TMA descriptors.
  CUresult (*cuTensorMapEncodeTiled)(void *, int, unsigned, void *,
                                     const uint64_t *, const uint64_t *,
                                     const unsigned *, const unsigned *, int,
                                     int, int, int) = nullptr;

  CUcontext context = nullptr;
  CUdevice device = 0;
  int deviceIndex = 0;
  std::string status; ///< empty when ready
};

/// The device gpu.set_default_device asked for before the driver was opened
/// (-1: none; then $CWM_CUDA_DEVICE, else 0).
std::atomic<int> &requestedDevice() {
  static std::atomic<int> device{-1};
  return device;
}

/// Set once the driver has been probed (successfully or not).
std::atomic<bool> &driverProbed() {
  static std::atomic<bool> probed{false};
  return probed;
}

/// The one driver state (function-local: constructed on first use).
Driver &driverState() {
  static Driver state;
  return state;
}

/// Opens libcuda, resolves every symbol and retains the primary context of
/// device $CWM_CUDA_DEVICE (default 0), once. Returns null (and fills the
/// status) if anything fails.
Driver *driver() {
  static Driver *ready = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    Driver &state = driverState();
    const char *path = std::getenv("CWM_LIBCUDA");
    void *handle = dlopen(path ? path : "libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      state.status = std::string("cannot load the CUDA driver (") +
                     (path ? path : "libcuda.so.1") + "): " + dlerror();
      return;
    }
    bool ok = true;
    auto resolve = [&](auto &field, const char *name) {
      void *symbol = dlsym(handle, name);
      if (!symbol) {
        ok = false;
        state.status = std::string("the CUDA driver lacks ") + name;
      }
      std::memcpy(&field, &symbol, sizeof(symbol));
    };
    resolve(state.cuInit, "cuInit");
    resolve(state.cuDeviceGet, "cuDeviceGet");
    resolve(state.cuDeviceGetCount, "cuDeviceGetCount");
    resolve(state.cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
    resolve(state.cuCtxSetCurrent, "cuCtxSetCurrent");
    resolve(state.cuGetErrorName, "cuGetErrorName");
    resolve(state.cuModuleLoadData, "cuModuleLoadData");
    resolve(state.cuModuleLoadDataEx, "cuModuleLoadDataEx");
    resolve(state.cuModuleUnload, "cuModuleUnload");
    resolve(state.cuModuleGetFunction, "cuModuleGetFunction");
    resolve(state.cuFuncSetAttribute, "cuFuncSetAttribute");
    resolve(state.cuLaunchKernel, "cuLaunchKernel");
    resolve(state.cuStreamCreate, "cuStreamCreate");
    resolve(state.cuStreamSynchronize, "cuStreamSynchronize");
    resolve(state.cuStreamDestroy, "cuStreamDestroy_v2");
    resolve(state.cuStreamWaitEvent, "cuStreamWaitEvent");
    resolve(state.cuEventCreate, "cuEventCreate");
    resolve(state.cuEventRecord, "cuEventRecord");
    resolve(state.cuEventSynchronize, "cuEventSynchronize");
    resolve(state.cuEventDestroy, "cuEventDestroy_v2");
    resolve(state.cuEventElapsedTime, "cuEventElapsedTime");
    resolve(state.cuMemAlloc, "cuMemAlloc_v2");
    resolve(state.cuMemAllocManaged, "cuMemAllocManaged");
    resolve(state.cuMemFree, "cuMemFree_v2");
    resolve(state.cuMemcpyAsync, "cuMemcpyAsync");
    resolve(state.cuMemsetD32Async, "cuMemsetD32Async");
    resolve(state.cuMemsetD16Async, "cuMemsetD16Async");
    resolve(state.cuCtxSynchronize, "cuCtxSynchronize");
    resolve(state.cuDeviceGetName, "cuDeviceGetName");
    resolve(state.cuDeviceGetAttribute, "cuDeviceGetAttribute");
    resolve(state.cuMemcpyHtoD, "cuMemcpyHtoD_v2");
    if (!ok)
      return;
    if (void *symbol = dlsym(handle, "cuTensorMapEncodeTiled"))
      std::memcpy(&state.cuTensorMapEncodeTiled, &symbol, sizeof(symbol));
    CUdevice device = 0;
    int count = 0;
    if (state.cuInit(0) != CUDA_SUCCESS ||
        state.cuDeviceGetCount(&count) != CUDA_SUCCESS || count == 0) {
      state.status = "no CUDA device is available";
      return;
    }
    const char *chosen = std::getenv("CWM_CUDA_DEVICE");
    int index = requestedDevice() >= 0 ? requestedDevice().load()
                : chosen              ? std::atoi(chosen)
                                      : 0;
    if (index < 0 || index >= count ||
        state.cuDeviceGet(&device, index) != CUDA_SUCCESS ||
        state.cuDevicePrimaryCtxRetain(&state.context, device) !=
            CUDA_SUCCESS) {
      state.status = "cannot open CUDA device " + std::to_string(index);
      return;
    }
    state.device = device;
    state.deviceIndex = index;
    ready = &state;
  });
  driverProbed() = true;
  if (ready)
    ready->cuCtxSetCurrent(ready->context); // cheap; per calling thread
  return ready;
}

/// The driver, or null after one report of why it is unusable.
Driver *use(const char *function) {
  Driver *d = driver();
  if (!d) {
    static std::once_flag reported;
    std::call_once(reported, [&] {
      std::fprintf(stderr, "cwm cuda runtime: %s: %s\n", function,
                   cwmCudaStatus());
    });
  }
  return d;
}

/// Kernel timing (cwmCudaKernelTiming): a pair of timed events around every
/// launch, resolved when the stream is synchronized.
struct KernelTimer {
  bool enabled = false;
  std::mutex mutex;
  std::vector<std::pair<CUevent, CUevent>> pending;
  std::vector<CUevent> pool;
  double seconds = 0;
  int64_t launches = 0;
};

KernelTimer &kernelTimer() {
  static KernelTimer timer;
  return timer;
}

/// Reports a failed driver call; true if it succeeded.
bool check(Driver *d, CUresult result, const char *what) {
  if (result == CUDA_SUCCESS)
    return true;
  const char *name = "unknown error";
  if (d && d->cuGetErrorName)
    d->cuGetErrorName(result, &name);
  std::fprintf(stderr, "cwm cuda runtime: %s failed: %s\n", what, name);
  return false;
}

} // namespace

/// Device memory that generated code frees is kept for reuse: a compiled
/// model allocates its intermediate buffers on every call, and cuMemAlloc /
/// cuMemFree (which synchronizes the device) cost more than small kernels.
/// Blocks are reused for requests of exactly their (rounded) size, as a
/// model repeats the same sizes call after call. CWM_CUDA_NO_CACHE=1 turns
/// it off.
class DeviceMemoryCache {
public:
  static uint64_t roundUp(uint64_t size) { return (size + 511) / 512 * 512; }
  void *take(uint64_t size) {
    if (!on)
      return nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = idle.find(size);
    if (it == idle.end())
      return nullptr;
    void *memory = it->second;
    idle.erase(it);
    return memory;
  }
  void track(void *memory, uint64_t size) {
    if (!on)
      return;
    std::lock_guard<std::mutex> lock(mutex);
    sizes.emplace(memory, size);
  }
  /// True if `memory` is a cached block, now idle.
  bool give(void *memory) {
    if (!on)
      return false;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = sizes.find(memory);
    if (it == sizes.end())
      return false;
    idle.emplace(it->second, memory);
    return true;
  }

private:
  bool on = std::getenv("CWM_CUDA_NO_CACHE") == nullptr ||
            std::string(std::getenv("CWM_CUDA_NO_CACHE")) == "0";
  std::mutex mutex;
  std::unordered_map<void *, uint64_t> sizes;
  std::unordered_multimap<uint64_t, void *> idle;
};

static DeviceMemoryCache &deviceMemoryCache() {
  static DeviceMemoryCache *cache = new DeviceMemoryCache(); // never destroyed
  return *cache;
}

/// Deferred execution (cwmCudaDeferSynchronization): generated host code
/// creates a stream for every launch, launches, synchronizes and destroys
/// it, which costs tens of microseconds per kernel. A compiled model's caller
/// turns this on: every "new" stream is then one shared in-order stream,
/// synchronizing it is left to the caller (cwmCudaSynchronize after the
/// model's call), and buffers freed meanwhile are reused only by later work
/// on the same stream. Kernel lookups are cached in every mode.
struct DeferredExecution {
  std::atomic<bool> enabled{false};
  CUstream stream = nullptr;
  std::mutex mutex;
  std::map<std::pair<void *, std::string>, CUfunction> functions;
};

static DeferredExecution &deferredExecution() {
  static DeferredExecution *state = new DeferredExecution(); // never destroyed
  return *state;
}

extern "C" {

const char *cwmCudaStatus() {
  return driver() ? "ready" : driverState().status.c_str();
}

void *mgpuModuleLoad(void *data, size_t /*size*/) {
  Driver *d = use("mgpuModuleLoad");
  CUmodule module = nullptr;
  if (d && !check(d, d->cuModuleLoadData(&module, data), "cuModuleLoadData"))
    module = nullptr;
  return module;
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  Driver *d = use("mgpuModuleLoadJIT");
  if (!d)
    return nullptr;
  char log[4096] = {0};
  int options[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                   CU_JIT_OPTIMIZATION_LEVEL};
  void *values[] = {log, reinterpret_cast<void *>(sizeof(log)),
                    reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  CUmodule module = nullptr;
  if (!check(d, d->cuModuleLoadDataEx(&module, data, 3, options, values),
             "cuModuleLoadDataEx (PTX JIT)")) {
    if (log[0])
      std::fprintf(stderr, "cwm cuda runtime: JIT log: %s\n", log);
    return nullptr;
  }
  return module;
}

void mgpuModuleUnload(void *module) {
  Driver *d = driver();
  if (!d || !module)
    return;
  {
    // A module loaded later at the same address must not find these.
    DeferredExecution &deferred = deferredExecution();
    std::lock_guard<std::mutex> lock(deferred.mutex);
    auto first = deferred.functions.lower_bound({module, std::string()});
    auto last = first;
    while (last != deferred.functions.end() && last->first.first == module)
      ++last;
    deferred.functions.erase(first, last);
  }
  // Generated code unloads from a global destructor, which can run after
  // the driver has shut down at process exit: nothing left to free then.
  CUresult result = d->cuModuleUnload(module);
  if (result != CUDA_ERROR_DEINITIALIZED)
    check(d, result, "cuModuleUnload");
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  Driver *d = use("mgpuModuleGetFunction");
  if (!d || !module)
    return nullptr;
  // Generated code looks the kernel up before every launch: cache it.
  DeferredExecution &deferred = deferredExecution();
  std::lock_guard<std::mutex> lock(deferred.mutex);
  auto key = std::make_pair(module, std::string(name));
  auto it = deferred.functions.find(key);
  if (it != deferred.functions.end())
    return it->second;
  CUfunction function = nullptr;
  if (!check(d, d->cuModuleGetFunction(&function, module, name),
             "cuModuleGetFunction"))
    return nullptr;
  deferred.functions.emplace(key, function);
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  Driver *d = use("mgpuLaunchKernel");
  if (!d || !function)
    return;
  if (smem > 0)
    check(d,
          d->cuFuncSetAttribute(function,
                                CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                                smem),
          "cuFuncSetAttribute (dynamic shared memory)");
  KernelTimer &timer = kernelTimer();
  CUevent start = nullptr, stop = nullptr;
  if (timer.enabled) {
    std::lock_guard<std::mutex> lock(timer.mutex);
    for (CUevent *event : {&start, &stop}) {
      if (!timer.pool.empty()) {
        *event = timer.pool.back();
        timer.pool.pop_back();
      } else if (!check(d, d->cuEventCreate(event, CU_EVENT_DEFAULT),
                        "cuEventCreate (kernel timer)")) {
        *event = nullptr;
      }
    }
    if (start && stop)
      d->cuEventRecord(start, stream);
  }
  check(d,
        d->cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY,
                          blockZ, smem, stream, params, extra),
        "cuLaunchKernel");
  if (timer.enabled && start && stop) {
    d->cuEventRecord(stop, stream);
    std::lock_guard<std::mutex> lock(timer.mutex);
    timer.pending.push_back({start, stop});
  }
}

/// Adds the device time of every finished timed launch to the total.
static void collectKernelTimes(Driver *d) {
  KernelTimer &timer = kernelTimer();
  std::lock_guard<std::mutex> lock(timer.mutex);
  for (auto [start, stop] : timer.pending) {
    float milliseconds = 0;
    if (d->cuEventSynchronize(stop) == CUDA_SUCCESS &&
        d->cuEventElapsedTime(&milliseconds, start, stop) == CUDA_SUCCESS) {
      timer.seconds += milliseconds / 1e3;
      ++timer.launches;
    }
    timer.pool.push_back(start);
    timer.pool.push_back(stop);
  }
  timer.pending.clear();
}

void *mgpuStreamCreate() {
  Driver *d = use("mgpuStreamCreate");
  DeferredExecution &deferred = deferredExecution();
  if (d && deferred.enabled) {
    std::lock_guard<std::mutex> lock(deferred.mutex);
    if (!deferred.stream &&
        !check(d, d->cuStreamCreate(&deferred.stream, CU_STREAM_NON_BLOCKING),
               "cuStreamCreate"))
      deferred.stream = nullptr;
    return deferred.stream;
  }
  CUstream stream = nullptr;
  if (d && !check(d, d->cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING),
                  "cuStreamCreate"))
    stream = nullptr;
  return stream;
}

void mgpuStreamSynchronize(void *stream) {
  DeferredExecution &deferred = deferredExecution();
  if (deferred.enabled && stream && stream == deferred.stream)
    return; // cwmCudaSynchronize waits for it
  if (Driver *d = driver()) {
    check(d, d->cuStreamSynchronize(stream), "cuStreamSynchronize");
    if (kernelTimer().enabled)
      collectKernelTimes(d);
  }
}

void mgpuStreamDestroy(void *stream) {
  Driver *d = driver();
  if (stream && stream == deferredExecution().stream)
    return; // shared, kept for the process
  if (d && stream)
    check(d, d->cuStreamDestroy(stream), "cuStreamDestroy");
}

void cwmCudaDeferSynchronization(int enable) {
  deferredExecution().enabled = enable != 0;
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  if (Driver *d = driver())
    check(d, d->cuStreamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

void *mgpuEventCreate() {
  Driver *d = use("mgpuEventCreate");
  CUevent event = nullptr;
  if (d && !check(d, d->cuEventCreate(&event, CU_EVENT_DISABLE_TIMING),
                  "cuEventCreate"))
    event = nullptr;
  return event;
}

void mgpuEventRecord(void *event, void *stream) {
  if (Driver *d = driver())
    check(d, d->cuEventRecord(event, stream), "cuEventRecord");
}

void mgpuEventSynchronize(void *event) {
  if (Driver *d = driver())
    check(d, d->cuEventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventDestroy(void *event) {
  Driver *d = driver();
  if (d && event)
    check(d, d->cuEventDestroy(event), "cuEventDestroy");
}

// MLIR passes the i8 flag without zero-extension: take 32 bits and mask.
void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, uint32_t isHostShared) {
  Driver *d = use("mgpuMemAlloc");
  if (!d || sizeBytes == 0)
    return nullptr;
  if (isHostShared & 0xFF) {
    CUdeviceptr pointer = 0;
    bool ok = check(d,
                    d->cuMemAllocManaged(&pointer, sizeBytes,
                                         CU_MEM_ATTACH_GLOBAL),
                    "cuMemAllocManaged");
    return ok ? reinterpret_cast<void *>(pointer) : nullptr;
  }
  DeviceMemoryCache &cache = deviceMemoryCache();
  uint64_t size = DeviceMemoryCache::roundUp(sizeBytes);
  if (void *reused = cache.take(size))
    return reused;
  CUdeviceptr pointer = 0;
  if (!check(d, d->cuMemAlloc(&pointer, size), "cuMemAlloc"))
    return nullptr;
  void *memory = reinterpret_cast<void *>(pointer);
  cache.track(memory, size);
  return memory;
}

void mgpuMemFree(void *pointer, void * /*stream*/) {
  Driver *d = driver();
  if (!d || !pointer)
    return;
  // Cached device allocations are kept for the next allocation of their
  // size (generated code frees only after synchronizing the work that used
  // them); managed memory and uncached blocks go back to the driver.
  if (deviceMemoryCache().give(pointer))
    return;
  check(d, d->cuMemFree(reinterpret_cast<CUdeviceptr>(pointer)), "cuMemFree");
}

void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream) {
  if (Driver *d = use("mgpuMemcpy"))
    check(d,
          d->cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                           reinterpret_cast<CUdeviceptr>(src), sizeBytes,
                           stream),
          "cuMemcpyAsync");
}

void mgpuMemset32(void *dst, uint32_t value, size_t count, void *stream) {
  if (Driver *d = use("mgpuMemset32"))
    check(d,
          d->cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                              stream),
          "cuMemsetD32Async");
}

// The i16 value arrives without extension: take 32 bits and mask.
void mgpuMemset16(void *dst, uint32_t value, size_t count, void *stream) {
  if (Driver *d = use("mgpuMemset16"))
    check(d,
          d->cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst),
                              static_cast<unsigned short>(value & 0xFFFF),
                              count, stream),
          "cuMemsetD16Async");
}

/// A TMA descriptor (CUtensorMap, 128 bytes) of a strided memref, in device
/// memory (kernels read it through a pointer). MLIR's nvgpu lowering passes
/// the memref's descriptor and the map's enums; sizes, strides and the box
/// come outermost first and the driver wants them innermost first. Maps are
/// cached by everything they encode: a task calls this on every run, and
/// encoding and copying a map costs a synchronous copy.
void *mgpuTensorMapEncodeTiledMemref(int64_t rank, void *rankedDescriptor,
                                     int64_t dataType, int64_t interleave,
                                     int64_t swizzle, int64_t l2Promotion,
                                     int64_t oobFill, int64_t *boxDims) {
  Driver *d = use("mgpuTensorMapEncodeTiledMemref");
  if (!d)
    return nullptr;
  auto fail = [](const std::string &why) -> void * {
    std::fprintf(stderr, "cwm cuda runtime: TMA descriptor: %s\n", why.c_str());
    std::abort(); // a kernel given no descriptor would fault later, unexplained
  };
  if (!d->cuTensorMapEncodeTiled)
    return fail("the CUDA driver has no cuTensorMapEncodeTiled (CUDA 12 or "
                "newer needed)");
  // CU_TENSOR_MAP_DATA_TYPE_*: element sizes in bytes.
  static const int64_t elementBytes[] = {1, 2, 4, 4, 8, 8, 2, 4, 8, 2, 4, 4, 4};
  if (rank < 1 || rank > 5 || dataType < 0 || dataType > 12)
    return fail("rank " + std::to_string(rank) + " or data type " +
                std::to_string(dataType) + " is not supported");
  int64_t element = elementBytes[dataType];
  // {allocated, aligned, offset, sizes[rank], strides[rank]}
  auto *fields = static_cast<int64_t *>(rankedDescriptor);
  char *aligned = reinterpret_cast<char *>(fields[1]);
  int64_t offset = fields[2];
  const int64_t *sizes = fields + 3;
  const int64_t *strides = fields + 3 + rank;
  char *base = aligned + offset * element;
  uint64_t globalDim[5], globalStrides[4];
  unsigned box[5], elementStrides[5];
  for (int64_t i = 0; i < rank; ++i) {
    int64_t outer = rank - 1 - i;
    globalDim[i] = uint64_t(sizes[outer]);
    box[i] = unsigned(boxDims[outer]);
    elementStrides[i] = 1;
    if (i > 0)
      globalStrides[i - 1] = uint64_t(strides[outer] * element);
  }
  if (strides[rank - 1] != 1)
    return fail("the innermost dimension is not contiguous");
  if (reinterpret_cast<uintptr_t>(base) % 16 != 0)
    return fail("the base address is not 16-byte aligned");
  for (int64_t i = 0; i + 1 < rank; ++i)
    if (globalStrides[i] % 16 != 0)
      return fail("a stride of " + std::to_string(globalStrides[i]) +
                  " bytes is not a multiple of 16");

  std::vector<int64_t> key = {reinterpret_cast<int64_t>(base), rank, dataType,
                              interleave, swizzle, l2Promotion, oobFill};
  for (int64_t i = 0; i < rank; ++i) {
    key.push_back(int64_t(globalDim[i]));
    key.push_back(int64_t(box[i]));
    key.push_back(i + 1 < rank ? int64_t(globalStrides[i]) : 0);
  }
  static std::mutex mutex;
  static auto *cache = new std::map<std::vector<int64_t>, void *>(); // kept
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache->find(key); it != cache->end())
    return it->second;

  alignas(64) unsigned char map[128] = {};
  if (!check(d,
             d->cuTensorMapEncodeTiled(
                 map, int(dataType), unsigned(rank), base, globalDim,
                 globalStrides, box, elementStrides, int(interleave),
                 int(swizzle), int(l2Promotion), int(oobFill)),
             "cuTensorMapEncodeTiled"))
    return fail("the driver refused the map (box, swizzle or alignment)");
  CUdeviceptr device = 0;
  if (!check(d, d->cuMemAlloc(&device, sizeof(map)), "cuMemAlloc") ||
      !check(d, d->cuMemcpyHtoD(device, map, sizeof(map)), "cuMemcpyHtoD"))
    return fail("cannot copy the map to the device");
  void *pointer = reinterpret_cast<void *>(device);
  cache->emplace(std::move(key), pointer);
  return pointer;
}

void mgpuSetDefaultDevice(int32_t device) {
  // The device is fixed when the driver is first opened (one retained
  // primary context); a later request for another device is reported.
  if (!driverProbed()) {
    requestedDevice() = device; // used when the driver is opened
    return;
  }
  Driver *d = driver();
  if (d && d->deviceIndex != device)
    std::fprintf(stderr,
                 "cwm cuda runtime: mgpuSetDefaultDevice(%d) after device %d "
                 "was opened: ignored\n",
                 device, d->deviceIndex);
}

// Timing helpers for cwm's runner (timed events; the mgpu* events are not).
void *cwmCudaTimerEvent() {
  Driver *d = use("cwmCudaTimerEvent");
  CUevent event = nullptr;
  if (d && !check(d, d->cuEventCreate(&event, CU_EVENT_DEFAULT),
                  "cuEventCreate (timed)"))
    event = nullptr;
  return event;
}

double cwmCudaElapsedSeconds(void *start, void *stop) {
  Driver *d = driver();
  float milliseconds = 0;
  if (!d || !start || !stop ||
      !check(d, d->cuEventSynchronize(stop), "cuEventSynchronize") ||
      !check(d, d->cuEventElapsedTime(&milliseconds, start, stop),
             "cuEventElapsedTime"))
    return -1;
  return milliseconds / 1e3;
}

int cwmCudaSynchronize() {
  Driver *d = use("cwmCudaSynchronize");
  if (!d || !check(d, d->cuCtxSynchronize(), "cuCtxSynchronize"))
    return 1;
  if (kernelTimer().enabled)
    collectKernelTimes(d);
  return 0;
}

int cwmCudaDescribe(CwmCudaDevice *out) {
  Driver *d = use("cwmCudaDescribe");
  if (!d || !out)
    return 1;
  std::memset(out, 0, sizeof(*out));
  d->cuDeviceGetName(out->name, sizeof(out->name) - 1, d->device);
  auto attribute = [&](int id) {
    int value = 0;
    d->cuDeviceGetAttribute(&value, id, d->device);
    return value;
  };
  out->computeMajor = attribute(75);
  out->computeMinor = attribute(76);
  out->multiprocessors = attribute(16);
  out->maxThreadsPerBlock = attribute(1);
  out->sharedBytesPerBlockOptin = attribute(97);
  out->registersPerBlock = attribute(12);
  out->l2Bytes = attribute(38);
  out->clockKHz = attribute(13);
  out->memoryClockKHz = attribute(36);
  out->memoryBusBits = attribute(37);
  return 0;
}

void cwmCudaKernelTiming(int enable) { kernelTimer().enabled = enable != 0; }

double cwmCudaTakeKernelSeconds(int64_t *launches) {
  if (Driver *d = driver())
    collectKernelTimes(d);
  KernelTimer &timer = kernelTimer();
  std::lock_guard<std::mutex> lock(timer.mutex);
  double seconds = timer.seconds;
  if (launches)
    *launches = timer.launches;
  timer.seconds = 0;
  timer.launches = 0;
  return seconds;
}

} // extern "C"
