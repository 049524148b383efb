//===- CudaRuntimeTest.cpp - The mgpu* runtime where no driver exists -----===//

#include "cwm/Runtime/CudaRuntime.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <string>

namespace {

// The driver is probed once per process; this test forces the no-driver path
// unless an earlier test already found a real driver.
TEST(CudaRuntimeTest, WithoutADriverEveryCallFailsCleanly) {
  setenv("CWM_LIBCUDA", "/nonexistent/libcuda.so.1", 1);
  std::string status = cwmCudaStatus();
  // Another test of this binary may have probed a real driver first.
  if (status == "ready")
    GTEST_SKIP() << "a CUDA driver was loaded before this test";
  EXPECT_NE(status.find("cannot load the CUDA driver"), std::string::npos)
      << status;
  EXPECT_EQ(mgpuModuleLoadJIT(const_cast<char *>(".version 8.0"), 2), nullptr);
  EXPECT_EQ(mgpuModuleGetFunction(nullptr, "f"), nullptr);
  EXPECT_EQ(mgpuStreamCreate(), nullptr);
  EXPECT_EQ(mgpuEventCreate(), nullptr);
  EXPECT_EQ(mgpuMemAlloc(1024, nullptr, 0), nullptr);
  EXPECT_EQ(cwmCudaTimerEvent(), nullptr);
  EXPECT_EQ(cwmCudaElapsedSeconds(nullptr, nullptr), -1);
  EXPECT_NE(cwmCudaSynchronize(), 0);
  // Calls on null handles do nothing (no crash).
  mgpuLaunchKernel(nullptr, 1, 1, 1, 1, 1, 1, 0, nullptr, nullptr, nullptr, 0);
  mgpuStreamSynchronize(nullptr);
  mgpuStreamDestroy(nullptr);
  mgpuMemFree(nullptr, nullptr);
  mgpuModuleUnload(nullptr);
  mgpuSetDefaultDevice(1); // after the probe: reported only if a device is open
}

} // namespace
