package dev.blogdb.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * Whether the database is a Citus coordinator, found once per {@code BlogDb} and kept in its jOOQ
 * configuration, which every context derived from it (a transaction's too) shares. Where it is, a
 * call that PostgreSQL's own counters or locks serve on one server takes the path that works on
 * distributed tables ({@code UserRepository.delete}); elsewhere nothing changes.
 */
public final class Citus {

    private static final String KEY = "dev.blogdb.citus";

    private Citus() {}

    /** Looks up whether {@code dsl}'s database has the {@code citus} extension (one statement) and records it. */
    public static void detectOn(DSLContext dsl) {
        mark(
                dsl.configuration(),
                dsl.fetchExists(selectOne()
                        .from(table(name("pg_catalog", "pg_extension")))
                        .where(field(name("extname")).eq(inline("citus")))));
    }

    /** Records whether the database behind {@code configuration} is a Citus coordinator. */
    public static void mark(Configuration configuration, boolean citus) {
        configuration.data(KEY, citus);
    }

    /** Whether {@link #detectOn} found Citus behind {@code dsl}; false where nobody looked. */
    public static boolean isDistributed(DSLContext dsl) {
        return Boolean.TRUE.equals(dsl.configuration().data(KEY));
    }
}
