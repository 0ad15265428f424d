package org.talecamel.llm.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Randomness owned by one decision: seeded from a hash of (seed, question, purpose, budget), never shared.
 * So an answer depends only on what was asked, not on the order or concurrency of the calls.
 */
final class Dice {

    /** Stands for "no budget" in the hash. */
    static final long NO_BUDGET = -1;

    private final SplittableRandom random;

    private Dice(long state) {
        this.random = new SplittableRandom(state);
    }

    static Dice of(long seed, String question, String purpose, long budget) {
        long h = mix(seed ^ 0x7A1E_CA3E_1L);
        h = mix(h ^ fnv(question));
        h = mix(h ^ fnv(purpose));
        h = mix(h ^ budget);
        return new Dice(h);
    }

    /** A uniform number in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    /** A standard normal number, clipped to ±3 so no single draw produces an absurd length. */
    double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double z = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(-3, Math.min(3, z));
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static long fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    // SplitMix64's finaliser: spreads every input bit over the whole word.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
