//===- cwm-run.cpp - Measure built GPU candidates on this machine's GPU ---===//
//
// The GPU half of "compile here, run there". It has no MLIR, LLVM or LibTorch
// dependency: it links only cwm's runtime libraries, so it can be carried to
// any machine with an NVIDIA driver. For each candidate of a manifest, in its
// own child process (a GPU fault, a crash or a hang costs that candidate
// only), it:
//  - loads the candidate's shared object (whose constructor JIT-loads the
//    kernels through libcwm_cuda_runtime.so);
//  - fills the inputs from the candidate's seed exactly as cwm-worker does
//    on the build machine, copies them to the device and poisons the outputs;
//  - runs `_mlir_ciface_task` once, copies the outputs back and compares them
//    with the reference outputs computed on the build machine;
//  - times repeated calls (warm-up, repeats up to a minimum time): the
//    median device time of the kernels per call (timed events around each
//    launch) and, beside it, the host time per call.
//
//   cwm-run MANIFEST -o RESULTS.jsonl [--min-time=S] [--timeout=S]
//           [--tolerance=T] [--devices=0,1,...] [--cpu] [--cpu-sets=0-1/2-3]
//
// With --cpu the candidates are CPU shared objects (cwm-worker build-cpu):
// host buffers, no CUDA, timed one at a time with the host clock. With
// --cpu-sets=0-1/2-3/... each set of cores measures one candidate at a time
// (its child pinned to those cores, OMP_NUM_THREADS their number): several
// candidates at once on a large quiet machine. A libomp.so.5 in the lib/
// folder beside bin/ is loaded first, for machines without LLVM's OpenMP.
//
// Every visible GPU (or those of --devices) measures a candidate at the same
// time, one child process per candidate.
//
// Manifest: one candidate per line, '#' starts a comment:
//   candidate ID SHARED_OBJECT SEED REFERENCE|- [tolerance=T] ARG...
// with ARG = in:TYPE:SHAPE or out:TYPE:SHAPE (TYPE f32, f16, ...; SHAPE
// d0xd1x...), in the order of the entry point's arguments (inputs, then the
// outputs as out-params). Relative paths are relative to the manifest.
// REFERENCE@N names a sampled reference: every N-th element of each output
// (large outputs; the exporter picks a prime N). tolerance=T gives the
// candidate its own tolerance (a schedule on tf32 tensor cores); timeout=S,
// min-time=S and flush-cache carry the tuner's options (over the command
// line's).
// Results: one JSON object per candidate and line.
//
//===----------------------------------------------------------------------===//

#include "cwm/Runtime/CudaRuntime.h"
#include "cwm/Runtime/HostBuffer.h"
#include "cwm/Runtime/HostCpu.h"
#include "cwm/Runtime/Timing.h"
#include "cwm/Version.inc"

#include <dirent.h>
#include <dlfcn.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace cwm;

namespace {

struct Argument {
  bool output = false;
  ElementType type = ElementType::F32;
  std::vector<int64_t> shape;
};

struct Candidate {
  std::string id, library, reference;
  int64_t referenceStride = 1; ///< the reference holds every n-th element
  double tolerance = 0;        ///< this candidate's own (0: --tolerance)
  /// The tuner's timing options, when the manifest carries them (0 / false:
  /// the command line's).
  double timeout = 0, minTime = 0;
  bool flushCache = false;
  uint64_t seed = 0;
  std::vector<Argument> arguments;
  int line = 0;
};

struct Options {
  std::string manifest, output;
  double minTime = 0.2, timeout = 60, tolerance = 1e-4;
  std::vector<int> devices; ///< empty = every GPU found
  /// CPU candidates (cwm-worker build-cpu), measured one at a time on the
  /// host; no CUDA.
  bool cpu = false;
  /// --cpu-sets: the cores of each CPU measuring slot (empty: one slot, the
  /// process's own cores and OMP_NUM_THREADS).
  std::vector<std::vector<int>> cpuSets;
};

std::string jsonString(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buffer[8];
        std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
        out += buffer;
      } else {
        out += c;
      }
    }
  }
  return out + "\"";
}

bool parseArgument(const std::string &text, Argument &argument) {
  size_t first = text.find(':'), second = text.find(':', first + 1);
  if (first == std::string::npos || second == std::string::npos)
    return false;
  std::string role = text.substr(0, first);
  if (role != "in" && role != "out")
    return false;
  argument.output = role == "out";
  if (!parseElementType(text.substr(first + 1, second - first - 1),
                        argument.type))
    return false;
  std::stringstream dims(text.substr(second + 1));
  std::string dim;
  while (std::getline(dims, dim, 'x')) {
    char *end = nullptr;
    long long value = std::strtoll(dim.c_str(), &end, 10);
    if (dim.empty() || *end || value <= 0)
      return false;
    argument.shape.push_back(value);
  }
  return !argument.shape.empty();
}

/// Parses the manifest; an error names the line.
bool readManifest(const std::string &path, std::vector<Candidate> &candidates,
                  std::string &error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read manifest '" + path + "'";
    return false;
  }
  size_t slash = path.find_last_of('/');
  std::string directory =
      slash == std::string::npos ? "./" : path.substr(0, slash + 1);
  auto resolve = [&](const std::string &file) {
    return file.empty() || file[0] == '/' || file == "-" ? file
                                                         : directory + file;
  };
  std::string text;
  int line = 0;
  while (std::getline(in, text)) {
    ++line;
    text = text.substr(0, text.find('#'));
    std::stringstream words(text);
    std::string keyword;
    if (!(words >> keyword))
      continue;
    Candidate candidate;
    candidate.line = line;
    std::string seed;
    if (keyword != "candidate" ||
        !(words >> candidate.id >> candidate.library >> seed >>
          candidate.reference)) {
      error = path + ":" + std::to_string(line) +
              ": expected 'candidate ID SHARED_OBJECT SEED REFERENCE ARG...'";
      return false;
    }
    candidate.seed = std::strtoull(seed.c_str(), nullptr, 10);
    candidate.library = resolve(candidate.library);
    // REFERENCE@STRIDE: the file holds every stride-th output element.
    size_t at = candidate.reference.rfind('@');
    if (at != std::string::npos) {
      candidate.referenceStride =
          std::strtoll(candidate.reference.c_str() + at + 1, nullptr, 10);
      candidate.reference.resize(at);
      if (candidate.referenceStride < 1) {
        error = path + ":" + std::to_string(line) +
                ": bad reference stride (expected REFERENCE@N with N >= 1)";
        return false;
      }
    }
    candidate.reference = resolve(candidate.reference);
    std::string word;
    while (words >> word) {
      // timeout=S, min-time=S, flush-cache: the tuner's options for it.
      auto seconds = [&](const char *prefix, double &field) {
        size_t length = std::strlen(prefix);
        if (word.compare(0, length, prefix) != 0)
          return false;
        char *end = nullptr;
        field = std::strtod(word.c_str() + length, &end);
        if (!end || *end || !(field > 0)) {
          error = path + ":" + std::to_string(line) + ": bad '" + word +
                  "' (expected a positive number of seconds)";
          field = -1;
        }
        return true;
      };
      if (seconds("timeout=", candidate.timeout) ||
          seconds("min-time=", candidate.minTime)) {
        if (candidate.timeout < 0 || candidate.minTime < 0)
          return false;
        continue;
      }
      if (word == "flush-cache") {
        candidate.flushCache = true;
        continue;
      }
      // tolerance=T: the candidate's own tolerance (tf32 tensor cores).
      if (word.rfind("tolerance=", 0) == 0) {
        char *end = nullptr;
        candidate.tolerance = std::strtod(word.c_str() + 10, &end);
        if (!end || *end || !(candidate.tolerance > 0)) {
          error = path + ":" + std::to_string(line) + ": bad tolerance '" +
                  word + "' (expected tolerance=T with T > 0)";
          return false;
        }
        continue;
      }
      Argument argument;
      if (!parseArgument(word, argument)) {
        error = path + ":" + std::to_string(line) + ": bad argument '" + word +
                "' (expected in:TYPE:SHAPE or out:TYPE:SHAPE)";
        return false;
      }
      candidate.arguments.push_back(std::move(argument));
    }
    if (candidate.arguments.empty()) {
      error = path + ":" + std::to_string(line) + ": no arguments";
      return false;
    }
    candidates.push_back(std::move(candidate));
  }
  return true;
}

/// A rank-r memref descriptor holding a device pointer.
std::vector<int64_t> deviceDescriptor(void *pointer,
                                      const std::vector<int64_t> &shape) {
  std::vector<int64_t> descriptor;
  descriptor.push_back(reinterpret_cast<int64_t>(pointer));
  descriptor.push_back(reinterpret_cast<int64_t>(pointer));
  descriptor.push_back(0);
  for (int64_t size : shape)
    descriptor.push_back(size);
  int64_t stride = 1;
  std::vector<int64_t> strides(shape.size());
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  descriptor.insert(descriptor.end(), strides.begin(), strides.end());
  return descriptor;
}

/// `"hardware_info": {...}` of the device in use (the fields of the
/// database's HardwareInfo), and its name as `"hardware"`.
std::string hardwareInfo() {
  CwmCudaDevice info;
  if (cwmCudaDescribe(&info) != 0)
    return "\"hardware\": \"cuda\"";
  char text[768];
  // Bandwidth: DDR (2 transfers per clock) x bus width.
  double bandwidth = 2.0 * info.memoryClockKHz * 1e3 * info.memoryBusBits / 8 / 1e9;
  std::snprintf(text, sizeof(text),
                "\"hardware\": %s, \"hardware_info\": {\"target\": \"cuda\", "
                "\"model\": %s, \"sms\": %d, \"max_threads_per_block\": %d, "
                "\"shared_bytes_per_block\": %d, \"registers_per_block\": %d, "
                "\"l2_bytes\": %d, \"ghz\": %.3f, \"bandwidth_gbs\": %.1f, "
                "\"compute_capability\": \"%d.%d\"}",
                jsonString(info.name).c_str(), jsonString(info.name).c_str(),
                info.multiprocessors, info.maxThreadsPerBlock,
                info.sharedBytesPerBlockOptin, info.registersPerBlock,
                info.l2Bytes, info.clockKHz / 1e6, bandwidth, info.computeMajor,
                info.computeMinor);
  return text;
}

/// The result fields of a failure of kind `status`.
std::string failure(const std::string &status, const std::string &message) {
  return "\"status\": " + jsonString(status) +
         ", \"message\": " + jsonString(message);
}

/// The result fields of a failed check of `host`'s outputs against the
/// candidate's reference (empty if they match); `worst` gets the largest
/// relative error.
std::string checkOutputs(const Candidate &candidate, const Options &options,
                         const std::vector<std::unique_ptr<HostBuffer>> &host,
                         double &worst) {
  worst = 0;
  if (candidate.reference == "-")
    return "";
  std::ifstream reference(candidate.reference, std::ios::binary);
  if (!reference)
    return failure("runner_error",
                   "cannot read reference '" + candidate.reference + "'");
  for (size_t i = 0; i < candidate.arguments.size(); ++i) {
    if (!candidate.arguments[i].output)
      continue;
    HostBuffer &actual = *host[i];
    int64_t stride = candidate.referenceStride;
    int64_t samples = (actual.getNumElements() + stride - 1) / stride;
    std::vector<int64_t> shape = candidate.arguments[i].shape;
    if (stride > 1)
      shape = {samples};
    HostBuffer expected(candidate.arguments[i].type, shape);
    reference.read(static_cast<char *>(expected.data()),
                   expected.getSizeInBytes());
    if (!reference)
      return failure("runner_error", "reference file is too short");
    if (stride == 1) {
      worst = std::max(worst, relativeError(actual, expected));
      continue;
    }
    HostBuffer sampled(candidate.arguments[i].type, shape);
    size_t width = elementSize(candidate.arguments[i].type);
    for (int64_t k = 0; k < samples; ++k)
      std::memcpy(static_cast<char *>(sampled.data()) + k * width,
                  static_cast<const char *>(actual.data()) + k * stride * width,
                  width);
    worst = std::max(worst, relativeError(sampled, expected));
  }
  double tolerance =
      candidate.tolerance > 0 ? candidate.tolerance : options.tolerance;
  if (worst <= tolerance)
    return "";
  char message[128];
  std::snprintf(message, sizeof(message),
                "outputs differ from the reference: relative error %g > "
                "tolerance %g",
                worst, tolerance);
  // JSON has no infinity: null marks outputs that are not finite.
  return failure("wrong_result", message) + ", \"max_rel_error\": " +
         (std::isfinite(worst) ? std::to_string(worst) : std::string("null"));
}

/// A time in seconds with nine significant digits (std::to_string keeps only
/// six decimals: microseconds, too coarse for fast kernels).
std::string preciseNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.9g", value);
  return text;
}

/// The CPU's facts as cwm's own CPU records carry them (Runtime/HostCpu.h,
/// as Measure's detectHostCpu): model, cores, clock, vector width, caches.
std::string cpuHardwareInfo(int threads) {
  HostCpuFacts cpu = readHostCpu();
  char text[768];
  std::snprintf(text, sizeof(text),
                "\"hardware\": %s, \"hardware_info\": {\"target\": \"cpu\", "
                "\"model\": %s, \"cores\": %u, \"threads\": %d, \"ghz\": %.6g, "
                "\"vector_bits\": %d, \"l1d_bytes\": %lld, \"l2_bytes\": %lld, "
                "\"l3_bytes\": %lld}",
                jsonString(cpu.model + ", " + std::to_string(cpu.cores) + " cores")
                    .c_str(),
                jsonString(cpu.model).c_str(), unsigned(cpu.cores), threads,
                cpu.ghz, int(cpu.vectorBits), (long long)cpu.l1dBytes,
                (long long)cpu.l2Bytes, (long long)cpu.l3Bytes);
  return text;
}

/// Loads lib/libomp.so.5 beside this program's bin/ (if there) for every
/// candidate to use: a measuring machine needs no LLVM installation.
void preloadOpenMP() {
  char self[4096];
  ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (length <= 0)
    return;
  std::string path(self, size_t(length));
  path = path.substr(0, path.find_last_of('/')); // bin
  path = path.substr(0, path.find_last_of('/')) + "/lib/libomp.so.5";
  if (access(path.c_str(), R_OK) == 0)
    dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
}

/// The candidate's `_mlir_ciface_task` (its shared object loaded), or null
/// with `error` set.
void *loadEntry(const Candidate &candidate, std::string &error) {
  if (candidate.arguments.size() > kMaxTaskEntryArguments) {
    error = "more than " + std::to_string(kMaxTaskEntryArguments) +
            " arguments are not supported";
    return nullptr;
  }
  void *library = dlopen(candidate.library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    error = std::string("cannot load: ") + dlerror();
    return nullptr;
  }
  void *entry = dlsym(library, "_mlir_ciface_task");
  if (!entry)
    error = "no _mlir_ciface_task in the candidate";
  return entry;
}

/// Host buffers for the candidate's arguments: inputs from its seed (as
/// cwm-worker fills them), outputs poisoned. Empty on a failed allocation.
std::vector<std::unique_ptr<HostBuffer>> makeHostBuffers(const Candidate &candidate) {
  std::vector<std::unique_ptr<HostBuffer>> host;
  size_t inputs = 0;
  for (const Argument &argument : candidate.arguments) {
    host.push_back(std::make_unique<HostBuffer>(argument.type, argument.shape));
    HostBuffer &buffer = *host.back();
    if (!buffer.valid())
      return {};
    if (argument.output)
      buffer.poison();
    else
      buffer.fillRandom(candidate.seed * 1000003ULL + inputs++);
  }
  return host;
}

/// Measures one CPU candidate (in the child): host buffers, one checked
/// run, then timed runs as cwm-worker times them.
std::string measureCpu(const Candidate &candidate, const Options &options) {
  std::string loadError;
  void *entry = loadEntry(candidate, loadError);
  if (!entry)
    return failure("runner_error", loadError);
  std::vector<std::unique_ptr<HostBuffer>> host = makeHostBuffers(candidate);
  if (host.empty())
    return failure("out_of_memory", "cannot allocate host memory");
  std::vector<void *> pointers;
  for (auto &buffer : host)
    pointers.push_back(buffer->descriptor());
  callTaskEntry(entry, pointers);
  double worst = 0;
  std::string wrong = checkOutputs(candidate, options, host, worst);
  if (!wrong.empty())
    return wrong;
  TimingOptions timing;
  timing.minTotalSeconds =
      candidate.minTime > 0 ? candidate.minTime : options.minTime;
  timing.flushCache = candidate.flushCache;
  TimingSummary summary =
      timeRepeatedly([&] { callTaskEntry(entry, pointers); }, timing);
  std::string seconds = "[";
  for (size_t i = 0; i < summary.seconds.size() && i < 200; ++i)
    seconds += (i ? ", " : "") + preciseNumber(summary.seconds[i]);
  seconds += "]";
  const char *threadsVariable = std::getenv("OMP_NUM_THREADS");
  int threads = threadsVariable && std::atoi(threadsVariable) > 0
                    ? std::atoi(threadsVariable)
                    : int(std::thread::hardware_concurrency());
  char numbers[256];
  std::snprintf(numbers, sizeof(numbers),
                "\"median\": %.9g, \"spread\": %.6g, \"max_rel_error\": %.6g, "
                "\"repeats\": %zu, \"threads\": %d, ",
                summary.median, summary.spread, worst, summary.seconds.size(),
                threads);
  return std::string("\"status\": \"ok\", ") + numbers +
         cpuHardwareInfo(threads) + ", \"seconds\": " + seconds;
}

/// Measures one candidate (in the child); returns its JSON result fields.
std::string measure(const Candidate &candidate, const Options &options) {
  if (std::strcmp(cwmCudaStatus(), "ready") != 0)
    return failure("runner_error", std::string("no usable GPU: ") +
                                       cwmCudaStatus());
  std::string loadError;
  void *entry = loadEntry(candidate, loadError);
  if (!entry)
    return failure("runner_error", loadError);

  std::vector<std::unique_ptr<HostBuffer>> host = makeHostBuffers(candidate);
  if (host.empty())
    return failure("out_of_memory", "cannot allocate host memory");
  std::vector<void *> device;
  std::vector<std::vector<int64_t>> descriptors;
  for (size_t index = 0; index < candidate.arguments.size(); ++index) {
    const Argument &argument = candidate.arguments[index];
    HostBuffer &buffer = *host[index];
    void *pointer = mgpuMemAlloc(buffer.getSizeInBytes(), nullptr, 0);
    if (!pointer)
      return failure("runner_error", "cannot allocate device memory");
    mgpuMemcpy(pointer, buffer.data(), buffer.getSizeInBytes(), nullptr);
    device.push_back(pointer);
    descriptors.push_back(deviceDescriptor(pointer, argument.shape));
  }
  if (cwmCudaSynchronize() != 0)
    return failure("runner_error", "copying the inputs failed");
  std::vector<void *> pointers;
  for (auto &descriptor : descriptors)
    pointers.push_back(descriptor.data());
  // The entry point takes one descriptor pointer per argument.
  auto run = [&] { callTaskEntry(entry, pointers); };
  run();
  if (cwmCudaSynchronize() != 0)
    return failure("crash", "the kernel failed (CUDA error after the launch)");

  // Check against the reference outputs.
  for (size_t i = 0; i < candidate.arguments.size(); ++i)
    if (candidate.arguments[i].output)
      mgpuMemcpy(host[i]->data(), device[i], host[i]->getSizeInBytes(), nullptr);
  cwmCudaSynchronize();
  double worst = 0;
  std::string wrong = checkOutputs(candidate, options, host, worst);
  if (!wrong.empty())
    return wrong;

  // Time: the kernels' device time per call (timed events around every
  // launch, so the synchronous launch's per-call stream is not counted),
  // and the host time per call beside it.
  cwmCudaKernelTiming(1);
  run(); // warm-up
  cwmCudaSynchronize();
  cwmCudaTakeKernelSeconds(nullptr);
  std::vector<double> kernelSeconds, hostSeconds;
  double total = 0;
  double minTime = candidate.minTime > 0 ? candidate.minTime : options.minTime;
  while ((total < minTime && kernelSeconds.size() < 10000) ||
         kernelSeconds.size() < 3) {
    auto start = std::chrono::steady_clock::now();
    run();
    cwmCudaSynchronize();
    double host = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    int64_t launches = 0;
    kernelSeconds.push_back(cwmCudaTakeKernelSeconds(&launches));
    hostSeconds.push_back(host);
    total += host;
    if (launches == 0)
      return failure("runner_error", "no kernel launch was timed");
  }
  TimingSummary summary = summarize(kernelSeconds);
  TimingSummary hostSummary = summarize(hostSeconds);
  std::string seconds = "[";
  for (size_t i = 0; i < summary.seconds.size() && i < 200; ++i)
    seconds += (i ? ", " : "") + preciseNumber(summary.seconds[i]);
  seconds += "]";
  char numbers[256];
  std::snprintf(numbers, sizeof(numbers),
                "\"median\": %.9g, \"spread\": %.6g, \"max_rel_error\": "
                "%.6g, \"host_median\": %.9g, \"repeats\": %zu",
                summary.median, summary.spread, worst, hostSummary.median,
                kernelSeconds.size());
  for (void *pointer : device)
    mgpuMemFree(pointer, nullptr);
  return std::string("\"status\": \"ok\", ") + numbers +
         ", \"seconds\": " + seconds + ", " + hardwareInfo();
}

/// One candidate being measured in a child process on one GPU.
struct Running {
  size_t index = 0;
  int device = 0;
  pid_t pid = -1;
  int fd = -1;
  std::chrono::steady_clock::time_point start;
  std::string output;
};

/// Starts `measure` for a candidate in a child bound to `device`.
bool spawn(const Candidate &candidate, const Options &options, size_t index,
           int device, Running &running) {
  int channel[2];
  if (pipe(channel) != 0)
    return false;
  pid_t child = fork();
  if (child < 0)
    return false;
  if (child == 0) {
    close(channel[0]);
    // The runtime reads this when it first opens the driver, in this child.
    setenv("CWM_CUDA_DEVICE", std::to_string(device).c_str(), 1);
    if (options.cpu && !options.cpuSets.empty()) {
      // Before OpenMP starts: its threads stay on this slot's cores.
      const std::vector<int> &cores = options.cpuSets[size_t(device)];
      cpu_set_t set;
      CPU_ZERO(&set);
      for (int core : cores)
        CPU_SET(core, &set);
      sched_setaffinity(0, sizeof(set), &set);
      setenv("OMP_NUM_THREADS", std::to_string(cores.size()).c_str(), 1);
    }
    if (options.cpu)
      preloadOpenMP();
    std::string result = options.cpu ? measureCpu(candidate, options)
                                     : measure(candidate, options);
    (void)!write(channel[1], result.data(), result.size());
    close(channel[1]);
    _exit(0);
  }
  close(channel[1]);
  fcntl(channel[0], F_SETFL, fcntl(channel[0], F_GETFL) | O_NONBLOCK);
  running = Running{index, device, child, channel[0],
                    std::chrono::steady_clock::now(), ""};
  return true;
}

void drain(Running &running) {
  char buffer[4096];
  ssize_t count;
  while ((count = read(running.fd, buffer, sizeof(buffer))) > 0)
    running.output.append(buffer, count);
}

/// The result fields of a finished (or killed) child.
std::string finish(Running &running, int status, bool timedOut,
                   double timeout) {
  drain(running);
  close(running.fd);
  if (timedOut)
    return "\"status\": \"timeout\", \"message\": " +
           jsonString("exceeded " + std::to_string(timeout) + " s");
  if (WIFSIGNALED(status))
    return "\"status\": \"crash\", \"message\": " +
           jsonString("killed by signal " + std::to_string(WTERMSIG(status)) +
                      " (" + strsignal(WTERMSIG(status)) + ")") +
           ", \"signal\": " + std::to_string(WTERMSIG(status));
  if (running.output.empty())
    return "\"status\": \"crash\", \"message\": \"exited without a result\"";
  return running.output;
}

/// Parses --cpu-sets' value: sets separated by '/', each a comma list of
/// cores or ranges ("0-1/2-3", "0,8/1,9"). False on anything else.
bool parseCpuSets(const std::string &text,
                  std::vector<std::vector<int>> &sets) {
  std::stringstream slots(text);
  std::string slot;
  while (std::getline(slots, slot, '/')) {
    std::vector<int> cores;
    std::stringstream items(slot);
    std::string item;
    while (std::getline(items, item, ',')) {
      int first = -1, last = -1;
      char dash = 0, extra = 0;
      int fields = std::sscanf(item.c_str(), "%d%c%d%c", &first, &dash, &last,
                               &extra);
      if (fields == 1)
        last = first;
      else if (fields != 3 || dash != '-')
        return false;
      if (first < 0 || last < first || last >= CPU_SETSIZE)
        return false;
      for (int core = first; core <= last; ++core)
        cores.push_back(core);
    }
    if (cores.empty())
      return false;
    sets.push_back(cores);
  }
  return !sets.empty();
}

/// The GPUs to use: --devices, else one per entry of
/// /proc/driver/nvidia/gpus (read without initializing CUDA here), else 0.
std::vector<int> detectDevices() {
  std::vector<int> devices;
  if (DIR *dir = opendir("/proc/driver/nvidia/gpus")) {
    while (dirent *entry = readdir(dir))
      if (entry->d_name[0] != '.')
        devices.push_back(static_cast<int>(devices.size()));
    closedir(dir);
  }
  if (devices.empty())
    devices.push_back(0);
  return devices;
}

constexpr const char *kUsage =
    "usage: cwm-run MANIFEST -o RESULTS.jsonl [--min-time=S] [--timeout=S] "
    "[--tolerance=T] [--devices=0,1,...] [--cpu] [--cpu-sets=0-1/2-3/...]\n";

int usage(const char *message) {
  std::fprintf(stderr, "cwm-run: error: %s\n%s", message, kUsage);
  return 1;
}

int help() {
  std::printf(
      "cwm-run: measures built candidates (GPU, or CPU with --cpu) listed in "
      "a manifest, each in its own child process, and appends one JSON result "
      "per candidate to RESULTS.jsonl.\n%s"
      "  --min-time=S    time each candidate for at least S seconds\n"
      "  --timeout=S     cut a candidate after S seconds (a timeout result)\n"
      "  --tolerance=T   relative error allowed against the reference\n"
      "  --devices=LIST  GPUs to measure on, one candidate each at a time\n"
      "  --cpu           the candidates are CPU shared objects\n"
      "  --cpu-sets=SETS CPU candidates, one at a time on each set of cores\n"
      "                  (sets split by '/', e.g. 0-1/2-3/4-5; the children\n"
      "                  are pinned there with OMP_NUM_THREADS = its size)\n"
      "  --version       print cwm's version\n"
      "Manifest format: the comment at the top of tools/cwm-run/cwm-run.cpp "
      "(written by cwm-autotune export=DIR).\n",
      kUsage);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char *prefix, double &field) {
      size_t length = std::strlen(prefix);
      if (arg.compare(0, length, prefix) != 0)
        return false;
      char *end = nullptr;
      field = std::strtod(arg.c_str() + length, &end);
      return *end == 0 && field > 0;
    };
    if (arg == "--help" || arg == "-h")
      return help();
    if (arg == "--version") {
      std::printf("cwm-run (cwm) %s (commit %s)\n", CWM_VERSION_STRING,
                  CWM_COMMIT_STRING);
      return 0;
    }
    if (arg == "-o" && i + 1 < argc) {
      options.output = argv[++i];
    } else if (arg == "--cpu") {
      options.cpu = true;
    } else if (arg.rfind("--cpu-sets=", 0) == 0) {
      options.cpu = true;
      if (!parseCpuSets(arg.substr(11), options.cpuSets))
        return usage(("bad core sets in '" + arg +
                      "' (expected e.g. --cpu-sets=0-1/2-3/4-5)")
                         .c_str());
    } else if (arg.rfind("--devices=", 0) == 0) {
      std::stringstream list(arg.substr(10));
      std::string item;
      while (std::getline(list, item, ','))
        options.devices.push_back(std::atoi(item.c_str()));
    }
    else if (value("--min-time=", options.minTime) ||
             value("--timeout=", options.timeout) ||
             value("--tolerance=", options.tolerance))
      continue;
    else if (!arg.empty() && arg[0] == '-')
      return usage(("unknown or bad option '" + arg + "'").c_str());
    else if (options.manifest.empty())
      options.manifest = arg;
    else
      return usage("more than one manifest");
  }
  if (options.manifest.empty() || options.output.empty())
    return usage("give a MANIFEST and -o RESULTS.jsonl");
  std::vector<Candidate> candidates;
  std::string error;
  if (!readManifest(options.manifest, candidates, error))
    return usage(error.c_str());
  std::FILE *out = std::fopen(options.output.c_str(), "a");
  if (!out)
    return usage(("cannot open '" + options.output + "'").c_str());
  // CUDA must not be initialized in this process: it would not survive the
  // fork of the children that measure.
  std::fprintf(stderr, "cwm-run: %zu candidates from %s\n", candidates.size(),
               options.manifest.c_str());
  // Every GPU measures its own candidate at the same time; CPU candidates
  // are timed one after the other (they would share the cores).
  std::vector<int> freeDevices;
  if (!options.cpu)
    freeDevices = options.devices.empty() ? detectDevices() : options.devices;
  else if (options.cpuSets.empty())
    freeDevices = {0};
  else
    for (size_t slot = options.cpuSets.size(); slot-- > 0;)
      freeDevices.push_back(int(slot));
  if (options.cpu && options.cpuSets.size() > 1)
    std::fprintf(stderr, "cwm-run: CPU candidates, %zu at a time on %zu core sets\n",
                 options.cpuSets.size(), options.cpuSets.size());
  else if (options.cpu)
    std::fprintf(stderr, "cwm-run: CPU candidates, one at a time\n");
  else
    std::fprintf(stderr, "cwm-run: %zu GPU(s) in parallel\n",
                 freeDevices.size());
  std::vector<Running> running;
  size_t next = 0, done = 0;
  auto report = [&](Running &job, const std::string &fields) {
    const Candidate &candidate = candidates[job.index];
    // Each result is flushed at once: an interrupted run keeps what it did.
    std::fprintf(out, "{\"id\": %s, \"device\": %d, %s}\n",
                 jsonString(candidate.id).c_str(), job.device, fields.c_str());
    std::fflush(out);
    // Progress: the status and the median (the repetitions are in the file).
    std::string brief = fields.substr(0, fields.find(", \"seconds\""));
    std::string where =
        !options.cpu ? "GPU " + std::to_string(job.device)
        : options.cpuSets.size() > 1 ? "CPU set " + std::to_string(job.device)
                                     : std::string("CPU");
    std::fprintf(stderr, "cwm-run: [%zu/%zu] %s (%s): %s\n", ++done,
                 candidates.size(), candidate.id.c_str(), where.c_str(),
                 brief.c_str());
    freeDevices.push_back(job.device);
  };
  while (done < candidates.size()) {
    while (!freeDevices.empty() && next < candidates.size()) {
      Running job;
      int device = freeDevices.back();
      freeDevices.pop_back();
      if (!spawn(candidates[next], options, next, device, job)) {
        job.index = next;
        job.device = device;
        ++next;
        report(job, "\"status\": \"runner_error\", \"message\": "
                    "\"cannot start a child process\"");
        continue;
      }
      ++next;
      running.push_back(job);
    }
    for (size_t i = 0; i < running.size();) {
      Running &job = running[i];
      drain(job);
      int status = 0;
      bool finished = waitpid(job.pid, &status, WNOHANG) == job.pid;
      bool timedOut = false;
      const Candidate &candidate = candidates[job.index];
      double timeout =
          candidate.timeout > 0 ? candidate.timeout : options.timeout;
      if (!finished &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                        job.start)
                  .count() > timeout) {
        kill(job.pid, SIGKILL);
        waitpid(job.pid, &status, 0);
        finished = timedOut = true;
      }
      if (!finished) {
        ++i;
        continue;
      }
      std::string fields = finish(job, status, timedOut, timeout);
      report(job, fields);
      running.erase(running.begin() + i);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::fclose(out);
  return 0;
}
