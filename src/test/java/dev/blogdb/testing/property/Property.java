package dev.blogdb.testing.property;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a property: a check that must pass for every value a generator makes. The tries come from a seeded
 * random source, so a run repeats exactly: CI and a developer's machine make the same tries, and a failure
 * found once is found again by rerunning the test. The seed is {@value #DEFAULT_SEED} unless the system
 * property {@value #SEED_PROPERTY} names another, to explore new tries. A check fails by throwing; the failing
 * try is then shrunk, by replaying simpler decisions (see {@link Choices}), to the simplest input found that
 * still fails, and reported as {@link Falsified}.
 */
public final class Property {

    /** The system property that sets the seed: {@code mvn test -Dblogdb.property.seed=42}. */
    public static final String SEED_PROPERTY = "blogdb.property.seed";
    /** The seed unless {@value #SEED_PROPERTY} is set. */
    public static final long DEFAULT_SEED = 20_261_202L;

    /** Shrinking stops after this many runs of the check, so that a slow check cannot stall the build. */
    private static final int MAX_SHRINK_RUNS = 1_000;
    /** Longer strings are shown by their start and their length. */
    private static final int SHOWN_CHARACTERS = 40;

    private Property() {}

    /**
     * Runs {@code check} on {@code tries} values of {@code gen}.
     *
     * @throws Falsified if a try fails, with the shrunk value as its counterexample and its failure as the cause
     */
    public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> check) {
        String configuredSeed = System.getProperty(SEED_PROPERTY);
        long seed = configuredSeed == null ? DEFAULT_SEED : Long.parseLong(configuredSeed.trim());
        SplittableRandom random = new SplittableRandom(seed);
        for (int tryNumber = 1; tryNumber <= tries; tryNumber++) {
            Choices choices = Choices.drawnFrom(random);
            T value = gen.generate(choices);
            Throwable failure = failureOf(check, value);
            if (failure != null) {
                Shrinker<T> shrinker = new Shrinker<>(gen, check, choices.made(), value, failure);
                shrinker.shrink();
                throw new Falsified(
                        String.format(
                                "falsified on try %d of %d; -D%s=%d repeats these tries%n  shrunk in %d runs to: %s%n  from: %s",
                                tryNumber,
                                tries,
                                SEED_PROPERTY,
                                seed,
                                shrinker.runs,
                                describe(shrinker.value),
                                describe(value)),
                        shrinker.value,
                        shrinker.failure);
            }
        }
    }

    /** What {@code check} threw for {@code value}, or null if it passed. */
    private static <T> Throwable failureOf(Consumer<? super T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (RuntimeException | AssertionError failure) {
            return failure;
        }
    }

    /** {@code value} for a failure message: strings quoted, with everything but printable ASCII escaped. */
    static String describe(Object value) {
        if (value instanceof String text) {
            return quoted(text);
        }
        if (value instanceof Record record) {
            return Stream.of(record.getClass().getRecordComponents())
                    .map(component -> component.getName() + "=" + describe(valueOf(component, record)))
                    .collect(Collectors.joining(", ", record.getClass().getSimpleName() + "[", "]"));
        }
        return String.valueOf(value);
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            return "<" + e + ">";
        }
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.chars().limit(SHOWN_CHARACTERS).forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                quoted.append((char) c);
            } else {
                quoted.append(String.format("\\u%04X", c));
            }
        });
        quoted.append('"');
        return text.length() > SHOWN_CHARACTERS
                ? quoted + "... (" + text.length() + " UTF-16 units)"
                : quoted.toString();
    }

    /**
     * Looks for simpler decisions that still fail: first by deleting runs of decisions (fewer characters,
     * shorter lists), then by lowering each decision (earlier alternatives, smaller numbers, lower characters),
     * until a whole round finds nothing simpler. Only failing candidates are kept, whatever they throw.
     */
    private static final class Shrinker<T> {

        private final Gen<T> gen;
        private final Consumer<? super T> check;
        private int[] decisions;
        private T value;
        private Throwable failure;
        private int runs;

        Shrinker(Gen<T> gen, Consumer<? super T> check, int[] decisions, T value, Throwable failure) {
            this.gen = gen;
            this.check = check;
            this.decisions = decisions;
            this.value = value;
            this.failure = failure;
        }

        void shrink() {
            boolean simplified = true;
            while (simplified && runs < MAX_SHRINK_RUNS) {
                simplified = deleteRuns() | lowerEachDecision();
            }
        }

        private boolean deleteRuns() {
            boolean simplified = false;
            for (int length : new int[] {8, 4, 2, 1}) {
                for (int start = decisions.length - length; start >= 0; start--) {
                    if (start + length <= decisions.length) {
                        simplified |= keepIfFailing(without(start, length));
                    }
                }
            }
            return simplified;
        }

        private boolean lowerEachDecision() {
            boolean simplified = false;
            for (int index = 0; index < decisions.length; index++) {
                simplified |= lower(index);
            }
            return simplified;
        }

        /** Lowers one decision to the smallest value found that still fails: 0 if that does, else by binary search. */
        private boolean lower(int index) {
            if (decisions[index] == 0) {
                return false;
            }
            if (keepIfFailing(with(index, 0))) {
                return true;
            }
            boolean simplified = false;
            int passing = 0;
            while (index < decisions.length && decisions[index] - passing > 1) {
                int middle = passing + (decisions[index] - passing) / 2;
                if (keepIfFailing(with(index, middle))) {
                    simplified = true;
                } else {
                    passing = middle;
                }
            }
            return simplified;
        }

        private int[] without(int start, int length) {
            int[] candidate = new int[decisions.length - length];
            System.arraycopy(decisions, 0, candidate, 0, start);
            System.arraycopy(decisions, start + length, candidate, start, candidate.length - start);
            return candidate;
        }

        private int[] with(int index, int decision) {
            int[] candidate = decisions.clone();
            candidate[index] = decision;
            return candidate;
        }

        /** Replays {@code candidate}; keeps it if it is simpler than the current failure and fails too. */
        private boolean keepIfFailing(int[] candidate) {
            if (runs >= MAX_SHRINK_RUNS) {
                return false;
            }
            Choices choices = Choices.replaying(candidate);
            T candidateValue;
            try {
                candidateValue = gen.generate(choices);
            } catch (RuntimeException notAValue) {
                // A replayed decision this generator cannot use: no candidate, not a counterexample.
                return false;
            }
            int[] made = choices.made();
            if (!simpler(made, decisions)) {
                return false;
            }
            runs++;
            Throwable candidateFailure = failureOf(check, candidateValue);
            if (candidateFailure == null) {
                return false;
            }
            decisions = made;
            value = candidateValue;
            failure = candidateFailure;
            return true;
        }

        /** Fewer decisions, or as many and smaller at the first that differs: what guarantees that shrinking ends. */
        private static boolean simpler(int[] candidate, int[] current) {
            return candidate.length < current.length
                    || candidate.length == current.length && Arrays.compare(candidate, current) < 0;
        }
    }
}
