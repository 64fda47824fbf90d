package dev.blogdb.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL version a started server runs: {@link Setting#POSTGRES_VERSION} if set, else the
 * version the build recorded in {@value #PINNED_RESOURCE}: {@code pom.xml}'s {@code postgres.test.version},
 * the version whose binaries it put on the class path ({@code postgres.version} unless CI's version
 * matrix says otherwise). Code generation passes {@code postgres.version} itself, being run before
 * resources are.
 *
 * @param value a major version ({@code 17}) or an exact one ({@code 17.6.0})
 */
record PostgresVersion(String value) {

    static final String PINNED_RESOURCE = "dev/blogdb/server/postgres.properties";

    PostgresVersion {
        if (!value.matches("[1-9][0-9]*(\\.[0-9]+)*")) {
            throw new IllegalArgumentException(Setting.POSTGRES_VERSION.property()
                    + " must be a PostgreSQL version such as 17 or 17.6.0, was " + value);
        }
    }

    /** The version the settings ask for, else the pinned one. */
    static PostgresVersion wanted(Settings settings) {
        return settings.get(Setting.POSTGRES_VERSION).map(PostgresVersion::new).orElseGet(PostgresVersion::pinned);
    }

    /** The version {@code pom.xml} pins. */
    static PostgresVersion pinned() {
        return recorded()
                .orElseThrow(() -> new IllegalStateException("no " + PINNED_RESOURCE + " on the class path: set "
                        + Setting.POSTGRES_VERSION.property() + " to the PostgreSQL version to start"));
    }

    /** The version the build recorded in {@value #PINNED_RESOURCE}, if it is on the class path yet. */
    static Optional<PostgresVersion> recorded() {
        try (InputStream resource = PostgresVersion.class.getClassLoader().getResourceAsStream(PINNED_RESOURCE)) {
            if (resource == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(resource);
            return Optional.of(new PostgresVersion(properties.getProperty("version")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PINNED_RESOURCE, e);
        }
    }

    /** The major version, {@code 17} of {@code 17.6.0}. */
    String major() {
        return value.split("\\.", 2)[0];
    }

    /** Whether an exact version (of embedded binaries, say) is this one: the same, or within this major. */
    boolean matches(String exact) {
        return exact.equals(value) || exact.startsWith(value + ".");
    }

    /** The official Docker image of this major version. */
    String officialImage() {
        return "postgres:" + major() + "-alpine";
    }

    @Override
    public String toString() {
        return value;
    }
}
