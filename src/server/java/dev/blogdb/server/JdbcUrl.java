package dev.blogdb.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL, {@code jdbc:postgresql://HOST[:PORT][,HOST[:PORT]...]/[DATABASE][?PARAMETERS]}, read
 * once by the driver's own parser, so that blogdb accepts exactly the URLs the driver does. Its
 * {@link #toString()} masks a password among the parameters, so a URL can be put in any message.
 *
 * @param value the URL as given
 */
public record JdbcUrl(String value) {

    /** The form, as messages state it. */
    public static final String FORM = "jdbc:postgresql://HOST[:PORT]/DATABASE";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    /** @throws IllegalArgumentException if the driver does not read {@code value} as a PostgreSQL JDBC URL */
    public JdbcUrl {
        if (value == null) {
            throw new IllegalArgumentException("a JDBC URL is required (" + FORM + ")");
        }
        if (parsed(value) == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (" + FORM + "): " + masked(value));
        }
    }

    /** The URL in {@code value}, as {@link #JdbcUrl(String)} reads it. */
    public static JdbcUrl parse(String value) {
        return new JdbcUrl(value);
    }

    /** The URL of {@code database} on {@code host}'s {@code port}. */
    public static JdbcUrl of(String host, int port, String database) {
        return new JdbcUrl("jdbc:postgresql://" + host + ":" + port + "/" + encoded(database));
    }

    /** The database the URL names, if it names one ({@code jdbc:postgresql://host/} names none). */
    public Optional<String> database() {
        return Optional.ofNullable(parsed(value).getProperty("PGDBNAME")).filter(name -> !name.isEmpty());
    }

    /** The (first) host the URL names: {@code localhost} where it names none. */
    public String host() {
        return parsed(value).getProperty("PGHOST").split(",")[0];
    }

    /** The port of the (first) host: 5432 where the URL names none. */
    public int port() {
        return Integer.parseInt(parsed(value).getProperty("PGPORT").split(",")[0]);
    }

    /** The same server, host, port and parameters, with {@code database} instead of the URL's database. */
    public JdbcUrl withDatabase(String database) {
        return rebuilt(addresses(), database);
    }

    /** The same database and parameters on one other server, as a proxy in front of it would be reached. */
    public JdbcUrl withAddress(String host, int port) {
        return rebuilt(host + ":" + port, database().orElse(""));
    }

    private String addresses() {
        Properties parsed = parsed(value);
        String[] hosts = parsed.getProperty("PGHOST").split(",");
        String[] ports = parsed.getProperty("PGPORT").split(",");
        List<String> addresses = new ArrayList<>(hosts.length);
        for (int i = 0; i < hosts.length; i++) {
            addresses.add(hosts[i] + ":" + ports[i]);
        }
        return String.join(",", addresses);
    }

    private JdbcUrl rebuilt(String addresses, String database) {
        int query = value.indexOf('?');
        return new JdbcUrl(
                "jdbc:postgresql://" + addresses + "/" + encoded(database) + (query < 0 ? "" : value.substring(query)));
    }

    /** The URL with the value of any {@code password} parameter replaced by {@code ***}. */
    public String masked() {
        return masked(value);
    }

    /** The {@link #masked()} URL: a URL can go into any message. */
    @Override
    public String toString() {
        return masked();
    }

    /** A database name as a URL's path holds it: percent-encoded, a space as %20. */
    private static String encoded(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code url} with any password parameter masked, whether or not it is a valid URL. */
    public static String masked(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    private static Properties parsed(String url) {
        return url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
    }
}
