package dev.blogdb.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/** Records every SQL statement jOOQ sends through a context, to pin how many a call needs. */
public final class StatementCounter implements ExecuteListener {

    private final List<String> statements = new CopyOnWriteArrayList<>();

    /** {@code dsl} with a new counter attached; read it with {@link #of(DSLContext)}. */
    public static DSLContext attachTo(DSLContext dsl) {
        return dsl.configuration().deriveAppending(new StatementCounter()).dsl();
    }

    /** The counter that {@link #attachTo} attached to {@code dsl}. */
    public static StatementCounter of(DSLContext dsl) {
        for (var provider : dsl.configuration().executeListenerProviders()) {
            if (provider.provide() instanceof StatementCounter counter) {
                return counter;
            }
        }
        throw new IllegalArgumentException("no StatementCounter is attached");
    }

    @Override
    public void executeStart(ExecuteContext context) {
        statements.add(context.sql());
    }

    /** The statements sent since the last {@link #reset()}, in order. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** Forgets the statements sent so far. */
    public void reset() {
        statements.clear();
    }
}
