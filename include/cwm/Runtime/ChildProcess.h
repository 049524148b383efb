//===- ChildProcess.h - Run a program with a deadline and a memory cap -*- C++ -*-===//
//
// What the measuring harness needs from a child process and LLVM's
// sys::ExecuteAndWait does not give: the signal that killed it (LLVM returns
// -2 for a signal and for a timeout alike), a timeout that does not rely on
// the process-wide alarm() (so several children can run at once), a whole
// process group killed at the deadline, an address-space cap, the child's
// peak memory, and a child that dies with its parent (PR_SET_PDEATHSIG), so a
// killed tuner leaves no orphaned worker behind. No MLIR or LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_RUNTIME_CHILDPROCESS_H
#define CWM_RUNTIME_CHILDPROCESS_H

#include <cstdint>
#include <string>
#include <vector>

namespace cwm {

struct ChildOptions {
  /// argv[0] is the program's path.
  std::vector<std::string> arguments;
  /// The whole environment of the child ("NAME=value").
  std::vector<std::string> environment;
  /// stdout and stderr go to this file (created or truncated); empty: both
  /// go to /dev/null. stdin is always /dev/null.
  std::string outputPath;
  /// Killed (with its whole process group) after this many seconds.
  double timeoutSeconds = 60;
  /// RLIMIT_AS of the child in bytes; 0 = unlimited.
  uint64_t memoryLimitBytes = 0;
};

struct ChildOutcome {
  enum class Kind { Exited, Signaled, TimedOut, FailedToStart };
  Kind kind = Kind::FailedToStart;
  int exitCode = 0; ///< Exited
  int signal = 0;   ///< Signaled (and the SIGKILL of a timeout)
  double seconds = 0;
  /// Peak resident set size of the child in KiB (0 if unknown).
  int64_t peakResidentKiB = 0;
  /// FailedToStart: why.
  std::string error;
};

/// Runs `options.arguments` and waits for it (polling, so the deadline holds
/// whatever other threads of this process do).
ChildOutcome runChild(const ChildOptions &options);

/// "SIGSEGV (Segmentation fault)" for 11, "signal 77" for an unknown number.
std::string describeSignal(int signal);

/// This machine's physical memory in bytes (0 if unknown).
uint64_t physicalMemoryBytes();

/// Bytes of address space this process maps now (0 if unknown): the base
/// of an address-space cap for a forked copy of it.
uint64_t mappedAddressSpaceBytes();

} // namespace cwm

#endif // CWM_RUNTIME_CHILDPROCESS_H
