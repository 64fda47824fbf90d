package dev.blogdb.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing, read by keyset: pages neither skip nor repeat items while rows are added.
 *
 * @param items      the items, in the listing's order
 * @param nextCursor where the next page starts, or empty if this is the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /** Copies {@code items}, so that a page never changes after it is made. */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page for rows read with a limit one larger than the page's: the extra row, if any, is not
     * shown, and only says that there is a next page, which starts after the last row shown.
     */
    public static <T> Page<T> fromLookahead(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> shown = rows.subList(0, limit);
        return new Page<>(shown, Optional.of(cursorAfter.apply(shown.get(limit - 1))));
    }
}
