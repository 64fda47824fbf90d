package dev.blogdb.testing.property;

/** A property failed: the simplest failing input found, and the failure it causes as the cause. */
public final class Falsified extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Object counterexample;

    Falsified(String message, Object counterexample, Throwable cause) {
        super(message, cause);
        this.counterexample = counterexample;
    }

    /** The shrunk input that fails the check, as the generator made it. */
    public Object counterexample() {
        return counterexample;
    }
}
