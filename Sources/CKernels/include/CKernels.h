#ifndef AUDIT_CKERNELS_H
#define AUDIT_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Inner loops that need instructions Swift cannot ask for (vector compress), each with a portable
/// scalar version that gives the same result. Called from Stats; see Sources/CKernels/README.md.

/// The widest vector path this processor runs: 2 = AVX-512 (F, VL, with AVX2 and POPCNT), 1 = AVX2 (and POPCNT),
/// 0 = none (checked once).
int audit_vector_level(void);

/// One pass over x[0..<n]: counts the values below `low` into *below and copies the values in
/// [low, high] (both ends included) to out, in their order in x; returns how many it copied. out needs
/// room for that many + 8 (whole vectors are stored at the next free slot). NaN must not occur in x.
/// `level` caps the vector path (audit_vector_level's numbering; tests compare the paths).
ptrdiff_t audit_window_gather(const double *x, ptrdiff_t n, double low, double high,
                              double *out, ptrdiff_t *below, int level);

/// audit_window_gather for a range expected to hold few of the values (the second pass): the same result;
/// the AVX2 path skips the copy for blocks of 16 values with none in range (slower when most blocks have some).
ptrdiff_t audit_window_gather_sparse(const double *x, ptrdiff_t n, double low, double high,
                                     double *out, ptrdiff_t *below, int level);

/// A value window [low, high] (either end may be infinite) and a map of its values to buckets:
/// below a → 0, above b → buckets + 1, else 1 + min(buckets − 1, ⌊max(0, (v − a)·scale)⌋) (a NaN
/// product counts as 0). The map never decreases as v grows, so every copy of a value shares a bucket
/// and a run of buckets holds a run of the ascending order. a ≤ b, scale ≥ 0 finite, buckets ≥ 1.
typedef struct {
    double low, high;
    double a, b, scale;
    int32_t buckets;
} audit_window;

/// Bucket of a value inside the window (the map above).
int32_t audit_window_bucket(const audit_window *w, double v);

/// First pass: counts the values of x[0..<n] below w->low into *below and adds one to
/// counts[bucket(v)] for every v in the window (counts has buckets + 2 entries and is not cleared).
void audit_window_histogram(const double *x, ptrdiff_t n, const audit_window *w,
                            uint32_t *counts, ptrdiff_t *below, int level);

/// audit_window_histogram that also copies the window's values in [band_low, band_high] (a narrower range
/// the caller expects the wanted ranks in) to keep, in their order in x, and returns how many — while they
/// fit: before each block's copy, capacity must leave room for all of that block's window values plus 8;
/// once it does not, nothing more is copied and it returns −1. keep may be NULL (returns −1). A band that
/// holds the whole window is gathered straight into keep (no staging) while a whole block fits there.
ptrdiff_t audit_window_histogram_band(const double *x, ptrdiff_t n, const audit_window *w, uint32_t *counts,
                                      ptrdiff_t *below, double band_low, double band_high, double *keep,
                                      ptrdiff_t capacity, int level);

/// The values of x[0..<n] in any of the k closed ranges [lows[j], highs[j]] (k >= 1; the vector paths take
/// up to 4), copied to out in their order in x (out needs 8 values of room past the last); returns how many.
/// The second pass copies a few separate runs of buckets at once with it.
ptrdiff_t audit_window_gather_ranges(const double *x, ptrdiff_t n, const double *lows, const double *highs, int k,
                                     double *out, int level);

/// The values of the window whose bucket lies in first…last form the closed range [*from, *to] (numeric
/// order; from > to when no value of the window can lie there): the second pass copies such ranges with
/// audit_window_gather_ranges. Found by bisecting the order of doubles with audit_window_bucket itself, so the
/// two passes agree value for value.
void audit_window_value_range(const audit_window *w, int32_t first, int32_t last, double *from, double *to);

/// Decimal-grid radix sort (Stats/Core/DecimalGridSort.swift): values that are all k / scale for integers
/// k (scale a power of ten, |k| < 2⁵¹) sort as their integers, offset by the smallest: keys
/// u = k − minimum of at most 32 bits, in passes of 11-bit digits. Equal keys are identical values.
#define AUDIT_GRID_DIGIT_BITS 11
#define AUDIT_GRID_DIGIT_BUCKETS (1 << AUDIT_GRID_DIGIT_BITS)

/// One pass over values[0..<count]: the index of the first value that is not, bit for bit,
/// (double)k / scale with k = round(v·scale) and |v·scale| < 2⁵¹ (−0.0, NaN, ±∞ and values off the grid),
/// or count when every value is — and then the smallest and largest k, with one added to
/// low_counts[k mod 2048] per value (AUDIT_GRID_DIGIT_BUCKETS entries, not cleared). `level` caps the
/// vector path as in audit_window_gather (1 and up: AVX2 when the processor has it).
ptrdiff_t audit_grid_scan(const double *values, ptrdiff_t count, double scale,
                          int64_t *minimum, int64_t *maximum, uint32_t *low_counts, int level);

/// Adds one to counts[(key >> shift) mod 2048] per key.
void audit_grid_count(const uint32_t *keys, ptrdiff_t count, unsigned shift, uint32_t *counts);

/// The first of several passes: writes each value's key u = (k − minimum) << tag_bits | tag to
/// out[offsets[u mod 2048]++] (tag_bits 0 and tag 0 for a plain sort; a pooled rank sum tags y with 1).
/// With next_counts (2 × AUDIT_GRID_DIGIT_BUCKETS, not cleared) it also counts the next pass's digit,
/// (u >> next_shift) mod 2048, per half of the output: slots below `boundary`, then the rest.
void audit_grid_scatter_first(const double *values, ptrdiff_t count, double scale, int64_t minimum,
                              unsigned tag_bits, uint32_t tag, uint32_t *offsets, uint32_t *out,
                              uint32_t boundary, unsigned next_shift, uint32_t *next_counts);

/// A middle pass: out[offsets[(u >> shift) mod 2048]++] = u.
void audit_grid_scatter_middle(const uint32_t *keys, ptrdiff_t count, unsigned shift,
                               uint32_t *offsets, uint32_t *out);

/// The last pass: writes the value of each key, (double)(u + minimum) / scale, to
/// out[offsets[(u >> shift) mod 2048]++].
void audit_grid_scatter_last(const uint32_t *keys, ptrdiff_t count, unsigned shift, uint32_t *offsets,
                             int64_t minimum, double scale, double *out);

/// The only pass (every key below 2048): out[offsets[u]++] = v.
void audit_grid_scatter_only(const double *values, ptrdiff_t count, double scale, int64_t minimum,
                             uint32_t *offsets, double *out);

/// The sums of a walk over sorted pooled keys id << 1 | (1 for y), x first among equal ids
/// (Stats/TwoSample/GridRankSum.swift): Σₓ #(y before x) within the walk, Σ_groups c·(t − c) with c of a
/// tie group's t keys from x, the counts, and Σ_groups (t³ − t) — exact for fewer than 2²¹ keys (Σ t³ < 2⁶³).
typedef struct {
    int64_t y_before, mixed, x_count, y_count;
    uint64_t cubes;
} audit_rank_walk;

/// Walks keys[0..<count] (sorted ascending; the caller cuts between tie groups) into *walk.
void audit_grid_rank_walk(const uint32_t *keys, ptrdiff_t count, audit_rank_walk *walk);

/// Writes one byte per 4 KiB page of the `bytes` of stack below the caller's frame, so that the pages are
/// mapped before work that will need them (a helper thread's fresh stack otherwise faults inside a step).
void audit_prefault_stack(size_t bytes);
/// The calling function's frame address (a point on the calling thread's stack).
void *audit_frame_address(void);
/// Maps the pages below `top`, down to `bytes` or the bottom of the mapping (MADV_POPULATE_WRITE: as a write
/// would, without changing what is there), in 16 KiB steps from the top; returns the bytes mapped.
size_t audit_populate_below(const void *top, size_t bytes);
/// Maps the read-only segments (code, constants) of the loaded objects whose file name contains `name`
/// (MADV_POPULATE_READ); returns the bytes mapped.
size_t audit_populate_library(const char *name);
/// Calls body(scratch, context) with `bytes` of uninitialised, 64-byte aligned scratch on the calling thread's stack.
void audit_with_stack_scratch(size_t bytes, void (*body)(void *scratch, void *context), void *context);

#endif
