// LD_PRELOAD shim for sanitizer runs (scripts/sanitize.sh): every finite
// RLIMIT_AS a process sets is raised by the address space an ASan process
// reserves at start-up (shadow memory and allocator regions; tens of TB,
// never backed): CWM_ASAN_VA_OVERHEAD_BYTES, built in by sanitize.sh (lit
// passes no unknown variables to tests) or taken from the environment
// variable of that name. Without it an ASan cwm-worker started under the
// runner's memory cap dies before main. Not instrumented.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>

#ifndef CWM_ASAN_VA_OVERHEAD_BYTES
#define CWM_ASAN_VA_OVERHEAD_BYTES 0ULL
#endif

static rlim_t raise_limit(rlim_t limit) {
  const char *text = getenv("CWM_ASAN_VA_OVERHEAD_BYTES");
  unsigned long long overhead =
      text ? strtoull(text, NULL, 10) : CWM_ASAN_VA_OVERHEAD_BYTES;
  if (limit == RLIM_INFINITY)
    return limit;
  if (limit > RLIM_INFINITY - overhead)
    return RLIM_INFINITY;
  return limit + overhead;
}

static struct rlimit adjusted(int resource, const struct rlimit *limit) {
  struct rlimit copy = *limit;
  if (resource == RLIMIT_AS) {
    copy.rlim_cur = raise_limit(copy.rlim_cur);
    copy.rlim_max = raise_limit(copy.rlim_max);
  }
  return copy;
}

int setrlimit(__rlimit_resource_t resource, const struct rlimit *limit) {
  static int (*next)(__rlimit_resource_t, const struct rlimit *);
  if (!next)
    next = (int (*)(__rlimit_resource_t, const struct rlimit *))dlsym(
        RTLD_NEXT, "setrlimit");
  struct rlimit copy = adjusted(resource, limit);
  return next(resource, &copy);
}

// x86_64: struct rlimit64 and struct rlimit are the same.
int setrlimit64(__rlimit_resource_t resource, const struct rlimit64 *limit) {
  return setrlimit(resource, (const struct rlimit *)limit);
}

int prlimit(pid_t pid, __rlimit_resource_t resource,
            const struct rlimit *limit, struct rlimit *old) {
  static int (*next)(pid_t, __rlimit_resource_t, const struct rlimit *,
                     struct rlimit *);
  if (!next)
    next = (int (*)(pid_t, __rlimit_resource_t, const struct rlimit *,
                    struct rlimit *))dlsym(RTLD_NEXT, "prlimit");
  if (!limit)
    return next(pid, resource, limit, old);
  struct rlimit copy = adjusted(resource, limit);
  return next(pid, resource, &copy, old);
}

int prlimit64(pid_t pid, __rlimit_resource_t resource,
              const struct rlimit64 *limit, struct rlimit64 *old) {
  return prlimit(pid, resource, (const struct rlimit *)limit,
                 (struct rlimit *)old);
}
