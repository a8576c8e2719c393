#include "core/memory_use.h"

#include <malloc.h>

#include <fstream>

#include <unistd.h>

namespace ll {

size_t heap_in_use_bytes() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  return mallinfo2().uordblks;  // mallinfo's int fields overflow past 2 GiB
#else
  return size_t(unsigned(mallinfo().uordblks));  // emscripten's dlmalloc
#endif
}

size_t memory_reserved_bytes() {
#if defined(__wasm__)
  return __builtin_wasm_memory_size(0) * 65536;
#else
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * size_t(sysconf(_SC_PAGESIZE));
#endif
}

}  // namespace ll
