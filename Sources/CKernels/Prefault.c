// Touching memory ahead of the work that needs it (Stats/Core/Parallel.swift).
#include "CKernels.h"

__attribute__((noinline)) void audit_prefault_stack(size_t bytes) {
    volatile char area[bytes];
    for (size_t i = 0; i < bytes; i += 4096) { area[i] = 0; }
}
