#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Returns the heap's free pages to the operating system where the C library can (glibc's malloc_trim; elsewhere a
/// no-op). glibc keeps memory freed by one thread in that thread's arena, where another thread's allocations never
/// reuse it: a cache one connection gives up and another takes would otherwise count twice in the peak RSS.
static inline void keap_release_free_heap(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
