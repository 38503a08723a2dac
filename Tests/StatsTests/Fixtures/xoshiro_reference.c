/* Reference outputs for Xoshiro256StarStar: the xoshiro256** 1.0 algorithm as published by
   Blackman & Vigna (prng.di.unimi.it), with a SplitMix64 seeding step, in plain C.
   Build and run:  cc -O2 -o /tmp/xo xoshiro_reference.c && /tmp/xo > xoshiro.json */
#include <stdint.h>
#include <stdio.h>

static uint64_t s[4];
static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}
static void jump(void) {
    static const uint64_t JUMP[] = { 0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa, 0x39abdc4529b1661c };
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if (JUMP[i] & UINT64_C(1) << b) { s0 ^= s[0]; s1 ^= s[1]; s2 ^= s[2]; s3 ^= s[3]; }
            next();
        }
    s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}
static uint64_t sm;
static uint64_t splitmix(void) {
    uint64_t z = (sm += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}
static void print_outputs(const char *name, int count, int last) {
    printf("  \"%s\": [", name);
    for (int i = 0; i < count; i++) printf("\"%llu\"%s", (unsigned long long)next(), i + 1 < count ? ", " : "");
    printf("]%s\n", last ? "" : ",");
}
int main(void) {
    printf("{\n  \"generator\": \"xoshiro_reference.c (xoshiro256** 1.0 reference algorithm)\",\n");
    s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
    print_outputs("state1234", 8, 0);
    s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4; jump();
    print_outputs("state1234AfterJump", 4, 0);
    sm = 42; s[0] = splitmix(); s[1] = splitmix(); s[2] = splitmix(); s[3] = splitmix();
    print_outputs("seed42", 8, 0);
    sm = 42; s[0] = splitmix(); s[1] = splitmix(); s[2] = splitmix(); s[3] = splitmix(); jump(); jump();
    print_outputs("seed42AfterTwoJumps", 4, 1);
    printf("}\n");
    return 0;
}
