package dev.blogdb.user;

/** Told after each batch of a batched deletion how far it has got, for a progress bar or a log. */
@FunctionalInterface
public interface DeletionProgress {

    /**
     * Another batch committed.
     *
     * @param done  the posts deleted so far, by this run and any interrupted run before it
     * @param total the posts there were to delete when the deletion (or its resumption) started,
     *              plus those deleted before; never less than {@code done}
     */
    void postsDeleted(long done, long total);

    /** Progress that nobody watches. */
    static DeletionProgress none() {
        return (done, total) -> {};
    }
}
