//===- Hardware.h - What a measurement ran on -------------------*- C++ -*-===//
//
// The hardware facts cost models take as features and records store beside
// each measurement: core/thread counts, vector width and caches for CPUs;
// SMs, block limits, shared memory, registers, L2, peak FLOP/s and memory
// bandwidth for GPUs. A field that is unknown stays 0.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_DATABASE_HARDWARE_H
#define CWM_DATABASE_HARDWARE_H

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <string>

namespace cwm {

struct HardwareInfo {
  std::string target = "cpu"; ///< "cpu" or "cuda"
  std::string model;          ///< CPU model name or GPU name
  // CPU.
  int64_t cores = 0;          ///< online logical CPUs
  int64_t threads = 0;        ///< threads the measurement used
  int64_t vectorBits = 0;     ///< widest SIMD register (128, 256, 512)
  int64_t l1dBytes = 0;       ///< per core
  int64_t l2Bytes = 0;        ///< per core (CPU) or per chip (GPU)
  int64_t l3Bytes = 0;        ///< shared
  double ghz = 0;             ///< nominal clock
  // GPU.
  int64_t sms = 0;
  int64_t maxThreadsPerBlock = 0;
  int64_t sharedBytesPerBlock = 0;
  int64_t registersPerBlock = 0;
  // Both.
  double peakGflops = 0;      ///< f32 (CPU: FMA peak of `threads` threads)
  double bandwidthGBs = 0;    ///< main memory

  bool operator==(const HardwareInfo &other) const;
};

llvm::json::Value toJSON(const HardwareInfo &hardware);
llvm::Expected<HardwareInfo> hardwareInfoFromJSON(const llvm::json::Value &v);

} // namespace cwm

#endif // CWM_DATABASE_HARDWARE_H
