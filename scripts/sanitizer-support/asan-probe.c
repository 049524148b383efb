// Prints the address space (bytes) an ASan + UBSan process has reserved once
// started (shadow memory, allocator regions): what scripts/sanitize.sh adds
// to the workers' memory cap (see rlimit-shim.c). No margin on top: what
// ASan maps later (fake stacks, quarantine) counts against the cap as the
// worker's own memory, and test/Reliability/memory-limit.test needs a worker
// whose buffers exceed a 1 GB cap by only ~0.1 GB (with ASan's ~0.32 GB of
// libraries) to fail as it does in a normal build.
#include <stdio.h>
#include <string.h>

int main(void) {
  FILE *status = fopen("/proc/self/status", "r");
  char line[256];
  unsigned long long kb = 0;
  while (status && fgets(line, sizeof line, status))
    if (sscanf(line, "VmSize: %llu kB", &kb) == 1)
      break;
  if (status)
    fclose(status);
  printf("%llu\n", kb * 1024ULL);
  return kb ? 0 : 1;
}
