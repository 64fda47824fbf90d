package dev.blogdb.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;

/**
 * A query whose SQL jOOQ renders once per shape, then only binds. jOOQ renders a query anew at
 * every execution; for the feed that was a quarter of blogdb's client CPU (about 50 µs of 216 per
 * page, JFR, 2026-12-03), the whole of what it spent beyond hand-written JDBC. A repository's
 * query comes in a few shapes (a page size, a cursor or none), which fix its text; only the bind
 * values differ between calls. So the first call with a shape builds the query with jOOQ's DSL and
 * runs it, and its SQL is kept; later calls send the kept SQL with their own values, bound as the
 * typed parameters of the generated columns, through jOOQ as before (listeners, error
 * translation). Thread-safe. Kept by a repository, and shared through {@link #over} with the
 * repositories made from it (a transaction's) only while their contexts render alike, so the SQL
 * is always the one the executing configuration renders. At most one string per shape: callers
 * keep the shapes few (bounded page sizes). A shape is any value with equals and hashCode that
 * fixes the text.
 */
public final class RenderedOnce {

    /** The shape of a query that has only one. */
    private static final Object ONLY_SHAPE = "the only shape";

    private final DSLContext dsl;
    private final Map<Object, Rendered> byShape;

    private record Rendered(String sql, Field<?>[] fields) {}

    /**
     * The shape of a keyset listing's page query: its page size (rendered inline, see
     * docs/benchmarks.md) and whether it starts after a cursor.
     */
    public record PageShape(int limit, boolean after) {}

    /** Queries run over {@code dsl}. */
    public RenderedOnce(DSLContext dsl) {
        this(dsl, new ConcurrentHashMap<>());
    }

    private RenderedOnce(DSLContext dsl, Map<Object, Rendered> byShape) {
        this.dsl = dsl;
        this.byShape = byShape;
    }

    /**
     * The same query run over {@code other}, typically a transaction's context. It keeps the SQL
     * rendered so far, and shares what either renders from now on, when {@code other}
     * {@linkplain #rendersAlike renders alike}; otherwise it starts with none. Without this, every
     * transaction's repositories would render each query again, as if new.
     */
    public RenderedOnce over(DSLContext other) {
        return rendersAlike(dsl.configuration(), other.configuration())
                ? new RenderedOnce(other, byShape)
                : new RenderedOnce(other);
    }

    /**
     * Whether two configurations surely render a query to the same SQL: equal {@link
     * org.jooq.conf.Settings} (jOOQ gives every derived configuration, a transaction's among them, a
     * copy of its parent's; comparing them costs about 0.3 µs), the same dialect, and no visit
     * listeners on either. A visit listener may rewrite what is rendered, and by what it reads from
     * the configuration's {@code data()} (a tenant, say), so the same listener can render otherwise
     * in another context: with one, nothing is shared. Execute listeners need no check: rendering
     * the kept text calls none of them, and they act on every execution as before.
     */
    static boolean rendersAlike(Configuration one, Configuration other) {
        // jOOQ gives Settings an empty RenderMapping the first time it renders with them, so a copy
        // made before that compares unequal to one made after: give both theirs first, as jOOQ would.
        SettingsTools.getRenderMapping(one.settings());
        SettingsTools.getRenderMapping(other.settings());
        return one.settings().equals(other.settings())
                && one.dialect() == other.dialect()
                && one.visitListenerProviders().length == 0
                && other.visitListenerProviders().length == 0;
    }

    /**
     * The query of shape {@code shape} with the bind values {@code binds}: built by {@code build}
     * the first time, from then on the SQL that was rendered for it.
     *
     * @param build makes the query for this shape with exactly {@code binds} as its bind values, in
     *     the order it binds them
     * @throws IllegalStateException if the built query binds other values than {@code binds}: a
     *     shape that does not fix the query's text, a bug in the caller
     */
    public ResultQuery<? extends Record> query(
            Object shape, Supplier<? extends ResultQuery<?>> build, Param<?>... binds) {
        Rendered rendered = byShape.get(shape);
        if (rendered == null) {
            ResultQuery<?> query = build.get();
            checkBinds(shape, query, binds);
            byShape.putIfAbsent(shape, new Rendered(renderWithPlaceholders(query), query.fields()));
            return query;
        }
        return dsl.resultQuery(rendered.sql(), (Object[]) binds).coerce(rendered.fields());
    }

    /** As {@link #query(Object, Supplier, Param[])}, for a query that has only one shape. */
    public ResultQuery<? extends Record> query(Supplier<? extends ResultQuery<?>> build, Param<?>... binds) {
        return query(ONLY_SHAPE, build, binds);
    }

    /**
     * The query's SQL with {@code ?} for every bind value, whatever the statement type {@code dsl}'s
     * configuration has: a text with the first call's values inlined would answer every later call
     * with the first call's rows. Executed through {@code dsl}, the kept text is bound (or inlined)
     * as that configuration says. Derived here, once per shape, not when a repository is made: a
     * transaction makes its own repositories.
     */
    private String renderWithPlaceholders(ResultQuery<?> query) {
        return dsl.configuration()
                .derive(SettingsTools.clone(dsl.settings())
                        .withStatementType(StatementType.PREPARED_STATEMENT)
                        .withParamType(ParamType.INDEXED))
                .dsl()
                .render(query);
    }

    private static void checkBinds(Object shape, ResultQuery<?> query, Param<?>[] binds) {
        var bound = query.getParams().values().stream()
                .filter(param -> !param.isInline())
                .map(Param::getValue)
                .toList();
        boolean same = bound.size() == binds.length;
        for (int i = 0; same && i < binds.length; i++) {
            same = Objects.equals(bound.get(i), binds[i].getValue());
        }
        if (!same) {
            throw new IllegalStateException("the query of shape " + shape + " binds " + bound + ", not the "
                    + Arrays.stream(binds).map(Param::getValue).toList() + " it was given");
        }
    }
}
