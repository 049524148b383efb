// Prints the address space (bytes) an ASan + UBSan process has reserved once
// started: what scripts/sanitize.sh adds to the workers' memory cap (see
// rlimit-shim.c), plus 1 GiB for what ASan maps later (quarantine, fake
// stacks, allocator metadata).
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
  printf("%llu\n", kb * 1024ULL + (1ULL << 30));
  return kb ? 0 : 1;
}
