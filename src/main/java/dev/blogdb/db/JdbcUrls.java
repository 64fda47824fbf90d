package dev.blogdb.db;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown to people: a password among the parameters is masked. */
public final class JdbcUrls {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    private JdbcUrls() {
    }

    /** {@code url} with the value of any {@code password} parameter replaced by {@code ***}. */
    public static String masked(String url) {
        return url == null ? null : PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }
}
