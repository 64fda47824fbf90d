package dev.blogdb.post;

import static dev.blogdb.jooq.Sequences.POSTS_ID_SEQ;
import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.orderBy;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;

import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.internal.BinaryCopy;
import dev.blogdb.internal.Calls;
import dev.blogdb.internal.Column;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.internal.IdReservation;
import dev.blogdb.internal.Inputs;
import dev.blogdb.internal.KeysetCursor;
import dev.blogdb.internal.KeysetCursor.Listing;
import dev.blogdb.internal.RenderedOnce;
import dev.blogdb.internal.RenderedOnce.PageShape;
import dev.blogdb.internal.Rows;
import dev.blogdb.jooq.tables.Users.UsersPath;
import dev.blogdb.user.User;
import dev.blogdb.user.UserProjection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * Posts: creating, finding, listing, updating and deleting them, and reading them with their
 * authors or users with their posts. Listings are read by keyset, never by OFFSET, so pages neither
 * skip nor repeat rows while new ones arrive, and a deep page costs what the first one does. Every
 * method validates its arguments before any SQL is sent. Thread-safe when its {@link DSLContext} is.
 */
public final class PostRepository {

    private static final List<SortField<?>> NEWEST_FIRST = List.of(POSTS.CREATED_AT.desc(), POSTS.ID.desc());
    /** A post's author, joined along posts.user_id. */
    private static final UsersPath AUTHOR = POSTS.users();

    private static final List<SelectField<?>> POST_WITH_AUTHOR = Stream.concat(
                    PostProjection.columns(POSTS).stream(), UserProjection.columns(AUTHOR).stream())
            .toList();

    private static final Column<UserId> USER_ID = Column.of(USERS.ID);

    /** From how many posts {@link #createAll} streams them by COPY (not tuned: a round number). */
    static final int COPY_FROM = 1_000;

    private final DSLContext dsl;
    private final Calls calls;
    private final RenderedOnce byId;
    private final RenderedOnce withAuthorById;
    private final RenderedOnce byAuthor;
    private final RenderedOnce feed;
    private final RenderedOnce usersWithPosts;

    /** A repository over {@code dsl}. */
    public PostRepository(DSLContext dsl) {
        this.dsl = ErrorTranslation.applyTo(dsl);
        this.calls = Calls.of(this.dsl, "posts");
        this.byId = new RenderedOnce(this.dsl);
        this.withAuthorById = new RenderedOnce(this.dsl);
        this.byAuthor = new RenderedOnce(this.dsl);
        this.feed = new RenderedOnce(this.dsl);
        this.usersWithPosts = new RenderedOnce(this.dsl);
    }

    private PostRepository(PostRepository parent, DSLContext dsl) {
        this.dsl = ErrorTranslation.applyTo(dsl);
        this.calls = Calls.of(this.dsl, "posts");
        this.byId = parent.byId.over(this.dsl);
        this.withAuthorById = parent.withAuthorById.over(this.dsl);
        this.byAuthor = parent.byAuthor.over(this.dsl);
        this.feed = parent.feed.over(this.dsl);
        this.usersWithPosts = parent.usersWithPosts.over(this.dsl);
    }

    /**
     * This repository over {@code dsl}, typically a transaction's context (as {@code
     * BlogDb.transaction} does), with the SQL this repository has already rendered while {@code
     * dsl} renders alike (equal settings, the same dialect, no visit listeners), so that a
     * transaction does not render its queries anew.
     */
    public PostRepository within(DSLContext dsl) {
        return new PostRepository(this, dsl);
    }

    /**
     * Creates a post.
     *
     * @throws InvalidInputException  if the title or content is missing, blank or too long
     * @throws UnknownAuthorException if there is no user {@code author}
     */
    public Post create(UserId author, String title, String content, boolean published) {
        return calls.observe("create", () -> {
            Inputs.required("author", author);
            Inputs.title("title", title);
            Inputs.content("content", content);
            return dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED)
                    .values(author, title, content, published)
                    .returning(PostProjection.columns(POSTS))
                    .fetchSingle(row -> PostProjection.from(row, POSTS));
        });
    }

    /**
     * Creates many posts by one author: every post is validated first, then all are inserted in one
     * statement. Up to {@value #COPY_FROM} posts that is an {@code INSERT ... SELECT FROM unnest(...)}
     * from arrays (one round trip); from {@value #COPY_FROM} on, ids are reserved from the identity
     * sequence and the posts streamed by {@code COPY}, which costs less per row than any INSERT
     * (docs/benchmarks.md, W4). All or none are created.
     *
     * @return the new posts' ids, in the order of {@code posts}
     * @throws InvalidInputException  if any post breaks a rule; the field names its position, e.g. {@code posts[3].title}
     * @throws UnknownAuthorException if there is no user {@code author}
     */
    public List<PostId> createAll(UserId author, List<NewPost> posts) {
        return calls.observe("createAll", () -> {
            Inputs.required("author", author);
            Inputs.required("posts", posts);
            int count = posts.size();
            String[] titles = new String[count];
            String[] contents = new String[count];
            Boolean[] published = new Boolean[count];
            for (int i = 0; i < count; i++) {
                NewPost post = Inputs.required("posts[" + i + "]", posts.get(i));
                titles[i] = Inputs.title("posts[" + i + "].title", post.title());
                contents[i] = Inputs.content("posts[" + i + "].content", post.content());
                published[i] = post.published();
            }
            if (count == 0) {
                return List.of();
            }
            if (count >= COPY_FROM) {
                return createAllByCopy(author, titles, contents, published);
            }
            // unnest(a, b, c) with several arrays has no jOOQ DSL form: a template with bound arrays.
            Table<?> rows = table(
                    "unnest({0}, {1}, {2}) WITH ORDINALITY AS new_post(title, content, published, position)",
                    val(titles), val(contents), val(published));
            return dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED)
                    .select(select(
                                    val(author, POSTS.USER_ID),
                                    field(name("new_post", "title"), String.class),
                                    field(name("new_post", "content"), String.class),
                                    field(name("new_post", "published"), Boolean.class))
                            .from(rows)
                            .orderBy(field(name("new_post", "position"))))
                    .returning(POSTS.ID)
                    .fetch(POSTS.ID);
        });
    }

    private List<PostId> createAllByCopy(UserId author, String[] titles, String[] contents, Boolean[] published) {
        List<PostId> ids = IdReservation.reserve(dsl, POSTS_ID_SEQ, titles.length, PostId::new);
        dsl.connection(connection -> {
            BinaryCopy copy = BinaryCopy.into(
                    dsl, connection, POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED);
            copy.write(() -> {
                for (int i = 0; i < titles.length; i++) {
                    copy.add(ids.get(i), author, titles[i], contents[i], published[i]);
                }
            });
        });
        return ids;
    }

    /** The post with this id, if there is one. */
    public Optional<Post> findById(PostId id) {
        return calls.observe("findById", () -> {
            Inputs.required("id", id);
            Param<PostId> key = val(id, POSTS.ID);
            return Rows.first(
                    byId.query(
                            () -> dsl.select(PostProjection.columns(POSTS))
                                    .from(POSTS)
                                    .where(POSTS.ID.eq(key)),
                            key),
                    row -> PostProjection.read(row, 1));
        });
    }

    /** The post with this id and its author, in one statement (a join along posts.user_id), if there is one. */
    public Optional<PostWithAuthor> findWithAuthor(PostId id) {
        return calls.observe("findWithAuthor", () -> {
            Inputs.required("id", id);
            Param<PostId> key = val(id, POSTS.ID);
            return Rows.first(
                    withAuthorById.query(
                            () -> dsl.select(POST_WITH_AUTHOR).from(POSTS).where(POSTS.ID.eq(key)), key),
                    PostRepository::postWithAuthor);
        });
    }

    /**
     * A page of one author's posts, published or not, newest first.
     *
     * @throws InvalidInputException if the cursor is not one this listing returned
     */
    public Page<Post> findByAuthor(UserId author, PageRequest page) {
        return calls.observe("findByAuthor", () -> {
            Inputs.required("author", author);
            Inputs.required("page", page);
            Param<UserId> authorKey = val(author, POSTS.USER_ID);
            Optional<Keyset> after = Keyset.of(Listing.POSTS_BY_AUTHOR, page);
            List<Post> rows = Rows.list(
                    byAuthor.query(
                            new PageShape(page.limit(), after.isPresent()),
                            () -> dsl.select(PostProjection.columns(POSTS))
                                    .from(POSTS)
                                    .where(POSTS.USER_ID.eq(authorKey), Keyset.before(after))
                                    .orderBy(NEWEST_FIRST)
                                    .limit(inline(page.limit() + 1)),
                            Keyset.binds(authorKey, after)),
                    page.limit() + 1,
                    row -> PostProjection.read(row, 1));
            return Page.fromLookahead(rows, page.limit(), last -> cursor(Listing.POSTS_BY_AUTHOR, last));
        });
    }

    /**
     * A page of the feed: the newest published posts with their authors, in one statement.
     *
     * @throws InvalidInputException if the cursor is not one the feed returned
     */
    public Page<PostWithAuthor> feed(PageRequest page) {
        return calls.observe("feed", () -> {
            Inputs.required("page", page);
            Optional<Keyset> after = Keyset.of(Listing.FEED, page);
            List<PostWithAuthor> rows = Rows.list(
                    feed.query(
                            new PageShape(page.limit(), after.isPresent()),
                            () -> dsl.select(POST_WITH_AUTHOR)
                                    .from(POSTS)
                                    .where(POSTS.PUBLISHED.isTrue(), Keyset.before(after))
                                    .orderBy(NEWEST_FIRST)
                                    .limit(inline(page.limit() + 1)),
                            Keyset.binds(after)),
                    page.limit() + 1,
                    PostRepository::postWithAuthor);
            return Page.fromLookahead(rows, page.limit(), last -> cursor(Listing.FEED, last.post()));
        });
    }

    /**
     * How many posts, published or not, {@code author} has; 0 for a user that does not exist.
     */
    public int countByAuthor(UserId author) {
        return calls.observe("countByAuthor", () -> {
            Inputs.required("author", author);
            return dsl.fetchCount(POSTS, POSTS.USER_ID.eq(author));
        });
    }

    /**
     * A page of users in the order they were created, each with all of their posts (newest first),
     * read in one SQL statement: the page of users, each joined laterally to their posts. The
     * lateral join makes PostgreSQL fetch each user's posts through {@code posts_user_id_idx}; a
     * plain join let it scan every post in the table instead (2.5 ms against 29 ms for 50 users out
     * of 2,001 with 110,000 posts, PostgreSQL 15, 2026-12-02). Its cursors and those of
     * {@code UserRepository.findAll} are interchangeable: both list users by id.
     *
     * @throws InvalidInputException if the cursor is not one a users listing returned
     */
    public Page<UserWithPosts> findUsersWithPosts(PageRequest page) {
        return calls.observe("findUsersWithPosts", () -> {
            Inputs.required("page", page);
            Optional<Param<UserId>> afterUser = KeysetCursor.userPosition(page).map(last -> val(last, USERS.ID));
            List<User> users = new ArrayList<>(page.limit() + 1);
            List<List<Post>> postsByUser = new ArrayList<>(page.limit() + 1);
            Rows.forEach(
                    usersWithPosts.query(
                            new PageShape(page.limit(), afterUser.isPresent()),
                            () -> usersWithPostsQuery(page.limit(), afterUser),
                            afterUser.stream().toArray(Param<?>[]::new)),
                    row -> {
                        if (users.isEmpty() || !users.get(users.size() - 1).id().equals(USER_ID.read(row, 1))) {
                            users.add(UserProjection.read(row, 1));
                            postsByUser.add(new ArrayList<>());
                        }
                        Post post = PostProjection.read(row, 1 + UserProjection.WIDTH);
                        if (post != null) {
                            postsByUser.get(postsByUser.size() - 1).add(post);
                        }
                    });
            List<UserWithPosts> withPosts = new ArrayList<>(users.size());
            for (int i = 0; i < users.size(); i++) {
                withPosts.add(new UserWithPosts(users.get(i), postsByUser.get(i)));
            }
            return Page.fromLookahead(
                    withPosts,
                    page.limit(),
                    last -> KeysetCursor.afterUser(last.user().id()));
        });
    }

    /**
     * The page of {@code limit} users after {@code afterUser} (and one more, the look-ahead), each
     * joined laterally to their posts, newest first.
     */
    private ResultQuery<?> usersWithPostsQuery(int limit, Optional<Param<UserId>> afterUser) {
        Field<Integer> position = rowNumber().over(orderBy(USERS.ID)).as("position");
        Table<?> pageOfUsers = select(USERS.ID, USERS.EMAIL, USERS.CREATED_AT, position)
                .from(USERS)
                .where(afterUser.map(USERS.ID::gt).orElse(noCondition()))
                .orderBy(USERS.ID)
                .limit(inline(limit + 1))
                .asTable("page_of_users");
        Field<UserId> userId = pageOfUsers.field(USERS.ID);
        // The look-ahead user only says that a next page exists: join no posts to it.
        Table<?> postsOfUser = lateral(select(PostProjection.columns(POSTS))
                        .from(POSTS)
                        .where(
                                POSTS.USER_ID.eq(userId),
                                pageOfUsers.field(position).le(inline(limit)))
                        .orderBy(NEWEST_FIRST))
                .as("post");
        List<SelectField<?>> columns =
                new ArrayList<>(List.of(userId, pageOfUsers.field(USERS.EMAIL), pageOfUsers.field(USERS.CREATED_AT)));
        columns.addAll(List.of(postsOfUser.fields()));
        // Flat columns, not nested row() mappings or a MULTISET: those cost two to three times the
        // time here. A user without posts has one row whose post columns are all NULL.
        return dsl.select(columns)
                .from(pageOfUsers)
                .leftJoin(postsOfUser)
                .on(trueCondition())
                .orderBy(
                        userId,
                        postsOfUser.field(POSTS.CREATED_AT).desc(),
                        postsOfUser.field(POSTS.ID).desc());
    }

    /**
     * Replaces a post's title, content and published flag, if the post is still at {@code version},
     * the version the caller read: an update never overwrites a change it did not see. The database
     * raises the version by one (changeset 008's trigger). One statement when the version matches;
     * when it does not, a second one reads the post as it now is, for the exception.
     *
     * @param version the {@link Post#version()} the caller read and edited
     * @return the post as it now is, with its new version; empty if there is no such post (never
     *     was, or was deleted since it was read: there is nothing left to update, whatever the version)
     * @throws StalePostException    if the post is at another version; nothing was changed, and the
     *     exception carries the post as it now is
     * @throws InvalidInputException if the title or content is missing, blank or too long, or the
     *     version is below 1
     */
    public Optional<Post> update(PostId id, long version, String title, String content, boolean published) {
        return calls.observe("update", () -> {
            Inputs.required("id", id);
            if (version < 1) {
                throw new InvalidInputException("version", "must be at least 1, was " + version);
            }
            Inputs.title("title", title);
            Inputs.content("content", content);
            Optional<Post> updated = dsl.update(POSTS)
                    .set(POSTS.TITLE, title)
                    .set(POSTS.CONTENT, content)
                    .set(POSTS.PUBLISHED, published)
                    .where(POSTS.ID.eq(id), POSTS.VERSION.eq(version))
                    .returning(PostProjection.columns(POSTS))
                    .fetchOptional(row -> PostProjection.from(row, POSTS));
            if (updated.isPresent()) {
                return updated;
            }
            // A statement of its own, so that under READ COMMITTED it sees the change that made the
            // version stale even when that change committed while the UPDATE waited for the row.
            Optional<Post> current = findById(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            throw new StalePostException(version, current.get());
        });
    }

    /** Deletes a post; returns whether there was one. */
    public boolean delete(PostId id) {
        return calls.observe("delete", () -> {
            Inputs.required("id", id);
            return dsl.deleteFrom(POSTS).where(POSTS.ID.eq(id)).execute() == 1;
        });
    }

    /** A cursor's position in a newest-first listing of posts, as the typed values the query binds. */
    private record Keyset(Param<OffsetDateTime> createdAt, Param<PostId> id) {

        static Optional<Keyset> of(Listing listing, PageRequest page) {
            return KeysetCursor.postPosition(listing, page)
                    .map(last -> new Keyset(val(last.createdAt(), POSTS.CREATED_AT), val(last.id(), POSTS.ID)));
        }

        /** Rows strictly after the cursor's (created_at, id) in newest-first order; all rows without one. */
        static Condition before(Optional<Keyset> keyset) {
            return keyset.map(last -> row(POSTS.CREATED_AT, POSTS.ID).lt(last.createdAt(), last.id()))
                    .orElse(noCondition());
        }

        /** The keyset's values, the binds of a query that has no other. */
        static Param<?>[] binds(Optional<Keyset> keyset) {
            return keyset.map(last -> new Param<?>[] {last.createdAt(), last.id()})
                    .orElse(new Param<?>[0]);
        }

        /** {@code first}, then the keyset's values: the binds of a query that has both. */
        static Param<?>[] binds(Param<?> first, Optional<Keyset> keyset) {
            List<Param<?>> binds = new ArrayList<>(3);
            binds.add(first);
            keyset.ifPresent(last -> {
                binds.add(last.createdAt());
                binds.add(last.id());
            });
            return binds.toArray(Param<?>[]::new);
        }
    }

    private static PostWithAuthor postWithAuthor(ResultSet row) throws SQLException {
        return new PostWithAuthor(PostProjection.read(row, 1), UserProjection.read(row, 1 + PostProjection.WIDTH));
    }

    private static String cursor(Listing listing, Post last) {
        return KeysetCursor.afterPost(listing, last.createdAt(), last.id());
    }
}
