package dev.blogdb.internal;

import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque cursors of blogdb's keyset listings: where a page ends, encoded so that the next
 * page can start there. A cursor names its listing, so one issued for the feed is refused by the
 * author listing; anything else a caller makes up is an {@link InvalidInputException} on the field
 * {@code cursor}, found before any SQL is sent.
 */
public final class KeysetCursor {

    /** blogdb's keyset listings, and the key each pages by. */
    public enum Listing {
        /** Users by id: {@code users.findAll} and {@code posts.findUsersWithPosts} share it. */
        USERS("users"),
        /** Published posts, newest first by {@code (created_at, id)}. */
        FEED("feed"),
        /** One author's posts, newest first by {@code (created_at, id)}. */
        POSTS_BY_AUTHOR("posts-by-author");

        private final String label;

        Listing(String label) {
            this.label = label;
        }
    }

    /**
     * A position in a listing of posts newest first.
     *
     * @param createdAt the last post's creation time
     * @param id        the last post's id, which orders posts created at the same time
     */
    public record PostPosition(OffsetDateTime createdAt, PostId id) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Within PostgreSQL's timestamptz range (4713 BC to 294276 AD, whose end a long of microseconds cannot reach). */
    private static final long EARLIEST_MICROS = micros(OffsetDateTime.parse("-4712-01-01T00:00:00Z"));

    private static final long LATEST_MICROS = micros(OffsetDateTime.parse("+99999-12-31T23:59:59Z"));

    private KeysetCursor() {}

    /** The cursor after user {@code last} in the users listing. */
    public static String afterUser(UserId last) {
        return encode(Listing.USERS, last.value());
    }

    /**
     * Where the users page asked for starts: after the user the cursor names, or at the beginning.
     *
     * @throws InvalidInputException if the cursor is not one the users listing returned
     */
    public static Optional<UserId> userPosition(PageRequest page) {
        return page.after().map(cursor -> new UserId(decode(Listing.USERS, cursor, 1)[0]));
    }

    /** The cursor after the post created at {@code createdAt} with {@code id} in {@code listing}. */
    public static String afterPost(Listing listing, OffsetDateTime createdAt, PostId id) {
        return encode(listing, micros(createdAt), id.value());
    }

    /**
     * Where the page of posts asked for starts: after the post the cursor names, or at the beginning.
     *
     * @throws InvalidInputException if the cursor is not one {@code listing} returned
     */
    public static Optional<PostPosition> postPosition(Listing listing, PageRequest page) {
        return page.after().map(cursor -> {
            long[] key = decode(listing, cursor, 2);
            try {
                return new PostPosition(timestamp(key[0]), new PostId(key[1]));
            } catch (IllegalArgumentException e) { // a time PostgreSQL cannot hold, or an id that cannot be
                throw notACursor(listing);
            }
        });
    }

    private static String encode(Listing listing, long... key) {
        StringBuilder text = new StringBuilder(listing.label);
        for (long part : key) {
            text.append(':').append(part);
        }
        return ENCODER.encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static long[] decode(Listing listing, String cursor, int keyLength) {
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != keyLength + 1 || !parts[0].equals(listing.label)) {
                throw notACursor(listing);
            }
            long[] key = new long[keyLength];
            for (int i = 0; i < keyLength; i++) {
                key[i] = Long.parseLong(parts[i + 1]);
            }
            if (listing == Listing.USERS && key[0] <= 0) {
                throw notACursor(listing); // no user id is
            }
            return key;
        } catch (IllegalArgumentException e) { // bad Base64 or a bad number
            throw notACursor(listing);
        }
    }

    /** A timestamp as a cursor key part, to PostgreSQL's precision of one microsecond. */
    private static long micros(OffsetDateTime timestamp) {
        // Not ChronoUnit.MICROS.between: it counts nanoseconds, which overflow a long after 2262.
        Instant instant = timestamp.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * The timestamp that {@link #micros} encoded.
     *
     * @throws IllegalArgumentException if it lies outside what PostgreSQL's timestamptz holds, as
     *                                  only a forged cursor's can: it must fail here, before any SQL
     */
    private static OffsetDateTime timestamp(long micros) {
        if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
            throw new IllegalArgumentException("timestamp out of range: " + micros);
        }
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static InvalidInputException notACursor(Listing listing) {
        return new InvalidInputException(
                "cursor", "must be a cursor that blogdb returned for the " + listing.label + " listing");
    }
}
