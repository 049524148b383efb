//===- ForkedServiceTest.cpp - A forked helper answering requests ---------===//

#include "cwm/Runtime/ForkedService.h"

#include "gtest/gtest.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>

using namespace cwm;
using Kind = ForkedService::Reply::Kind;

// Requests: "count" answers how many requests this helper has seen, "crash"
// dies by SIGSEGV, "hog" allocates until the cap stops it, "hang" sleeps
// past the deadline.
static std::string handle(const std::string &request) {
  static int seen = 0; // the helper's own copy
  ++seen;
  if (request == "crash")
    std::raise(SIGSEGV);
  if (request == "hog") {
    while (true) {
      void *block = std::malloc(size_t(64) << 20);
      if (!block)
        std::abort();
      std::memset(block, 1, size_t(64) << 20);
    }
  }
  if (request == "hang")
    std::this_thread::sleep_for(std::chrono::seconds(30));
  return request == "count" ? std::to_string(seen) : request;
}

TEST(ForkedServiceTest, AHelperThatDiesCostsOnlyItsRequest) {
  ForkedServiceOptions options;
  options.extraAddressSpaceBytes = uint64_t(128) << 20;
  options.deadlineSeconds = 3;
  ForkedService service(handle, options);
  // State lives in the helper between requests.
  EXPECT_EQ(service.ask("count").answer, "1");
  EXPECT_EQ(service.ask("count").answer, "2");
  EXPECT_EQ(service.getStarts(), 1);
  // Large requests and answers cross whole.
  std::string big(3 << 20, 'x');
  ForkedService::Reply echoed = service.ask(big);
  EXPECT_EQ(echoed.kind, Kind::Answered);
  EXPECT_EQ(echoed.answer, big);

  ForkedService::Reply crashed = service.ask("crash");
  EXPECT_EQ(crashed.kind, Kind::Crashed);
  EXPECT_NE(crashed.why.find("SIGSEGV"), std::string::npos) << crashed.why;
  EXPECT_EQ(service.getFailuresInARow(), 1);
  // A fresh helper answers the next request.
  EXPECT_EQ(service.ask("count").answer, "1");
  EXPECT_EQ(service.getStarts(), 2);
  EXPECT_EQ(service.getFailuresInARow(), 0);

  // Memory beyond the cap ends the helper, not this process.
  ForkedService::Reply hogged = service.ask("hog");
  EXPECT_EQ(hogged.kind, Kind::Crashed);
  EXPECT_NE(hogged.why.find("SIGABRT"), std::string::npos) << hogged.why;

  auto start = std::chrono::steady_clock::now();
  ForkedService::Reply hung = service.ask("hang");
  EXPECT_EQ(hung.kind, Kind::TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_NE(hung.why.find("SIGKILL"), std::string::npos) << hung.why;
  EXPECT_EQ(service.getFailuresInARow(), 2); // the hog's and the hang's

  ForkedService::Reply after = service.ask("count");
  EXPECT_EQ(after.kind, Kind::Answered);
  EXPECT_EQ(after.answer, "1");
  EXPECT_EQ(service.getStarts(), 4);
}

// A helper that dies or hangs before it is ready (a fork taken while another
// thread held a lock the helper needs) is a failed start, reported at once,
// not a request left to run into its deadline.
TEST(ForkedServiceTest, AHelperThatCannotStartIsUnavailable) {
  ForkedServiceOptions options;
  options.startSeconds = 1;
  options.deadlineSeconds = 30;
  options.onStart = [] {
    std::this_thread::sleep_for(std::chrono::seconds(30));
  };
  ForkedService hanging(handle, options);
  auto start = std::chrono::steady_clock::now();
  ForkedService::Reply hung = hanging.ask("count");
  EXPECT_EQ(hung.kind, Kind::Unavailable);
  EXPECT_NE(hung.why.find("not ready within 1 s"), std::string::npos)
      << hung.why;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_FALSE(hanging.isRunning());

  options.onStart = [] { std::abort(); };
  ForkedService dying(handle, options);
  ForkedService::Reply died = dying.ask("count");
  EXPECT_EQ(died.kind, Kind::Unavailable);
  EXPECT_NE(died.why.find("ended before it was ready"), std::string::npos)
      << died.why;
  EXPECT_NE(died.why.find("SIGABRT"), std::string::npos) << died.why;
}
