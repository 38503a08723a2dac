// The passes of Stats' Selection over the whole sample. Both are one loop: count the values below a
// bound and copy the values inside a window to the next free slot. With vector compress (AVX-512) or a
// table of lane shuffles (AVX2) that loop takes 8 or 4 values per step with no branch on the data; four
// steps are unrolled so that the running count — the store address of the next step — advances once per
// 32 or 16 values, not once per step (that dependency chain made a one-step loop 2–5× slower). On Zen 4
// the compress is done in a register and stored whole: the compress-to-memory form is microcoded and slow.
//
// The first pass (the histogram) copies a block's window values to a small staging array on the stack and
// buckets them from there, so it writes nothing but the counts; the second copies the values of a few
// buckets, given as a value range.
#include "CKernels.h"
#include <math.h>
#include <string.h>

/// How far ahead of the loads the gathers prefetch, in values (4 KiB: a page ahead). The data's first read
/// after parsing came from memory at ~1.2 ns a value per thread on the reference VM (a plain sum as slow as
/// the whole pass over data in cache): the hardware prefetchers stop at each 4 KiB page. Prefetching every
/// line a page ahead: the pass at 10^6 1,072 -> 917 us, the order interval at 10^5 222 -> 191 us (medians
/// of 21 and 41; 2 KiB and 8 KiB ahead were between).
enum { prefetch_ahead = 512 };

int32_t audit_window_bucket(const audit_window *w, double v) {
    if (v < w->a) { return 0; }
    if (v > w->b) { return w->buckets + 1; }
    double t = fmax((v - w->a) * w->scale, 0.0);   // fmax drops a NaN (∞·0)
    t = fmin(t, (double)(w->buckets - 1));
    return 1 + (int32_t)t;
}

/// Without vector instructions: every value is stored at the next free slot, which advances only when
/// the value is kept (no branch on the data, which would mispredict inside a window of a few percent).
static ptrdiff_t gather_scalar(const double *x, ptrdiff_t n, double low, double high,
                               double *out, ptrdiff_t *below, ptrdiff_t kept, ptrdiff_t under) {
    for (ptrdiff_t i = 0; i < n; i++) {
        double v = x[i];
        out[kept] = v;
        under += v < low;
        kept += (v >= low) & (v <= high);
    }
    *below = under;
    return kept;
}

#if defined(__x86_64__)
#include <immintrin.h>

int audit_vector_level(void) {
    // Any thread may ask first; they all compute the same answer (relaxed atomics keep that race defined).
    static int known = -1;
    int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (answer < 0) {
        __builtin_cpu_init();
        // Level 2's bucket code also uses AVX2 instructions (every AVX-512 processor has them; checked anyway).
        int avx2 = __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("avx2");
        answer = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") ? 2 : avx2 ? 1 : 0;
        __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
    }
    return answer;
}

__attribute__((target("avx512f,avx512vl,popcnt")))
static ptrdiff_t gather_avx512(const double *x, ptrdiff_t n, double low, double high,
                               double *out, ptrdiff_t *below) {
    const __m512d lo = _mm512_set1_pd(low), hi = _mm512_set1_pd(high);
    ptrdiff_t i = 0, kept = 0, under = 0;
    for (; i + 32 <= n; i += 32) {
        _mm_prefetch((const char *)(x + i + prefetch_ahead), _MM_HINT_T0);
        _mm_prefetch((const char *)(x + i + prefetch_ahead + 8), _MM_HINT_T0);
        _mm_prefetch((const char *)(x + i + prefetch_ahead + 16), _MM_HINT_T0);
        _mm_prefetch((const char *)(x + i + prefetch_ahead + 24), _MM_HINT_T0);
        __m512d v0 = _mm512_loadu_pd(x + i), v1 = _mm512_loadu_pd(x + i + 8);
        __m512d v2 = _mm512_loadu_pd(x + i + 16), v3 = _mm512_loadu_pd(x + i + 24);
        __mmask8 l0 = _mm512_cmp_pd_mask(v0, lo, _CMP_LT_OQ), l1 = _mm512_cmp_pd_mask(v1, lo, _CMP_LT_OQ);
        __mmask8 l2 = _mm512_cmp_pd_mask(v2, lo, _CMP_LT_OQ), l3 = _mm512_cmp_pd_mask(v3, lo, _CMP_LT_OQ);
        __mmask8 k0 = _mm512_mask_cmp_pd_mask((__mmask8)~l0, v0, hi, _CMP_LE_OQ);
        __mmask8 k1 = _mm512_mask_cmp_pd_mask((__mmask8)~l1, v1, hi, _CMP_LE_OQ);
        __mmask8 k2 = _mm512_mask_cmp_pd_mask((__mmask8)~l2, v2, hi, _CMP_LE_OQ);
        __mmask8 k3 = _mm512_mask_cmp_pd_mask((__mmask8)~l3, v3, hi, _CMP_LE_OQ);
        ptrdiff_t p0 = _mm_popcnt_u32(k0), p1 = _mm_popcnt_u32(k1), p2 = _mm_popcnt_u32(k2);
        _mm512_storeu_pd(out + kept, _mm512_maskz_compress_pd(k0, v0));
        _mm512_storeu_pd(out + kept + p0, _mm512_maskz_compress_pd(k1, v1));
        _mm512_storeu_pd(out + kept + p0 + p1, _mm512_maskz_compress_pd(k2, v2));
        _mm512_storeu_pd(out + kept + p0 + p1 + p2, _mm512_maskz_compress_pd(k3, v3));
        under += _mm_popcnt_u32((uint32_t)l0 | (uint32_t)l1 << 8 | (uint32_t)l2 << 16 | (uint32_t)l3 << 24);
        kept += p0 + p1 + p2 + _mm_popcnt_u32(k3);
    }
    return gather_scalar(x + i, n - i, low, high, out, below, kept, under);
}

/// For each 4-bit mask, the 32-bit lane indices that move the kept 64-bit lanes to the front.
static const int32_t compress4[16][8] = {
    {0, 1, 0, 1, 0, 1, 0, 1}, {0, 1, 0, 1, 0, 1, 0, 1}, {2, 3, 0, 1, 0, 1, 0, 1}, {0, 1, 2, 3, 0, 1, 0, 1},
    {4, 5, 0, 1, 0, 1, 0, 1}, {0, 1, 4, 5, 0, 1, 0, 1}, {2, 3, 4, 5, 0, 1, 0, 1}, {0, 1, 2, 3, 4, 5, 0, 1},
    {6, 7, 0, 1, 0, 1, 0, 1}, {0, 1, 6, 7, 0, 1, 0, 1}, {2, 3, 6, 7, 0, 1, 0, 1}, {0, 1, 2, 3, 6, 7, 0, 1},
    {4, 5, 6, 7, 0, 1, 0, 1}, {0, 1, 4, 5, 6, 7, 0, 1}, {2, 3, 4, 5, 6, 7, 0, 1}, {0, 1, 2, 3, 4, 5, 6, 7},
};

__attribute__((target("avx2,popcnt")))
static inline __m256d compress_avx2(__m256d v, int mask) {
    __m256i order = _mm256_loadu_si256((const __m256i *)compress4[mask]);
    return _mm256_castsi256_pd(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(v), order));
}

/// Loads x[i ..< i + 16] into v0…v3 and prefetches the block's two lines 4 KiB ahead (the hardware prefetchers
/// stop at each page): the head of both AVX2 gathers' blocks of 16.
#define AUDIT_AVX2_LOAD16(x, i, v0, v1, v2, v3) \
    _mm_prefetch((const char *)((x) + (i) + prefetch_ahead), _MM_HINT_T0); \
    _mm_prefetch((const char *)((x) + (i) + prefetch_ahead + 8), _MM_HINT_T0); \
    __m256d v0 = _mm256_loadu_pd((x) + (i)), v1 = _mm256_loadu_pd((x) + (i) + 4); \
    __m256d v2 = _mm256_loadu_pd((x) + (i) + 8), v3 = _mm256_loadu_pd((x) + (i) + 12)

/// The four values' lanes below `lo` subtracted from a running count (a true compare is −1 in every bit),
/// and the mask of those in [lo, hi]: one move to a general register per vector instead of two.
#define AUDIT_AVX2_SPLIT(v, l, k) \
    __m256d l = _mm256_cmp_pd(v, lo, _CMP_LT_OQ); \
    under4 = _mm256_sub_epi64(under4, _mm256_castpd_si256(l)); \
    __m256d k = _mm256_andnot_pd(l, _mm256_cmp_pd(v, hi, _CMP_LE_OQ))

/// Stores the lanes of v0…v3 whose mask m0…m3 is set, in order, at out + kept (each vector stored whole:
/// 4 values of room past the end), and returns the new kept count. The running count advances once per 16
/// values.
__attribute__((target("avx2,popcnt"), always_inline))
static inline ptrdiff_t store_kept_avx2(double *out, ptrdiff_t kept, __m256d v0, __m256d v1, __m256d v2, __m256d v3,
                                        __m256d m0, __m256d m1, __m256d m2, __m256d m3) {
    int k0 = _mm256_movemask_pd(m0), k1 = _mm256_movemask_pd(m1);
    int k2 = _mm256_movemask_pd(m2), k3 = _mm256_movemask_pd(m3);
    ptrdiff_t p0 = _mm_popcnt_u32(k0), p1 = _mm_popcnt_u32(k1), p2 = _mm_popcnt_u32(k2);
    _mm256_storeu_pd(out + kept, compress_avx2(v0, k0));
    _mm256_storeu_pd(out + kept + p0, compress_avx2(v1, k1));
    _mm256_storeu_pd(out + kept + p0 + p1, compress_avx2(v2, k2));
    _mm256_storeu_pd(out + kept + p0 + p1 + p2, compress_avx2(v3, k3));
    return kept + p0 + p1 + p2 + _mm_popcnt_u32(k3);
}

/// The lanes of under4 summed.
__attribute__((target("avx2,popcnt")))
static inline ptrdiff_t sum_lanes(__m256i under4) {
    int64_t lanes[4];
    _mm256_storeu_si256((__m256i *)lanes, under4);
    return (ptrdiff_t)(lanes[0] + lanes[1] + lanes[2] + lanes[3]);
}

/// The AVX2 gather; `sparse` (a constant in each caller below) skips the shuffles for a block of 16 values
/// with none in range — faster for a range that holds few of the values (the second pass: a few buckets),
/// slower when most blocks have some (the first pass's staging).
__attribute__((target("avx2,popcnt"), always_inline))
static inline ptrdiff_t gather_avx2_blocks(const double *x, ptrdiff_t n, double low, double high,
                                           double *out, ptrdiff_t *below, int sparse) {
    const __m256d lo = _mm256_set1_pd(low), hi = _mm256_set1_pd(high);
    __m256i under4 = _mm256_setzero_si256();
    ptrdiff_t i = 0, kept = 0;
    for (; i + 16 <= n; i += 16) {
        AUDIT_AVX2_LOAD16(x, i, v0, v1, v2, v3);
        AUDIT_AVX2_SPLIT(v0, l0, m0); AUDIT_AVX2_SPLIT(v1, l1, m1);
        AUDIT_AVX2_SPLIT(v2, l2, m2); AUDIT_AVX2_SPLIT(v3, l3, m3);
        if (sparse) {
            __m256d any = _mm256_or_pd(_mm256_or_pd(m0, m1), _mm256_or_pd(m2, m3));
            if (_mm256_testz_pd(any, any)) { continue; }
        }
        kept = store_kept_avx2(out, kept, v0, v1, v2, v3, m0, m1, m2, m3);
    }
    return gather_scalar(x + i, n - i, low, high, out, below, kept, sum_lanes(under4));
}
__attribute__((target("avx2,popcnt")))
static ptrdiff_t gather_avx2(const double *x, ptrdiff_t n, double low, double high, double *out, ptrdiff_t *below) {
    return gather_avx2_blocks(x, n, low, high, out, below, 0);
}

__attribute__((target("avx2,popcnt")))
static ptrdiff_t gather_sparse_avx2(const double *x, ptrdiff_t n, double low, double high, double *out, ptrdiff_t *below) {
    return gather_avx2_blocks(x, n, low, high, out, below, 1);
}
#undef AUDIT_AVX2_SPLIT
/// Adds the buckets of m window values to counts, eight at a time: the same arithmetic as
/// audit_window_bucket (max returns its second operand, 0, for a NaN product, as fmax drops it).
__attribute__((target("avx2,avx512f,avx512vl,popcnt")))
static void count_buckets_avx512(const double *v, ptrdiff_t m, const audit_window *w, uint32_t *counts) {
    const __m512d a = _mm512_set1_pd(w->a), b = _mm512_set1_pd(w->b), scale = _mm512_set1_pd(w->scale);
    const __m512d top = _mm512_set1_pd((double)(w->buckets - 1));
    const __m256i one = _mm256_set1_epi32(1), zero = _mm256_setzero_si256(), over = _mm256_set1_epi32(w->buckets + 1);
    int32_t k[8];
    ptrdiff_t j = 0;
    for (; j + 8 <= m; j += 8) {
        __m512d x = _mm512_loadu_pd(v + j);
        __m512d t = _mm512_min_pd(_mm512_max_pd(_mm512_mul_pd(_mm512_sub_pd(x, a), scale), _mm512_setzero_pd()), top);
        __m256i bucket = _mm256_add_epi32(_mm512_cvttpd_epi32(t), one);
        bucket = _mm256_mask_blend_epi32(_mm512_cmp_pd_mask(x, a, _CMP_LT_OQ), bucket, zero);
        bucket = _mm256_mask_blend_epi32(_mm512_cmp_pd_mask(x, b, _CMP_GT_OQ), bucket, over);
        _mm256_storeu_si256((__m256i *)k, bucket);
        counts[k[0]]++; counts[k[1]]++; counts[k[2]]++; counts[k[3]]++;
        counts[k[4]]++; counts[k[5]]++; counts[k[6]]++; counts[k[7]]++;
    }
    for (; j < m; j++) { counts[audit_window_bucket(w, v[j])]++; }
}

/// count_buckets_avx2 for a window with two finite ends that are its map's ends (a = low, b = high, which
/// Selection's windows are unless a side is open): every staged value lies in [a, b], so its bucket is
/// 1 + min(⌊(v − a)·scale⌋, buckets − 1) with no test against a or b ((v − a)·scale is finite and ≥ 0).
__attribute__((target("avx2,popcnt")))
static void count_buckets_inside_avx2(const double *v, ptrdiff_t m, const audit_window *w, uint32_t *counts) {
    const __m256d a = _mm256_set1_pd(w->a), scale = _mm256_set1_pd(w->scale);
    const __m256d top = _mm256_set1_pd((double)(w->buckets - 1));
    uint32_t *c = counts + 1;
    ptrdiff_t j = 0;
    for (; j + 8 <= m; j += 8) {
        __m256d t0 = _mm256_min_pd(_mm256_mul_pd(_mm256_sub_pd(_mm256_loadu_pd(v + j), a), scale), top);
        __m256d t1 = _mm256_min_pd(_mm256_mul_pd(_mm256_sub_pd(_mm256_loadu_pd(v + j + 4), a), scale), top);
        __m256i k = _mm256_setr_m128i(_mm256_cvttpd_epi32(t0), _mm256_cvttpd_epi32(t1));
        // Two 64-bit halves per 128 bits, each holding two bucket numbers.
        uint64_t k0 = (uint64_t)_mm256_extract_epi64(k, 0), k1 = (uint64_t)_mm256_extract_epi64(k, 1);
        uint64_t k2 = (uint64_t)_mm256_extract_epi64(k, 2), k3 = (uint64_t)_mm256_extract_epi64(k, 3);
        c[(uint32_t)k0]++; c[k0 >> 32]++; c[(uint32_t)k1]++; c[k1 >> 32]++;
        c[(uint32_t)k2]++; c[k2 >> 32]++; c[(uint32_t)k3]++; c[k3 >> 32]++;
    }
    for (; j < m; j++) { counts[audit_window_bucket(w, v[j])]++; }
}

__attribute__((target("avx2,popcnt")))
static void count_buckets_avx2(const double *v, ptrdiff_t m, const audit_window *w, uint32_t *counts) {
    if (w->a == w->low && w->b == w->high && isfinite(w->low) && isfinite(w->high)) {
        count_buckets_inside_avx2(v, m, w, counts);
        return;
    }
    const __m256d a = _mm256_set1_pd(w->a), b = _mm256_set1_pd(w->b), scale = _mm256_set1_pd(w->scale);
    const __m256d top = _mm256_set1_pd((double)(w->buckets - 1));
    const __m128i one = _mm_set1_epi32(1), over = _mm_set1_epi32(w->buckets + 1);
    int32_t k[4];
    ptrdiff_t j = 0;
    for (; j + 4 <= m; j += 4) {
        __m256d x = _mm256_loadu_pd(v + j);
        __m256d t = _mm256_min_pd(_mm256_max_pd(_mm256_mul_pd(_mm256_sub_pd(x, a), scale), _mm256_setzero_pd()), top);
        __m128i bucket = _mm_add_epi32(_mm256_cvttpd_epi32(t), one);
        // The compare masks (all ones per 64-bit lane) narrowed to 32-bit lanes.
        __m128i below = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(
            _mm256_castpd_si256(_mm256_cmp_pd(x, a, _CMP_LT_OQ)), _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6)));
        __m128i above = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(
            _mm256_castpd_si256(_mm256_cmp_pd(x, b, _CMP_GT_OQ)), _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6)));
        bucket = _mm_andnot_si128(below, bucket);
        bucket = _mm_blendv_epi8(bucket, over, above);
        _mm_storeu_si128((__m128i *)k, bucket);
        counts[k[0]]++; counts[k[1]]++; counts[k[2]]++; counts[k[3]]++;
    }
    for (; j < m; j++) { counts[audit_window_bucket(w, v[j])]++; }
}
#else
int audit_vector_level(void) { return 0; }
#endif

/// The vector path to take: the one asked for, at most the widest this processor has.
static int capped_level(int level) {
    int usable = audit_vector_level();
    return level < usable ? level : usable;
}

/// Adds the buckets of the m window values v to counts (the widest path up to `level`).
static void count_buckets(const double *v, ptrdiff_t m, const audit_window *w, uint32_t *counts, int level) {
#if defined(__x86_64__)
    level = capped_level(level);
    if (level == 2) { count_buckets_avx512(v, m, w, counts); return; }
    if (level == 1) { count_buckets_avx2(v, m, w, counts); return; }
#endif
    for (ptrdiff_t j = 0; j < m; j++) { counts[audit_window_bucket(w, v[j])]++; }
}

/// The widest gather up to `level`; `sparse` picks the AVX2 form that skips empty blocks.
static ptrdiff_t gather(const double *x, ptrdiff_t n, double low, double high, double *out, ptrdiff_t *below,
                        int level, int sparse) {
#if defined(__x86_64__)
    level = capped_level(level);
    if (level == 2) { return gather_avx512(x, n, low, high, out, below); }
    if (level == 1) {
        return sparse ? gather_sparse_avx2(x, n, low, high, out, below) : gather_avx2(x, n, low, high, out, below);
    }
#endif
    return gather_scalar(x, n, low, high, out, below, 0, 0);
}

/// The union gather without vector instructions (and the vector paths' tail): every value is stored at the
/// next free slot, which advances when it lies in any of the k ranges.
static ptrdiff_t gather_ranges_scalar(const double *x, ptrdiff_t n, const double *lows, const double *highs, int k,
                                      double *out, ptrdiff_t kept) {
    for (ptrdiff_t i = 0; i < n; i++) {
        double v = x[i];
        int in = 0;
        for (int j = 0; j < k; j++) { in |= (v >= lows[j]) & (v <= highs[j]); }
        out[kept] = v;
        kept += in;
    }
    return kept;
}

#if defined(__x86_64__)
/// The AVX2 union gather (also the AVX-512 machines' path): four ranges, the unused ones empty (+inf, -inf),
/// a block of 16 values with none in any range costs its compares and one test.
__attribute__((target("avx2,popcnt")))
static ptrdiff_t gather_ranges_avx2(const double *x, ptrdiff_t n, const double *lows, const double *highs, int k,
                                    double *out) {
    double l[4], h[4];
    for (int j = 0; j < 4; j++) { l[j] = j < k ? lows[j] : INFINITY; h[j] = j < k ? highs[j] : -INFINITY; }
    const __m256d l0 = _mm256_set1_pd(l[0]), l1 = _mm256_set1_pd(l[1]), l2 = _mm256_set1_pd(l[2]), l3 = _mm256_set1_pd(l[3]);
    const __m256d h0 = _mm256_set1_pd(h[0]), h1 = _mm256_set1_pd(h[1]), h2 = _mm256_set1_pd(h[2]), h3 = _mm256_set1_pd(h[3]);
#define AUDIT_IN_RANGE(v, lo, hi) _mm256_and_pd(_mm256_cmp_pd(v, lo, _CMP_GE_OQ), _mm256_cmp_pd(v, hi, _CMP_LE_OQ))
#define AUDIT_IN_ANY(v) _mm256_or_pd(_mm256_or_pd(AUDIT_IN_RANGE(v, l0, h0), AUDIT_IN_RANGE(v, l1, h1)), \
                                     _mm256_or_pd(AUDIT_IN_RANGE(v, l2, h2), AUDIT_IN_RANGE(v, l3, h3)))
    ptrdiff_t i = 0, kept = 0;
    for (; i + 16 <= n; i += 16) {
        AUDIT_AVX2_LOAD16(x, i, v0, v1, v2, v3);
        __m256d m0 = AUDIT_IN_ANY(v0), m1 = AUDIT_IN_ANY(v1), m2 = AUDIT_IN_ANY(v2), m3 = AUDIT_IN_ANY(v3);
        __m256d any = _mm256_or_pd(_mm256_or_pd(m0, m1), _mm256_or_pd(m2, m3));
        if (_mm256_testz_pd(any, any)) { continue; }
        kept = store_kept_avx2(out, kept, v0, v1, v2, v3, m0, m1, m2, m3);
    }
#undef AUDIT_IN_ANY
#undef AUDIT_IN_RANGE
    return gather_ranges_scalar(x + i, n - i, l, h, 4, out, kept);
}
#endif

ptrdiff_t audit_window_gather_ranges(const double *x, ptrdiff_t n, const double *lows, const double *highs, int k,
                                     double *out, int level) {
#if defined(__x86_64__)
    if (k <= 4 && capped_level(level) >= 1) { return gather_ranges_avx2(x, n, lows, highs, k, out); }
#endif
    return gather_ranges_scalar(x, n, lows, highs, k, out, 0);
}

ptrdiff_t audit_window_gather(const double *x, ptrdiff_t n, double low, double high,
                              double *out, ptrdiff_t *below, int level) {
    return gather(x, n, low, high, out, below, level, 0);
}

ptrdiff_t audit_window_gather_sparse(const double *x, ptrdiff_t n, double low, double high,
                                     double *out, ptrdiff_t *below, int level) {
    return gather(x, n, low, high, out, below, level, 1);
}

/// Values per staged block of the first pass (16 KiB of staging: stays in L1).
enum { block = 2048 };

ptrdiff_t audit_window_histogram_band(const double *x, ptrdiff_t n, const audit_window *w, uint32_t *counts,
                                      ptrdiff_t *below, double band_low, double band_high, double *keep,
                                      ptrdiff_t capacity, int level) {
    double stage[block + 8];
    ptrdiff_t under = 0, kept = 0;
    int keeping = keep != NULL;
    // A band that is the whole window: the gather writes straight to keep and the block is bucketed from
    // there (no staging copy and no second compress), while keep has room for the whole block plus 8.
    int whole = keeping && band_low <= w->low && band_high >= w->high;
    for (ptrdiff_t from = 0; from < n; from += block) {
        ptrdiff_t size = n - from < block ? n - from : block, blockBelow = 0;
        if (whole && keeping && kept + size + 8 <= capacity) {
            ptrdiff_t got = audit_window_gather(x + from, size, w->low, w->high, keep + kept, &blockBelow, level);
            under += blockBelow;
            count_buckets(keep + kept, got, w, counts, level);
            kept += got;
            continue;
        }
        ptrdiff_t staged = audit_window_gather(x + from, size, w->low, w->high, stage, &blockBelow, level);
        under += blockBelow;
        count_buckets(stage, staged, w, counts, level);
        // The band's share of the staged values (room for all of them and the gather's 8 slots is checked).
        keeping = keeping && kept + staged + 8 <= capacity;
        if (keeping) {
            ptrdiff_t ignored = 0;
            kept += audit_window_gather_sparse(stage, staged, band_low, band_high, keep + kept, &ignored, level);
        }
    }
    *below = under;
    return keeping ? kept : -1;
}

void audit_window_histogram(const double *x, ptrdiff_t n, const audit_window *w,
                            uint32_t *counts, ptrdiff_t *below, int level) {
    // The band loop with nothing to keep (one predicted test per block of 2,048 values).
    (void)audit_window_histogram_band(x, n, w, counts, below, INFINITY, -INFINITY, NULL, 0, level);
}

/// The order-preserving integer key of a double (flip every bit of a negative one, the sign of a
/// positive one) and back.
static uint64_t key_of(double v) { uint64_t b; memcpy(&b, &v, 8); return b >> 63 ? ~b : b | (1ULL << 63); }
static double value_of(uint64_t k) { uint64_t b = k >> 63 ? k & ~(1ULL << 63) : ~k; double v; memcpy(&v, &b, 8); return v; }

/// The smallest key in lo…hi whose value's bucket is ≥ k (hi's value must qualify).
static uint64_t first_key_at_least(const audit_window *w, int32_t k, uint64_t lo, uint64_t hi) {
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        double v = value_of(mid);
        if (v != v || audit_window_bucket(w, v) < k) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
}

void audit_window_value_range(const audit_window *w, int32_t first, int32_t last, double *from, double *to) {
    // The window's values in key order run from key(low) to key(high) (NaN keys lie outside ±∞'s).
    int32_t lowest = audit_window_bucket(w, w->low), highest = audit_window_bucket(w, w->high);
    if (first > last || first > highest || last < lowest) { *from = INFINITY; *to = -INFINITY; return; }
    uint64_t lo = key_of(w->low), hi = key_of(w->high);
    *from = first <= lowest ? w->low : value_of(first_key_at_least(w, first, lo, hi));
    // The first key past the run, minus one (its value is the run's largest).
    *to = last >= highest ? w->high : value_of(first_key_at_least(w, last + 1, lo, hi) - 1);
}
