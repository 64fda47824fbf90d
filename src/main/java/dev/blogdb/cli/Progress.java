package dev.blogdb.cli;

/** Tells a person how far a long task has got, or, where nobody watches, nothing. */
interface Progress {

    /** The task has done {@code done} of its {@code total} units. */
    void update(long done, long total);

    /** The task is over. */
    void finish();

    /** Progress that shows nothing: for output that goes to a pipe or a file. */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(long done, long total) {}

            @Override
            public void finish() {}
        };
    }
}
