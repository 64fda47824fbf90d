package dev.blogdb.testing.property;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Makes a value from the decisions in {@link Choices}. Generators combine as plain Java: a lambda that calls
 * several generators in turn makes a combination of their values, and shrinks with them. Each factory maps the
 * decision 0 to its simplest value, so shrinking moves towards it.
 *
 * @param <T> what it makes
 */
@FunctionalInterface
public interface Gen<T> {

    /** A value made from {@code choices}. */
    T generate(Choices choices);

    /** This generator's values, passed through {@code mapper}. */
    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return choices -> mapper.apply(generate(choices));
    }

    /** This generator's values, or null in about {@code percent} tries of 100. */
    default Gen<T> orNull(int percent) {
        return choices -> choices.below(100) >= 100 - percent ? null : generate(choices);
    }

    /** A whole number from {@code min} to {@code max}, often one of the two ends; shrinks towards {@code min}. */
    static Gen<Integer> integers(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        return choices -> min + choices.belowFavouringEnds(max - min + 1);
    }

    /** One of {@code values}, all equally likely; shrinks towards the first. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.of(values);
        return choices -> copy.get(choices.below(copy.size()));
    }

    /** A value of one of {@code alternatives}, all equally likely; shrinks towards the first. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... alternatives) {
        List<Gen<? extends T>> copy = List.of(alternatives);
        return choices -> copy.get(choices.below(copy.size())).generate(choices);
    }

    /** One UTF-16 code unit from {@code first} to {@code last}, lone surrogates included; shrinks towards {@code first}. */
    static Gen<String> charsBetween(char first, char last) {
        return choices -> String.valueOf((char) (first + choices.below(last - first + 1)));
    }

    /** One of the characters of {@code chars}; shrinks towards the first. */
    static Gen<String> charsOf(String chars) {
        return choices -> String.valueOf(chars.charAt(choices.below(chars.length())));
    }

    /** One code point from {@code first} to {@code last} that {@code which} accepts, all equally likely. */
    static Gen<String> codePoints(int first, int last, IntPredicate which) {
        int[] accepted = IntStream.rangeClosed(first, last).filter(which).toArray();
        return choices -> Character.toString(accepted[choices.below(accepted.length)]);
    }

    /** From {@code minCount} to {@code maxCount} of {@code pieces}' values, concatenated; shrinks towards fewer. */
    static Gen<String> strings(Gen<String> pieces, int minCount, int maxCount) {
        return choices -> {
            IntPredicate another = choices.lengthBetween(minCount, maxCount);
            StringBuilder text = new StringBuilder();
            for (int count = 0; another.test(count); count++) {
                text.append(pieces.generate(choices));
            }
            return text.toString();
        };
    }
}
