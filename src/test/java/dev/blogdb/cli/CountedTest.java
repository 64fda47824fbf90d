package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedTest {

    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertThat(Counted.of(0, "changeset")).isEqualTo("0 changesets");
        assertThat(Counted.of(1, "post")).isEqualTo("1 post");
        assertThat(Counted.of(2, "user")).isEqualTo("2 users");
    }
}
