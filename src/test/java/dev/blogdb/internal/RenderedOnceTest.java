package dev.blogdb.internal;

import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.val;

import dev.blogdb.core.UserId;
import dev.blogdb.internal.RenderedOnce.PageShape;
import dev.blogdb.testing.MigratedDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A query rendered once per shape: built the first time, then only bound, with the same results. */
@ExtendWith(MigratedDatabase.class)
class RenderedOnceTest {

    private static final String HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @Test
    void eachShapeIsBuiltOnceAndLaterCallsBindTheirOwnValues(DSLContext db) {
        List<UserId> ids = addUsers(db, "a@example.com", "b@example.com", "c@example.com");
        RenderedOnce emailsAfter = new RenderedOnce(db);
        AtomicInteger builds = new AtomicInteger();

        List<List<String>> pages = new ArrayList<>();
        for (UserId after : List.of(ids.get(0), ids.get(1), ids.get(0))) {
            Param<UserId> key = val(after, USERS.ID);
            pages.add(emailsAfter
                    .query(
                            new PageShape(2, true),
                            () -> {
                                builds.incrementAndGet();
                                return db.select(USERS.EMAIL)
                                        .from(USERS)
                                        .where(USERS.ID.gt(key))
                                        .orderBy(USERS.ID);
                            },
                            key)
                    .fetch(0, String.class));
        }

        assertThat(builds).hasValue(1);
        assertThat(pages)
                .containsExactly(
                        List.of("b@example.com", "c@example.com"),
                        List.of("c@example.com"),
                        List.of("b@example.com", "c@example.com"));
    }

    @Test
    void underAStaticStatementConfigurationLaterCallsStillGetTheirOwnRows(DSLContext db) {
        List<UserId> ids = addUsers(db, "a@example.com", "b@example.com");
        DSLContext inlining = db.configuration()
                .derive(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
                .dsl();
        RenderedOnce emailById = new RenderedOnce(inlining);

        List<String> emails = new ArrayList<>();
        for (UserId id : ids) {
            Param<UserId> key = val(id, USERS.ID);
            emails.add(emailById
                    .query(() -> inlining.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(key)), key)
                    .fetchSingle(0, String.class));
        }

        assertThat(emails).containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void aTransactionsContextKeepsTheSqlRenderedOverItsParentAndBindsItsOwnValues(DSLContext db) {
        List<UserId> ids = addUsers(db, "a@example.com", "b@example.com");
        RenderedOnce emailById = new RenderedOnce(db);
        AtomicInteger builds = new AtomicInteger();
        assertThat(emailOf(emailById, db, ids.get(0), builds)).isEqualTo("a@example.com");

        String inTransaction = db.transactionResult(
                transaction -> emailOf(emailById.over(transaction.dsl()), transaction.dsl(), ids.get(1), builds));

        assertThat(inTransaction).isEqualTo("b@example.com");
        assertThat(builds).hasValue(1);
    }

    @Test
    void aContextThatRendersOtherwiseStartsWithNoSql(DSLContext db) {
        List<UserId> ids = addUsers(db, "a@example.com");
        RenderedOnce emailById = new RenderedOnce(db);
        AtomicInteger builds = new AtomicInteger();
        emailOf(emailById, db, ids.get(0), builds);
        DSLContext unqualified = db.configuration()
                .derive(new Settings().withRenderSchema(false))
                .dsl();

        String email = emailOf(emailById.over(unqualified), unqualified, ids.get(0), builds);

        assertThat(email).isEqualTo("a@example.com");
        assertThat(builds).hasValue(2);
        assertThat(RenderedOnce.rendersAlike(db.configuration(), unqualified.configuration()))
                .isFalse();
        boolean transactionRendersAlike =
                db.transactionResult(transaction -> RenderedOnce.rendersAlike(db.configuration(), transaction));
        assertThat(transactionRendersAlike).isTrue();
    }

    private static String emailOf(RenderedOnce emailById, DSLContext dsl, UserId id, AtomicInteger builds) {
        Param<UserId> key = val(id, USERS.ID);
        return emailById
                .query(
                        () -> {
                            builds.incrementAndGet();
                            return dsl.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(key));
                        },
                        key)
                .fetchSingle(0, String.class);
    }

    @Test
    void aQueryThatBindsOtherValuesThanTheGivenOnesIsRefusedBeforeItRuns(DSLContext db) {
        RenderedOnce byId = new RenderedOnce(db);
        Param<UserId> given = val(new UserId(1), USERS.ID);

        assertThatThrownBy(() ->
                        byId.query(() -> db.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(new UserId(2))), given))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the query of shape the only shape binds [user 2], not the [user 1] it was given");
    }

    private static List<UserId> addUsers(DSLContext db, String... emails) {
        List<UserId> ids = new ArrayList<>();
        for (String email : emails) {
            ids.add(db.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH)
                    .values(email, HASH)
                    .returning(USERS.ID)
                    .fetchSingle(USERS.ID));
        }
        return ids;
    }
}
