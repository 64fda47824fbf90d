package dev.blogdb.cli;

/** A count and what is counted, in the singular or the plural as the count needs: "1 post", "2 posts". */
final class Counted {

    private Counted() {}

    /**
     * {@code count} {@code noun}s, with thousands separated: "1 changeset", "100,000 posts".
     *
     * @param noun the singular, whose plural takes an s, as every noun the command line counts does
     */
    static String of(long count, String noun) {
        return String.format("%,d %s", count, count == 1 ? noun : noun + "s");
    }
}
