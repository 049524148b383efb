//===- ForkedService.cpp - A forked helper answering requests -------------===//

#include "cwm/Runtime/ForkedService.h"

#include "cwm/Runtime/ChildProcess.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

// Present when a sanitizer runtime is linked (fuzzing, scripts/sanitize.sh).
extern "C" void __sanitizer_set_death_callback(void (*callback)(void))
    __attribute__((weak));

namespace cwm {

namespace {

using Clock = std::chrono::steady_clock;

/// Writes all of `data`; false if the other end is gone.
bool sendAll(int socket, const char *data, size_t size) {
  while (size > 0) {
    ssize_t sent = ::send(socket, data, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR)
      continue;
    if (sent <= 0)
      return false;
    data += sent;
    size -= size_t(sent);
  }
  return true;
}

bool sendFrame(int socket, const std::string &payload) {
  uint64_t size = payload.size();
  return sendAll(socket, reinterpret_cast<const char *>(&size), sizeof(size)) &&
         sendAll(socket, payload.data(), payload.size());
}

enum class ReadStatus { Done, Closed, TimedOut };

/// Reads exactly `size` bytes, waiting until `deadline` (none: forever).
ReadStatus receiveAll(int socket, char *data, size_t size,
                      const Clock::time_point *deadline) {
  while (size > 0) {
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      *deadline - Clock::now())
                      .count();
      if (left <= 0)
        return ReadStatus::TimedOut;
      pollfd wait{socket, POLLIN, 0};
      int ready = ::poll(&wait, 1, int(std::min<long long>(left, 1000)));
      if (ready < 0 && errno != EINTR)
        return ReadStatus::Closed;
      if (ready <= 0)
        continue;
    }
    ssize_t got = ::recv(socket, data, size, 0);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return ReadStatus::Closed;
    data += got;
    size -= size_t(got);
  }
  return ReadStatus::Done;
}

ReadStatus receiveFrame(int socket, std::string &payload,
                        const Clock::time_point *deadline) {
  uint64_t size = 0;
  ReadStatus status = receiveAll(socket, reinterpret_cast<char *>(&size),
                                 sizeof(size), deadline);
  if (status != ReadStatus::Done)
    return status;
  if (size > (uint64_t(1) << 32))
    return ReadStatus::Closed;
  payload.assign(size, '\0');
  return receiveAll(socket, payload.data(), size, deadline);
}

std::string describeStatus(int status) {
  if (WIFSIGNALED(status))
    return "killed by " + describeSignal(WTERMSIG(status));
  if (WIFEXITED(status))
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "stopped";
}

} // namespace

/// Ends the helper (if any) and returns how it ended.
static std::string reap(pid_t child, bool kill) {
  int status = 0;
  if (!kill) {
    // It is dying (its end of the socket closed): give it a moment.
    auto until = Clock::now() + std::chrono::seconds(2);
    while (::waitpid(child, &status, WNOHANG) == 0) {
      if (Clock::now() > until) {
        kill = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!kill)
      return describeStatus(status);
  }
  ::kill(child, SIGKILL);
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return describeStatus(status);
}

ForkedService::ForkedService(Handler handler, ForkedServiceOptions options)
    : handler(std::move(handler)), options(options) {}

ForkedService::~ForkedService() { stop(); }

bool ForkedService::start(std::string &why) {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    why = "socketpair failed";
    return false;
  }
  uint64_t cap = 0;
  if (options.extraAddressSpaceBytes > 0)
    if (uint64_t mapped = mappedAddressSpaceBytes())
      cap = mapped + options.extraAddressSpaceBytes;
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(ends[0]);
    ::close(ends[1]);
    why = "fork failed";
    return false;
  }
  if (pid == 0) {
    ::close(ends[0]);
    // Gone with this process's parent.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
      ::_exit(0);
    // Quiet: a crash's message is not the user's business here (the parent
    // says what happened), and the crash handlers this process installed
    // (LLVM's, a sanitizer's or a fuzzer's) must not run: the helper dies by
    // the signal itself.
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0)
      ::dup2(null, 2);
    for (int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE})
      ::signal(signal, SIG_DFL);
    ::signal(SIGINT, SIG_IGN); // Ctrl-C stops the parent, which ends this
    if (&__sanitizer_set_death_callback)
      __sanitizer_set_death_callback(nullptr);
    if (cap > 0) {
      rlimit limit{cap, cap};
      ::setrlimit(RLIMIT_AS, &limit);
    }
    if (options.onStart)
      options.onStart();
    // Allocate before saying so: a fork taken while another thread held
    // the allocator's lock deadlocks here, where the parent sees it.
    std::string request;
    request.reserve(4096);
    if (!sendFrame(ends[1], "ready"))
      ::_exit(0);
    while (receiveFrame(ends[1], request, nullptr) == ReadStatus::Done)
      if (!sendFrame(ends[1], handler(request)))
        break;
    ::_exit(0);
  }
  ::close(ends[1]);
  child = pid;
  socket = ends[0];
  ++starts;
  auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(options.startSeconds));
  std::string ready;
  ReadStatus status = receiveFrame(socket, ready, &deadline);
  if (status == ReadStatus::Done && ready == "ready")
    return true;
  bool hung = status == ReadStatus::TimedOut;
  std::string how = reap(child, /*kill=*/hung);
  ::close(socket);
  child = -1;
  socket = -1;
  why = hung ? "the helper was not ready within " +
                   std::to_string(int64_t(options.startSeconds)) + " s"
             : "the helper ended before it was ready (" + how + ")";
  return false;
}

void ForkedService::stop() {
  if (child < 0)
    return;
  ::close(socket); // the helper reads end-of-file and exits
  reap(child, /*kill=*/false);
  child = -1;
  socket = -1;
}

ForkedService::Reply ForkedService::ask(const std::string &request) {
  Reply reply;
  if (child < 0 && !start(reply.why)) {
    reply.kind = Reply::Kind::Unavailable;
    return reply;
  }
  auto deadline = Clock::now() +
                  std::chrono::duration_cast<Clock::duration>(
                      std::chrono::duration<double>(options.deadlineSeconds));
  ReadStatus status = ReadStatus::Closed;
  if (sendFrame(socket, request))
    status = receiveFrame(socket, reply.answer, &deadline);
  if (status == ReadStatus::Done) {
    reply.kind = Reply::Kind::Answered;
    failuresInARow = 0;
    return reply;
  }
  ++failuresInARow;
  reply.answer.clear();
  reply.kind = status == ReadStatus::TimedOut ? Reply::Kind::TimedOut
                                              : Reply::Kind::Crashed;
  ::close(socket);
  reply.why = reap(child, /*kill=*/status == ReadStatus::TimedOut);
  child = -1;
  socket = -1;
  return reply;
}

} // namespace cwm
