package dev.blogdb.testing.property;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * The decisions one try of a property makes, each a number from 0 up to a bound. While a property is searched
 * they come from a seeded random source; while a failure is shrunk they are replayed from a recorded sequence.
 * A {@link Gen} makes its value from these decisions alone, mapping 0 to its simplest value, so a sequence that
 * is shorter, or as long and smaller, stands for a simpler input whatever was built from it. Shrinking the
 * decisions rather than the values is what lets every generator shrink, through {@code map}, {@code oneOf} and
 * plain Java that combines several, without a shrinker of its own (the idea behind Hypothesis's shrinking).
 */
public final class Choices {

    private final SplittableRandom random;
    private final int[] replayed;
    private int[] made = new int[32];
    private int count;

    private Choices(SplittableRandom random, int[] replayed) {
        this.random = random;
        this.replayed = replayed;
    }

    /** Decisions drawn from {@code random}. */
    static Choices drawnFrom(SplittableRandom random) {
        return new Choices(random, null);
    }

    /** Decisions replayed from {@code decisions}, each capped to its bound; past their end every decision is 0. */
    static Choices replaying(int[] decisions) {
        return new Choices(null, decisions);
    }

    /** A decision from 0 to {@code bound - 1}, all equally likely; 0 is the simplest. */
    public int below(int bound) {
        checkPositive(bound);
        return record(random == null ? replayed(bound) : random.nextInt(bound));
    }

    /**
     * As {@link #below}, but while searching 0 or {@code bound - 1} in about one try of eight, since limits break
     * at their ends. The bias is in the drawing, not in what is recorded, so shrinking treats the ends as any value.
     */
    public int belowFavouringEnds(int bound) {
        checkPositive(bound);
        return record(random == null ? replayed(bound) : favouringEnds(bound));
    }

    /**
     * Decides, element by element, how long a sequence of {@code min} to {@code max} elements is: the returned test
     * says whether one holding {@code elements} gets another. Past {@code min}, each element is preceded by a
     * decision of its own, 1 for another and 0 for the end, so that shrinking drops an element by deleting that
     * decision with the element's. While searching, the length is drawn first, favouring the ends as
     * {@link #belowFavouringEnds} does, and the decisions follow it; a replay past its end stops at once.
     */
    public IntPredicate lengthBetween(int min, int max) {
        int length = random == null ? max : min + favouringEnds(max - min + 1);
        return elements -> elements < min
                || elements < max && record(random == null ? replayed(2) : elements < length ? 1 : 0) == 1;
    }

    private int favouringEnds(int bound) {
        return switch (random.nextInt(16)) {
            case 0 -> 0;
            case 1 -> bound - 1;
            default -> random.nextInt(bound);
        };
    }

    private int replayed(int bound) {
        return count < replayed.length ? Math.min(replayed[count], bound - 1) : 0;
    }

    private int record(int decision) {
        if (count == made.length) {
            made = Arrays.copyOf(made, 2 * count);
        }
        made[count++] = decision;
        return decision;
    }

    private static void checkPositive(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
    }

    /** The decisions made so far, in order: what replays this try exactly. */
    int[] made() {
        return Arrays.copyOf(made, count);
    }
}
