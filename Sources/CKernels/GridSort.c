// Passes of the decimal-grid radix sort (Stats/Core/DecimalGridSort.swift). See CKernels.h.

#include "CKernels.h"

#include <math.h>
#include <string.h>

enum { digit_mask = AUDIT_GRID_DIGIT_BUCKETS - 1 };

/// v·scale rounded half to even by adding and subtracting 1.5·2⁵² (exact for |x| < 2⁵¹; nearbyint and
/// llrint are library calls on baseline x86-64), and 0 from 2⁵¹ on and for NaN — an integer-valued double
/// whose int64 conversion is defined. v is k / scale for k = that integer when the round trip holds.
static inline double grid_rounded(double v, double scale) {
    double x = v * scale;
    double r = (x + 0x1.8p52) - 0x1.8p52;
    return fabs(x) < 0x1p51 ? r : 0.0;
}

static inline int64_t grid_integer(double v, double scale) { return (int64_t)grid_rounded(v, scale); }

static inline uint64_t bits_of(double v) {
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

enum { scan_block = 64 };

/// The scan, in blocks: a loop the compiler vectorizes (the product, its rounding, the division that
/// checks the round trip), then the block's extremes and histogram. The division dominates a scalar loop
/// (~4.5 cycles a value), hence the vectors.
static inline __attribute__((always_inline)) ptrdiff_t
grid_scan(const double *values, ptrdiff_t count, double scale, int64_t *minimum, int64_t *maximum,
          uint32_t *low_counts) {
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    double block[scan_block];
    for (ptrdiff_t start = 0; start < count; start += scan_block) {
        ptrdiff_t length = count - start < scan_block ? count - start : scan_block;
        const double *v = values + start;
        uint64_t differs = 0;
        for (ptrdiff_t i = 0; i < length; i++) {
            double r = grid_rounded(v[i], scale);
            differs |= bits_of(r / scale) ^ bits_of(v[i]);
            block[i] = r;
        }
        if (differs) {
            for (ptrdiff_t i = 0; i < length; i++) {
                if (bits_of(block[i] / scale) != bits_of(v[i])) return start + i;
            }
        }
        for (ptrdiff_t i = 0; i < length; i++) {
            int64_t k = (int64_t)block[i];
            lo = k < lo ? k : lo;
            hi = k > hi ? k : hi;
            low_counts[(uint64_t)k & digit_mask]++;
        }
    }
    *minimum = lo;
    *maximum = hi;
    return count;
}

__attribute__((target("avx2")))
static ptrdiff_t grid_scan_avx2(const double *values, ptrdiff_t count, double scale, int64_t *minimum,
                                int64_t *maximum, uint32_t *low_counts) {
    return grid_scan(values, count, scale, minimum, maximum, low_counts);
}

static ptrdiff_t grid_scan_baseline(const double *values, ptrdiff_t count, double scale, int64_t *minimum,
                                    int64_t *maximum, uint32_t *low_counts) {
    return grid_scan(values, count, scale, minimum, maximum, low_counts);
}

ptrdiff_t audit_grid_scan(const double *values, ptrdiff_t count, double scale,
                          int64_t *minimum, int64_t *maximum, uint32_t *low_counts, int level) {
    return level >= 1 && audit_vector_level() >= 1
        ? grid_scan_avx2(values, count, scale, minimum, maximum, low_counts)
        : grid_scan_baseline(values, count, scale, minimum, maximum, low_counts);
}

void audit_grid_count(const uint32_t *keys, ptrdiff_t count, unsigned shift, uint32_t *counts) {
    for (ptrdiff_t i = 0; i < count; i++) counts[(keys[i] >> shift) & digit_mask]++;
}

void audit_grid_scatter_first(const double *values, ptrdiff_t count, double scale, int64_t minimum,
                              unsigned tag_bits, uint32_t tag, uint32_t *offsets, uint32_t *out,
                              uint32_t boundary, unsigned next_shift, uint32_t *next_counts) {
    if (next_counts == NULL) {
        for (ptrdiff_t i = 0; i < count; i++) {
            uint32_t key = (uint32_t)(grid_integer(values[i], scale) - minimum) << tag_bits | tag;
            out[offsets[key & digit_mask]++] = key;
        }
        return;
    }
    for (ptrdiff_t i = 0; i < count; i++) {
        uint32_t key = (uint32_t)(grid_integer(values[i], scale) - minimum) << tag_bits | tag;
        uint32_t slot = offsets[key & digit_mask]++;
        out[slot] = key;
        next_counts[(slot >= boundary) * AUDIT_GRID_DIGIT_BUCKETS + ((key >> next_shift) & digit_mask)]++;
    }
}

void audit_grid_scatter_middle(const uint32_t *keys, ptrdiff_t count, unsigned shift,
                               uint32_t *offsets, uint32_t *out) {
    for (ptrdiff_t i = 0; i < count; i++) {
        uint32_t key = keys[i];
        out[offsets[(key >> shift) & digit_mask]++] = key;
    }
}

void audit_grid_scatter_last(const uint32_t *keys, ptrdiff_t count, unsigned shift, uint32_t *offsets,
                             int64_t minimum, double scale, double *out) {
    for (ptrdiff_t i = 0; i < count; i++) {
        uint32_t key = keys[i];
        out[offsets[(key >> shift) & digit_mask]++] = (double)((int64_t)key + minimum) / scale;
    }
}

void audit_grid_scatter_only(const double *values, ptrdiff_t count, double scale, int64_t minimum,
                             uint32_t *offsets, double *out) {
    for (ptrdiff_t i = 0; i < count; i++) {
        double v = values[i];
        uint32_t key = (uint32_t)(grid_integer(v, scale) - minimum);
        out[offsets[key & digit_mask]++] = v;
    }
}

void audit_grid_rank_walk(const uint32_t *keys, ptrdiff_t count, audit_rank_walk *walk) {
    uint32_t previous = UINT32_MAX;  // no value's id (ids are keys >> 1 < 2³¹)
    int64_t run = 0, x_in_run = 0, y_taken = 0, y_before = 0, mixed = 0;
    uint64_t cubes = 0;
    for (ptrdiff_t i = 0; i < count; i++) {
        uint32_t key = keys[i], id = key >> 1;
        int64_t is_y = key & 1, is_x = 1 - is_y, same = id == previous;
        run = same ? run + 1 : 1;
        x_in_run = (same ? x_in_run : 0) + is_x;
        cubes += 3 * (uint64_t)run * (uint64_t)(run - 1);  // the group's t³ − t, added as it grows
        mixed += is_y * x_in_run;
        y_before += is_x * y_taken;
        y_taken += is_y;
        previous = id;
    }
    walk->y_before = y_before;
    walk->mixed = mixed;
    walk->y_count = y_taken;
    walk->x_count = count - y_taken;
    walk->cubes = cubes;
}
