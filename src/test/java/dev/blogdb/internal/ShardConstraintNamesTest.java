package dev.blogdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.core.Constraint;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Violations as Citus reports them, with the shard's id after the constraint's name, translated as
 * PostgreSQL's own are. The messages are built as the server sends them (fields tagged by a letter,
 * ended by NUL): Citus is not installable here.
 */
class ShardConstraintNamesTest {

    @Test
    void aDuplicateEmailOnAShardIsADuplicateEmail() {
        PSQLException onShard = violation(
                "23505",
                "duplicate key value violates unique constraint \"users_email_lower_key_102008\"",
                "Key (lower(email))=(ada@example.com) already exists.",
                "users_email_lower_key_102008");

        RuntimeException translated = ErrorTranslation.translate(onShard);

        assertThat(translated).isInstanceOf(DuplicateEmailException.class);
        assertThat(((DuplicateEmailException) translated).email()).isEqualTo("ada@example.com");
    }

    @Test
    void anUnknownAuthorOnAShardIsAnUnknownAuthor() {
        PSQLException onShard = violation(
                "23503",
                "insert or update on table \"posts_102040\" violates foreign key constraint \"posts_user_id_fkey_102040\"",
                "Key (user_id)=(42) is not present in table \"users_102008\".",
                "posts_user_id_fkey_102040");

        RuntimeException translated = ErrorTranslation.translate(onShard);

        assertThat(translated).isInstanceOf(UnknownAuthorException.class);
        assertThat(((UnknownAuthorException) translated).author()).isEqualTo(new UserId(42));
    }

    @Test
    void aCheckOnAShardNamesItsField() {
        RuntimeException translated = ErrorTranslation.translate(
                violation("23514", "new row violates check constraint", "", "posts_title_not_blank_102041"));

        assertThat(translated).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) translated).field()).isEqualTo("title");
    }

    @Test
    void onlyAnUnderscoreAndDigitsAreTakenForAShardSuffix() {
        assertThat(Constraint.violated(Constraint.Kind.UNIQUE, "users_email_lower_key"))
                .contains(Constraint.USERS_EMAIL_UNIQUE);
        assertThat(Constraint.violated(Constraint.Kind.UNIQUE, "users_email_lower_key_102008"))
                .contains(Constraint.USERS_EMAIL_UNIQUE);
        assertThat(Constraint.violated(Constraint.Kind.UNIQUE, "users_email_lower_key_x"))
                .isEmpty();
        assertThat(Constraint.violated(Constraint.Kind.UNIQUE, "users_email_lower_key_"))
                .isEmpty();
        assertThat(Constraint.violated(Constraint.Kind.UNIQUE, "users_email_lower_key2"))
                .isEmpty();
        assertThat(Constraint.violated(Constraint.Kind.CHECK, "users_email_lower_key_102008"))
                .isEmpty();
    }

    private static PSQLException violation(String state, String message, String detail, String constraint) {
        return new PSQLException(new ServerErrorMessage(
                "SERROR\0C" + state + "\0M" + message + "\0D" + detail + "\0n" + constraint + "\0"));
    }
}
