// Touching memory ahead of the work that needs it (Stats/Core/Parallel.swift).
#define _GNU_SOURCE
#include "CKernels.h"
#include <link.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

__attribute__((noinline)) void audit_prefault_stack(size_t bytes) {
    volatile char area[bytes];
    for (size_t i = 0; i < bytes; i += 4096) { area[i] = 0; }
}

void *audit_frame_address(void) { return __builtin_frame_address(0); }

size_t audit_populate_below(const void *top, size_t bytes) {
    uintptr_t high = (uintptr_t)top & ~(uintptr_t)4095, step = 16 << 10;
    size_t done = 0;
    while (done + step <= bytes && high >= step) {
        if (madvise((void *)(high - step), step, MADV_POPULATE_WRITE) != 0) { break; }
        high -= step;
        done += step;
    }
    return done;
}

struct library_request { const char *name; size_t bytes; };

static int populate_library(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct library_request *request = data;
    if (info->dlpi_name == NULL || strstr(info->dlpi_name, request->name) == NULL) { return 0; }
    for (int k = 0; k < info->dlpi_phnum; k++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[k];
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W)) { continue; }
        uintptr_t start = (info->dlpi_addr + ph->p_vaddr) & ~(uintptr_t)4095;
        uintptr_t end = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + 4095) & ~(uintptr_t)4095;
        if (madvise((void *)start, end - start, MADV_POPULATE_READ) == 0) { request->bytes += end - start; }
    }
    return 0;
}

size_t audit_populate_library(const char *name) {
    struct library_request request = { name, 0 };
    dl_iterate_phdr(populate_library, &request);
    return request.bytes;
}

void audit_with_stack_scratch(size_t bytes, void (*body)(void *scratch, void *context), void *context) {
    // 64-byte aligned (whole cache lines for the kernels' vector stores); at least one line.
    _Alignas(64) unsigned char area[(bytes + 63) / 64 * 64 + 64];
    body(area, context);
}
