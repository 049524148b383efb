//===- HostCpu.cpp - This machine's CPU facts, without LLVM ---------------===//

#include "cwm/Runtime/HostCpu.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace cwm {

namespace {
std::string trim(const std::string &text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    return "";
  size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

/// The first line of a small file, trimmed ("" if it cannot be read).
std::string firstLine(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return trim(line);
}

/// A sysfs cache size ("48K", "1024K", "32M") in bytes; 0 if unreadable.
int64_t cacheBytes(const std::string &text) {
  char *end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str())
    return 0;
  if (*end == 'K')
    value *= 1024;
  else if (*end == 'M')
    value *= 1024 * 1024;
  return value;
}
} // namespace

std::string cpuinfoField(const std::string &key) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    size_t colon = line.find(':');
    if (colon != std::string::npos && trim(line.substr(0, colon)) == key)
      return trim(line.substr(colon + 1));
  }
  return "";
}

HostCpuFacts readHostCpu() {
  HostCpuFacts facts;
  facts.model = cpuinfoField("model name");
  facts.cores = std::max(1u, std::thread::hardware_concurrency());
  std::string flags = " " + cpuinfoField("flags") + " ";
  if (flags.find(" avx512f ") != std::string::npos)
    facts.vectorBits = 512;
  else if (flags.find(" avx2 ") != std::string::npos ||
           flags.find(" avx ") != std::string::npos)
    facts.vectorBits = 256;
  else
    facts.vectorBits = 128;
  facts.ghz = std::atof(cpuinfoField("cpu MHz").c_str()) / 1000;
  for (int index = 0; index < 8; ++index) {
    std::string dir =
        "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
    std::string level = firstLine(dir + "/level");
    std::string type = firstLine(dir + "/type");
    if (level.empty())
      break;
    int64_t bytes = cacheBytes(firstLine(dir + "/size"));
    if (level == "1" && type == "Data")
      facts.l1dBytes = bytes;
    else if (level == "2")
      facts.l2Bytes = bytes;
    else if (level == "3")
      facts.l3Bytes = bytes;
  }
  // Some VMs have no cache folders in sysfs (a 2-core AMD EPYC VM,
  // 2026-12-07): glibc reads the sizes from CPUID. Without them every
  // tile's locality features read "fits no cache" and the world model
  // ranked on a context it was never trained on.
  auto fromCpuid = [](int64_t &bytes, int name) {
    long value = bytes > 0 ? 0 : sysconf(name);
    if (value > 0)
      bytes = value;
  };
  fromCpuid(facts.l1dBytes, _SC_LEVEL1_DCACHE_SIZE);
  fromCpuid(facts.l2Bytes, _SC_LEVEL2_CACHE_SIZE);
  fromCpuid(facts.l3Bytes, _SC_LEVEL3_CACHE_SIZE);
  return facts;
}

} // namespace cwm
