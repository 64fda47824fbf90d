package dev.blogdb.post;

import static dev.blogdb.jooq.Tables.POSTS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.blogdb.Inputs;
import dev.blogdb.InvalidInputException;
import dev.blogdb.Page;
import dev.blogdb.PageRequest;
import dev.blogdb.db.ErrorTranslation;
import dev.blogdb.db.KeysetCursor;
import dev.blogdb.jooq.tables.Users.UsersPath;
import dev.blogdb.user.UserId;
import dev.blogdb.user.UserProjection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * Posts: creating, finding, listing, updating and deleting them. Listings are read by keyset on
 * {@code (created_at, id)}, never by OFFSET, so pages neither skip nor repeat posts while new ones
 * arrive, and a deep page costs what the first one does. Every method validates its arguments
 * before any SQL is sent. Thread-safe when its {@link DSLContext} is.
 */
public final class PostRepository {

    private static final String FEED_LISTING = "feed";
    private static final String AUTHOR_LISTING = "posts-by-author";
    private static final List<SortField<?>> NEWEST_FIRST = List.of(POSTS.CREATED_AT.desc(), POSTS.ID.desc());
    /** A post's author, joined along posts.user_id. */
    private static final UsersPath AUTHOR = POSTS.users();
    private static final List<SelectField<?>> POST_WITH_AUTHOR = Stream
            .concat(PostProjection.columns(POSTS).stream(), UserProjection.columns(AUTHOR).stream()).toList();

    private final DSLContext dsl;

    /** A repository over {@code dsl}. */
    public PostRepository(DSLContext dsl) {
        this.dsl = ErrorTranslation.applyTo(dsl);
    }

    /**
     * Creates a post.
     *
     * @throws InvalidInputException  if the title or content is missing, blank or too long
     * @throws UnknownAuthorException if there is no user {@code author}
     */
    public Post create(UserId author, String title, String content, boolean published) {
        Inputs.required("author", author);
        Inputs.text("title", title, Post.MAX_TITLE_LENGTH);
        Inputs.text("content", content, Post.MAX_CONTENT_LENGTH);
        return dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED)
                .values(author, title, content, published)
                .returning(PostProjection.columns(POSTS))
                .fetchSingle(row -> PostProjection.from(row, POSTS));
    }

    /**
     * Creates many posts by one author in one statement: every post is validated first, then all are
     * inserted from arrays ({@code INSERT ... SELECT FROM unnest(...)}), which is faster than JDBC
     * batching. All or none are created.
     *
     * @return the new posts' ids, in the order of {@code posts}
     * @throws InvalidInputException  if any post breaks a rule; the field names its position, e.g. {@code posts[3].title}
     * @throws UnknownAuthorException if there is no user {@code author}
     */
    public List<PostId> createAll(UserId author, List<NewPost> posts) {
        Inputs.required("author", author);
        Inputs.required("posts", posts);
        int count = posts.size();
        String[] titles = new String[count];
        String[] contents = new String[count];
        Boolean[] published = new Boolean[count];
        for (int i = 0; i < count; i++) {
            NewPost post = Inputs.required("posts[" + i + "]", posts.get(i));
            titles[i] = Inputs.text("posts[" + i + "].title", post.title(), Post.MAX_TITLE_LENGTH);
            contents[i] = Inputs.text("posts[" + i + "].content", post.content(), Post.MAX_CONTENT_LENGTH);
            published[i] = post.published();
        }
        if (count == 0) {
            return List.of();
        }
        // unnest(a, b, c) with several arrays has no jOOQ DSL form: a template with bound arrays.
        Table<?> rows = table("unnest({0}, {1}, {2}) WITH ORDINALITY AS new_post(title, content, published, position)",
                val(titles), val(contents), val(published));
        return dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED)
                .select(select(val(author, POSTS.USER_ID), field(name("new_post", "title"), String.class),
                        field(name("new_post", "content"), String.class), field(name("new_post", "published"), Boolean.class))
                        .from(rows)
                        .orderBy(field(name("new_post", "position"))))
                .returning(POSTS.ID)
                .fetch(POSTS.ID);
    }

    /** The post with this id, if there is one. */
    public Optional<Post> findById(PostId id) {
        Inputs.required("id", id);
        return dsl.select(PostProjection.columns(POSTS)).from(POSTS).where(POSTS.ID.eq(id))
                .fetchOptional(row -> PostProjection.from(row, POSTS));
    }

    /** The post with this id and its author, in one statement (a join along posts.user_id), if there is one. */
    public Optional<PostWithAuthor> findWithAuthor(PostId id) {
        Inputs.required("id", id);
        return dsl.select(POST_WITH_AUTHOR)
                .from(POSTS)
                .where(POSTS.ID.eq(id))
                .fetchOptional(PostRepository::postWithAuthor);
    }

    /**
     * A page of one author's posts, published or not, newest first.
     *
     * @throws InvalidInputException if the cursor is not one this listing returned
     */
    public Page<Post> findByAuthor(UserId author, PageRequest page) {
        Inputs.required("author", author);
        Inputs.required("page", page);
        List<Post> rows = dsl.select(PostProjection.columns(POSTS))
                .from(POSTS)
                .where(POSTS.USER_ID.eq(author), after(AUTHOR_LISTING, page))
                .orderBy(NEWEST_FIRST)
                .limit(page.limit() + 1)
                .fetch(row -> PostProjection.from(row, POSTS));
        return Page.fromLookahead(rows, page.limit(), last -> cursor(AUTHOR_LISTING, last));
    }

    /**
     * A page of the feed: the newest published posts with their authors, in one statement.
     *
     * @throws InvalidInputException if the cursor is not one the feed returned
     */
    public Page<PostWithAuthor> feed(PageRequest page) {
        Inputs.required("page", page);
        List<PostWithAuthor> rows = dsl.select(POST_WITH_AUTHOR)
                .from(POSTS)
                .where(POSTS.PUBLISHED.isTrue(), after(FEED_LISTING, page))
                .orderBy(NEWEST_FIRST)
                .limit(page.limit() + 1)
                .fetch(PostRepository::postWithAuthor);
        return Page.fromLookahead(rows, page.limit(), last -> cursor(FEED_LISTING, last.post()));
    }

    /**
     * Replaces a post's title, content and published flag.
     *
     * @return the post as it now is, or empty if there is no such post
     * @throws InvalidInputException if the title or content is missing, blank or too long
     */
    public Optional<Post> update(PostId id, String title, String content, boolean published) {
        Inputs.required("id", id);
        Inputs.text("title", title, Post.MAX_TITLE_LENGTH);
        Inputs.text("content", content, Post.MAX_CONTENT_LENGTH);
        return dsl.update(POSTS)
                .set(POSTS.TITLE, title)
                .set(POSTS.CONTENT, content)
                .set(POSTS.PUBLISHED, published)
                .where(POSTS.ID.eq(id))
                .returning(PostProjection.columns(POSTS))
                .fetchOptional(row -> PostProjection.from(row, POSTS));
    }

    /** Deletes a post; returns whether there was one. */
    public boolean delete(PostId id) {
        Inputs.required("id", id);
        return dsl.deleteFrom(POSTS).where(POSTS.ID.eq(id)).execute() == 1;
    }

    /** Rows strictly after the cursor's (created_at, id) in newest-first order. */
    private static Condition after(String listing, PageRequest page) {
        return page.after()
                .map(cursor -> KeysetCursor.<Condition>decode(listing, cursor, 2, key -> row(POSTS.CREATED_AT, POSTS.ID)
                        .lt(KeysetCursor.timestamp(key[0]), new PostId(key[1]))))
                .orElse(noCondition());
    }

    private static PostWithAuthor postWithAuthor(Record row) {
        return new PostWithAuthor(PostProjection.from(row, POSTS), UserProjection.from(row, AUTHOR));
    }

    private static String cursor(String listing, Post last) {
        OffsetDateTime createdAt = last.createdAt();
        return KeysetCursor.encode(listing, KeysetCursor.micros(createdAt), last.id().value());
    }
}
