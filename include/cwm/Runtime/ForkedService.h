//===- ForkedService.h - A forked helper answering requests -----*- C++ -*-===//
//
// A copy of this process, forked once, that answers requests one at a time
// over a socket, under an address-space cap: work that may blow up (an MLIR
// pattern that exhausts memory, a crash in a library) costs only the helper,
// which is started again for the next request. No MLIR or LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_RUNTIME_FORKEDSERVICE_H
#define CWM_RUNTIME_FORKEDSERVICE_H

#include <cstdint>
#include <functional>
#include <string>
#include <sys/types.h>

namespace cwm {

struct ForkedServiceOptions {
  /// Address space the helper may add to what this process maps when it
  /// starts (0: no cap).
  uint64_t extraAddressSpaceBytes = uint64_t(4) << 30;
  /// How long one request may take before the helper is killed.
  double deadlineSeconds = 60;
  /// How long a new helper may take to say it is ready (it allocates first,
  /// so a helper forked while another thread held the allocator's lock
  /// hangs here, not in a request) before the start counts as failed.
  double startSeconds = 10;
  /// Runs in a new helper before it says it is ready (tests: a helper that
  /// cannot start).
  std::function<void()> onStart;
};

class ForkedService {
public:
  /// `handler` runs in the helper only: whatever state it keeps (captured
  /// by the function) lives in the helper, from one request to the next,
  /// until the helper is started again.
  using Handler = std::function<std::string(const std::string &request)>;

  struct Reply {
    enum class Kind {
      Answered,   ///< `answer` holds the handler's answer
      Crashed,    ///< the helper died (`why`: the signal or exit status)
      TimedOut,   ///< killed after the deadline
      Unavailable ///< no helper could be started (`why`): fork failed, or
                  ///< the new helper died or hung before it was ready
    };
    Kind kind = Kind::Unavailable;
    std::string answer;
    std::string why;
  };

  ForkedService(Handler handler, ForkedServiceOptions options = {});
  ~ForkedService();
  ForkedService(const ForkedService &) = delete;
  ForkedService &operator=(const ForkedService &) = delete;

  /// Sends `request` to the helper (started first if none is running) and
  /// waits for its answer. Not thread-safe: one request at a time.
  Reply ask(const std::string &request);

  /// How many helpers were started so far: a helper's state is lost when
  /// this changes.
  int64_t getStarts() const { return starts; }
  /// Whether a helper is running (the next request goes to it).
  bool isRunning() const { return child >= 0; }
  /// Requests in a row, up to the last, that crashed or hung their helper
  /// (0 after an answer): a helper that fails every request, whatever it
  /// is asked, tells its caller to stop asking.
  int64_t getFailuresInARow() const { return failuresInARow; }

private:
  bool start(std::string &why);
  void stop();

  Handler handler;
  ForkedServiceOptions options;
  pid_t child = -1;
  int socket = -1;
  int64_t starts = 0;
  int64_t failuresInARow = 0;
};

} // namespace cwm

#endif // CWM_RUNTIME_FORKEDSERVICE_H
