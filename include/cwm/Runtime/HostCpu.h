//===- HostCpu.h - This machine's CPU facts, without LLVM -------*- C++ -*-===//
//
// What cwm records about a CPU (model, logical cores, SIMD width, clock,
// cache sizes), read from /proc/cpuinfo and sysfs. Shared by Measure's
// detectHostCpu and cwm-run --cpu, which links no LLVM.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_RUNTIME_HOSTCPU_H
#define CWM_RUNTIME_HOSTCPU_H

#include <cstdint>
#include <string>

namespace cwm {

struct HostCpuFacts {
  std::string model;      ///< "model name" of /proc/cpuinfo ("" if unknown)
  int64_t cores = 0;      ///< online logical CPUs
  int64_t vectorBits = 0; ///< 512 with avx512f, 256 with avx/avx2, else 128
  double ghz = 0;         ///< "cpu MHz" / 1000 (0 if unreadable)
  int64_t l1dBytes = 0, l2Bytes = 0, l3Bytes = 0; ///< of cpu0 (0 if unknown)
};

/// The value of the first "key : value" line of /proc/cpuinfo with `key`.
std::string cpuinfoField(const std::string &key);

/// Reads this machine's CPU facts; fields it cannot read stay 0 / "".
HostCpuFacts readHostCpu();

} // namespace cwm

#endif // CWM_RUNTIME_HOSTCPU_H
