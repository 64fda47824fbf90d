package dev.blogdb.bench;

import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.UserId;
import dev.blogdb.post.NewPost;
import dev.blogdb.post.PostRepository;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.user.User;
import dev.blogdb.user.UserRepository;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What each workload acts on, by the data set's shape: the user deleted by W3 (an ordinary user),
 * the prolific user deleted by W3b, the author W4 inserts for, and where deep feed pages start.
 *
 * @param ordinaryUser a user with the ordinary number of posts
 * @param prolificUser the user with many posts
 * @param w4Posts      the posts W4 inserts
 * @param ordinaryPosts how many posts the ordinary user has
 * @param prolificPosts how many posts the prolific user has
 */
public record Targets(
        UserId ordinaryUser, UserId prolificUser, List<NewPost> w4Posts, int ordinaryPosts, int prolificPosts) {

    /** Page size of W2 and W5. */
    public static final int FEED_PAGE = 100;
    /** Users per W1 page. */
    public static final int USERS_PAGE = 50;
    /** How many posts W4 inserts. */
    public static final int W4_POSTS = 10_000;

    static Targets of(DataSet data) {
        List<NewPost> posts = IntStream.range(0, W4_POSTS)
                .mapToObj(i -> new NewPost(
                        String.format("Bulk post %05d about inserting many rows", i), "x".repeat(400), i % 5 != 4))
                .toList();
        return new Targets(
                new UserId(data.users() / 2),
                new UserId(data.users() + 1),
                posts,
                data.postsPerUser(),
                data.prolificPosts());
    }

    /** The id after which W1's heavy page starts: the heavy users follow the prolific one. */
    public long heavyPageAfter() {
        return prolificUser.value();
    }

    /**
     * blogdb's request for the users page after user {@code afterUser}, with the cursor a reader
     * paging from the top holds: found by paging through the users with blogdb's own API (the data
     * set's user ids run from 1 without gaps).
     */
    public static PageRequest usersPageAfter(UserRepository users, long afterUser) {
        PageRequest request = PageRequest.first((int) Math.min(PageRequest.MAX_LIMIT, afterUser));
        while (true) {
            Page<User> page = users.findAll(request);
            long last = page.items().get(page.items().size() - 1).id().value();
            String cursor =
                    page.nextCursor().orElseThrow(() -> new IllegalStateException("no user after " + afterUser));
            if (last == afterUser) {
                return PageRequest.after(cursor, USERS_PAGE);
            }
            request = PageRequest.after(cursor, (int) Math.min(PageRequest.MAX_LIMIT, afterUser - last));
        }
    }

    /**
     * The request for feed page {@code page} (1-based), with the cursor a reader paging from the top
     * holds: found by paging through the feed with blogdb's own API, as that reader would.
     */
    public static FeedPosition feedPage(PostRepository posts, int page) {
        PageRequest request = PageRequest.first(FEED_PAGE);
        PostWithAuthor last = null;
        for (int before = 1; before < page; before++) {
            Page<PostWithAuthor> previous = posts.feed(request);
            String cursor =
                    previous.nextCursor().orElseThrow(() -> new IllegalStateException("the feed has no page " + page));
            last = previous.items().get(previous.items().size() - 1);
            request = PageRequest.after(cursor, FEED_PAGE);
        }
        Object[] lastKey = last == null
                ? null
                : new Object[] {last.post().createdAt(), last.post().id().value()};
        return new FeedPosition(page, request, lastKey, (page - 1) * FEED_PAGE);
    }

    /**
     * Where a feed page starts.
     *
     * @param page    its number, from 1
     * @param request blogdb's request for it
     * @param lastKey the (created_at, id) before it, for the hand-written keyset query; null on page 1
     * @param offset  how many rows OFFSET skips to reach it
     */
    public record FeedPosition(int page, PageRequest request, Object[] lastKey, int offset) {}
}
