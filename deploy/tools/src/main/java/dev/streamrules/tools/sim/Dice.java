package dev.streamrules.tools.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's only source of randomness. {@link SplittableRandom}'s algorithm is specified, so a
 * seed gives the same fleet on every JVM; independent concerns (scenarios, ids, formatting, event
 * order) each get their own split so that a formatting option cannot change which events happen.
 */
final class Dice {

    private final SplittableRandom random;

    Dice(long seed) {
        this(new SplittableRandom(seed));
    }

    private Dice(SplittableRandom random) {
        this.random = random;
    }

    Dice split() {
        return new Dice(random.split());
    }

    /** Always draws, whatever {@code p}, so the stream stays aligned when a rate is zero or one. */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double unit() {
        return random.nextDouble();
    }

    /** Inclusive bounds. */
    int between(int low, int high) {
        return low == high ? low : random.nextInt(low, high + 1);
    }

    long nextLong() {
        return random.nextLong();
    }

    int nextInt() {
        return random.nextInt();
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    String hex(int chars) {
        StringBuilder out = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    /** Exponentially distributed, as gaps between independent arrivals are. */
    double exponential(double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }
}
