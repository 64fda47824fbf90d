package dev.blogdb.testing.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The property runner itself: it tries every time, repeats its tries, and shrinks what fails. */
class PropertyTest {

    private static final Gen<String> WORDS = Gen.strings(Gen.charsBetween('a', 'z'), 0, 20);

    @Test
    void aPropertyThatHoldsIsCheckedOnEveryTry() {
        List<String> checked = new ArrayList<>();

        Property.forAll(300, WORDS, checked::add);

        assertThat(checked).hasSize(300);
    }

    @Test
    void theSameSeedMakesTheSameVariedTries() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();

        Property.forAll(100, WORDS, first::add);
        Property.forAll(100, WORDS, second::add);

        assertThat(second).isEqualTo(first);
        assertThat(new HashSet<>(first)).hasSizeGreaterThan(80).contains("").anyMatch(word -> word.length() == 20);
    }

    @Test
    void aFailingNumberShrinksToTheSmallestThatFails() {
        Falsified falsified = catchThrowableOfType(
                Falsified.class,
                () -> Property.forAll(
                        300, Gen.integers(0, 1_000_000), n -> assertThat(n).isLessThan(1_000)));

        assertThat(falsified.counterexample()).isEqualTo(1_000);
        assertThat(falsified)
                .hasMessageContaining("-D" + Property.SEED_PROPERTY + "=" + Property.DEFAULT_SEED + " repeats")
                .cause()
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1000");
    }

    @Test
    void aFailingStringShrinksToItsFewestAndLowestCharacters() {
        Falsified falsified = catchThrowableOfType(
                Falsified.class,
                () -> Property.forAll(
                        300,
                        WORDS,
                        word -> assertThat(word.length() >= 3 && word.contains("x"))
                                .isFalse()));

        assertThat(falsified.counterexample())
                .asString()
                .hasSize(3)
                .containsOnlyOnce("x")
                .matches("[ax]+");
    }

    @Test
    void aCheckThatThrowsFailsLikeOneThatAsserts() {
        assertThatThrownBy(() -> Property.forAll(10, WORDS, word -> {
                    throw new IllegalStateException("broken");
                }))
                .isInstanceOf(Falsified.class)
                .hasRootCauseMessage("broken")
                .hasMessageContaining("shrunk in");
    }

    @Test
    void aFailureShowsItsInputWithEveryCharacterThatIsNotPrintableAsciiEscaped() {
        record Pair(String title, Integer count) {}

        assertThat(Property.describe(new Pair("a\0\"\\\uD83D😀", null)))
                .isEqualTo("Pair[title=\"a\\u0000\\\"\\\\\\uD83D\\uD83D\\uDE00\", count=null]");
        assertThat(Property.describe("c".repeat(100_000)))
                .isEqualTo("\"" + "c".repeat(40) + "\"... (100000 UTF-16 units)");
    }
}
