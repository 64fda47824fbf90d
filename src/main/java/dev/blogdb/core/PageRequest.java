package dev.blogdb.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a listing to read: at most {@code limit} items, after the position that
 * {@code after} names. The cursor is opaque: take it from {@link Page#nextCursor()}.
 *
 * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
 * @param after the cursor of the previous page, or empty for the first page
 */
public record PageRequest(int limit, Optional<String> after) {

    /** The largest page blogdb reads in one statement. */
    public static final int MAX_LIMIT = 500;

    /** @throws InvalidInputException if the limit is out of range */
    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first page, of at most {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /**
     * The page after the one whose {@link Page#nextCursor()} was {@code cursor}.
     *
     * @throws InvalidInputException if the cursor is null or the limit out of range
     */
    public static PageRequest after(String cursor, int limit) {
        if (cursor == null) {
            throw new InvalidInputException("cursor", "is required");
        }
        return new PageRequest(limit, Optional.of(cursor));
    }
}
