package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.db.Changeset;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChangesetsTest {

    private static final Changeset FIRST = changeset("001-create-users");
    private static final Changeset SECOND = changeset("002-users-email-unique-ignoring-case");
    private static final Changeset THIRD = changeset("003-users-checks");

    @Test
    void notInKeepsTheChangesetsTheOtherListLacksInTheirOwnOrder() {
        assertThat(Changesets.notIn(List.of(FIRST, SECOND, THIRD), List.of(FIRST))).containsExactly(SECOND, THIRD);
        assertThat(Changesets.notIn(List.of(FIRST, SECOND), List.of(SECOND, FIRST))).isEmpty();
    }

    private static Changeset changeset(String id) {
        return new Changeset("db/changelog/changes/" + id + ".yaml", id, "blogdb");
    }
}
