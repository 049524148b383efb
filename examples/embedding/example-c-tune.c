/*===- example-c-tune.c - cwm's C API from a C program ------------------===*\
|*                                                                          *|
|* usage: example-c-tune MODULE.mlir OPTIONS OUT.so                         *|
|* Tunes MODULE.mlir with cwm-autotune OPTIONS ("trials=8 db=t.jsonl"),     *|
|* prints the report, then compiles the module with that database into the  *|
|* CPU shared object OUT.so and prints its entry points.                    *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#include "cwm-c/Cwm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *readFile(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file)
    return NULL;
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  if (text && fread(text, 1, (size_t)size, file) != (size_t)size) {
    free(text);
    text = NULL;
  }
  if (text)
    text[size] = '\0';
  fclose(file);
  return text;
}

/* The value of `db=` in the options, or NULL. */
static char *databaseOf(const char *options) {
  const char *at = strstr(options, "db=");
  if (!at)
    return NULL;
  at += 3;
  size_t length = strcspn(at, " ");
  char *path = malloc(length + 1);
  memcpy(path, at, length);
  path[length] = '\0';
  return path;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s MODULE.mlir OPTIONS OUT.so\n", argv[0]);
    return 2;
  }
  char *module = readFile(argv[1]);
  if (!module) {
    fprintf(stderr, "example-c-tune: cannot read %s\n", argv[1]);
    return 1;
  }
  printf("cwm %s\n", cwmVersion());
  cwmRegisterPasses();

  char *tuned = NULL, *report = NULL, *error = NULL;
  if (cwmTune(module, argv[2], &tuned, &report, &error) != 0) {
    fprintf(stderr, "example-c-tune: tuning failed: %s\n", error);
    cwmFree(error);
    free(module);
    return 1;
  }
  printf("report: %s\n", report);

  char *database = databaseOf(argv[2]);
  char *signature = NULL;
  int status = cwmCompile(module, argv[3], database, &signature, &error);
  if (status != 0)
    fprintf(stderr, "example-c-tune: compiling failed: %s\n", error);
  else
    printf("entry points: %s\n", signature);
  cwmFree(tuned);
  cwmFree(report);
  cwmFree(signature);
  cwmFree(error);
  free(database);
  free(module);
  return status == 0 ? 0 : 1;
}
