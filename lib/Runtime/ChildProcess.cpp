//===- ChildProcess.cpp - Run a program with a deadline and a memory cap --===//

#include "cwm/Runtime/ChildProcess.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cwm {

std::string describeSignal(int signal) {
  static const struct {
    int number;
    const char *name;
  } kNames[] = {{SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"},
                {SIGILL, "SIGILL"},   {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"},
                {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},   {SIGKILL, "SIGKILL"},
                {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
                {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},
                {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"}, {SIGSYS, "SIGSYS"}};
  for (const auto &entry : kNames)
    if (entry.number == signal)
      return std::string(entry.name) + " (" + strsignal(signal) + ")";
  return "signal " + std::to_string(signal);
}

uint64_t physicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return 0;
  return uint64_t(pages) * uint64_t(pageSize);
}

uint64_t mappedAddressSpaceBytes() {
  uint64_t mapped = 0;
  if (std::FILE *statm = std::fopen("/proc/self/statm", "r")) {
    unsigned long long pages = 0;
    if (std::fscanf(statm, "%llu", &pages) == 1)
      mapped = pages * uint64_t(::sysconf(_SC_PAGESIZE));
    std::fclose(statm);
  }
  return mapped;
}

ChildOutcome runChild(const ChildOptions &options) {
  using Clock = std::chrono::steady_clock;
  ChildOutcome outcome;
  if (options.arguments.empty()) {
    outcome.error = "no program given";
    return outcome;
  }
  // Everything the child touches between fork and exec is prepared here:
  // only async-signal-safe calls may follow a fork of a threaded process.
  std::vector<char *> argv, envp;
  for (const std::string &argument : options.arguments)
    argv.push_back(const_cast<char *>(argument.c_str()));
  argv.push_back(nullptr);
  for (const std::string &entry : options.environment)
    envp.push_back(const_cast<char *>(entry.c_str()));
  envp.push_back(nullptr);
  const char *output =
      options.outputPath.empty() ? "/dev/null" : options.outputPath.c_str();
  pid_t parent = getpid();
  int startPipe[2]; // carries errno if exec fails
  if (pipe2(startPipe, O_CLOEXEC) != 0) {
    outcome.error = std::string("pipe: ") + strerror(errno);
    return outcome;
  }
  auto start = Clock::now();
  pid_t child = fork();
  if (child < 0) {
    outcome.error = std::string("fork: ") + strerror(errno);
    close(startPipe[0]);
    close(startPipe[1]);
    return outcome;
  }
  if (child == 0) {
    // Its own process group (killed as a whole at the deadline), dead with
    // the thread that started it.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
      _exit(127);
    if (options.memoryLimitBytes > 0) {
      rlimit limit{options.memoryLimitBytes, options.memoryLimitBytes};
      setrlimit(RLIMIT_AS, &limit);
    }
    int in = open("/dev/null", O_RDONLY);
    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(out, 2) < 0) {
      int error = errno;
      (void)!write(startPipe[1], &error, sizeof(error));
      _exit(127);
    }
    execve(argv[0], argv.data(), envp.data());
    int error = errno;
    (void)!write(startPipe[1], &error, sizeof(error));
    _exit(127);
  }
  // Also here: the group must exist before a deadline could signal it.
  setpgid(child, child);
  close(startPipe[1]);
  int execError = 0;
  ssize_t got;
  do
    got = read(startPipe[0], &execError, sizeof(execError));
  while (got < 0 && errno == EINTR);
  close(startPipe[0]);

  int status = 0;
  rusage usage{};
  bool timedOut = false;
  auto sleep = std::chrono::microseconds(200);
  while (true) {
    pid_t done = wait4(child, &status, WNOHANG, &usage);
    if (done == child)
      break;
    if (done < 0 && errno != EINTR) {
      outcome.error = std::string("wait4: ") + strerror(errno);
      kill(-child, SIGKILL);
      kill(child, SIGKILL);
      return outcome;
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (elapsed > options.timeoutSeconds) {
      timedOut = true;
      kill(-child, SIGKILL);
      kill(child, SIGKILL);
      while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(sleep);
    sleep = std::min(sleep * 2, std::chrono::microseconds(20000));
  }
  outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  outcome.peakResidentKiB = usage.ru_maxrss;
  if (got == sizeof(execError) && execError != 0) {
    outcome.kind = ChildOutcome::Kind::FailedToStart;
    outcome.error = "cannot run '" + options.arguments[0] +
                    "': " + strerror(execError);
  } else if (timedOut) {
    outcome.kind = ChildOutcome::Kind::TimedOut;
    outcome.signal = SIGKILL;
  } else if (WIFSIGNALED(status)) {
    outcome.kind = ChildOutcome::Kind::Signaled;
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.kind = ChildOutcome::Kind::Exited;
    outcome.exitCode = WEXITSTATUS(status);
  }
  return outcome;
}

} // namespace cwm
