package dev.blogdb.bench;

import dev.blogdb.Repositories;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.UserId;
import dev.blogdb.post.NewPost;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.UserDeletion;

import java.util.List;

import org.jooq.DSLContext;

/** Each workload through blogdb's repository API, as an application would call it. */
public final class BlogDbSide {

    private final DSLContext dsl;
    private final Repositories repositories;

    /** Workloads over {@code dsl} (a BlogDb's, or one with a statement counter attached). */
    public BlogDbSide(DSLContext dsl) {
        this.dsl = dsl;
        this.repositories = Repositories.over(dsl);
    }

    /** W1: a page of users, each with all their posts. */
    public List<UserWithPosts> usersWithPosts(PageRequest page) {
        return repositories.posts().findUsersWithPosts(page).items();
    }

    /** W2 and W5: a page of the feed. */
    public List<PostWithAuthor> feed(Targets.FeedPosition position) {
        return repositories.posts().feed(position.request()).items();
    }

    /** W3 and W3b: delete a user, cascade included, then roll back. */
    public UserDeletion deleteUserAndRollBack(UserId user) {
        return rolledBack(tx -> tx.users().delete(user).orElseThrow());
    }

    /** W4: insert many posts for one user in one transaction, then roll back. */
    public int insertPostsAndRollBack(UserId author, List<NewPost> posts) {
        return rolledBack(tx -> tx.posts().createAll(author, posts).size());
    }

    private <T> T rolledBack(java.util.function.Function<Repositories, T> work) {
        try {
            dsl.transaction(configuration -> {
                // As BlogDb.transaction makes them: the repositories within the transaction keep the
                // SQL that those over the pool have rendered.
                throw new RolledBack(work.apply(repositories.within(configuration.dsl())));
            });
            throw new IllegalStateException("the transaction was not rolled back");
        } catch (RolledBack done) {
            @SuppressWarnings("unchecked")
            T result = (T) done.result;
            return result;
        }
    }

    /** Carries a result out of a transaction that it rolls back; no stack trace, it is not an error. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
