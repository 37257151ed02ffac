package dev.streamrules.tools.sim;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * {@code event.id}s that look random, as the sensor's do, yet are unique by construction: the first
 * eight bytes are a bijective scramble of a counter, the rest is seeded noise.
 */
final class EventIds {

    private final Dice dice;
    private final long salt;
    private long counter;

    EventIds(Dice dice) {
        this.dice = dice;
        this.salt = dice.nextLong();
    }

    String next() {
        ByteBuffer bytes = ByteBuffer.allocate(18);
        bytes.putLong(scramble(salt + counter++));
        bytes.putLong(dice.nextLong());
        bytes.putShort((short) dice.nextInt());
        return Base64.getEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** SplitMix64's finalizer: a bijection on 64-bit values, so distinct counters never collide. */
    static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
