package dev.blogdb.internal;

import java.util.function.Supplier;

import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * The repositories' calls, as an observer (blogdb's metrics) sees them. A repository runs each public
 * method through {@link #observe}; the observer, if any, travels in the {@link DSLContext}'s
 * configuration, so transactions derived from it carry it too. Without one, {@link #observe} only
 * runs the call: no observer code is loaded or run, and the metrics library need not be present.
 */
public final class Calls {

    private static final String OBSERVER = Calls.class.getName() + ".observer";

    /** What watches the calls: told each call's repository and method, and runs it. */
    public interface Observer {
        /** Runs {@code call}, observing it. */
        <T> T observe(String repository, String method, Supplier<T> call);
    }

    private final String repository;
    private final Observer observer;

    private Calls(String repository, Observer observer) {
        this.repository = repository;
        this.observer = observer;
    }

    /** {@code dsl} with {@code observer} watching the calls of repositories over it. */
    public static DSLContext observedBy(DSLContext dsl, Observer observer) {
        Configuration derived = dsl.configuration().derive();
        derived.data(OBSERVER, observer);
        return derived.dsl();
    }

    /** The calls of the repository {@code repository} over {@code dsl}. */
    public static Calls of(DSLContext dsl, String repository) {
        return new Calls(repository, (Observer) dsl.configuration().data(OBSERVER));
    }

    /** Runs {@code call}, the method {@code method}, observed if there is an observer. */
    public <T> T observe(String method, Supplier<T> call) {
        return observer == null ? call.get() : observer.observe(repository, method, call);
    }
}
