// How much memory LatentLab holds, for the status bar and metrics() (issue 14: the threaded web
// build's memory is shared and has a fixed maximum, so a student should see how close it is).
#pragma once
#include <cstddef>

namespace ll {

// Bytes in blocks handed out by malloc/new and not yet freed.
size_t heap_in_use_bytes();
// Bytes the process holds: the WebAssembly memory (it grows, never shrinks) or, natively, the
// resident set.
size_t memory_reserved_bytes();

}  // namespace ll
