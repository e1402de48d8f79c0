#ifndef CLIBFUZZER_SHIM_H
#define CLIBFUZZER_SHIM_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (in the runtime that -sanitize=fuzzer links). The fuzz executable has its
   own main, so it starts libFuzzer through this instead of libFuzzer's main. Only referenced
   in builds with -DFUZZING. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
