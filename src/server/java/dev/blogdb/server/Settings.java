package dev.blogdb.server;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the {@link Setting}s are read from: values given on a command line first, then system
 * properties, then environment variables. Each value found says where it came from, so that a
 * message can name the option or variable to fix.
 */
public final class Settings {

    /**
     * A setting's value and where it came from.
     *
     * @param value  the value, stripped, never blank
     * @param source what set it: an option such as {@code --jdbc-url}, a property or a variable
     */
    public record Found(String value, String source) {

        /** The source only: a value may be a password. */
        @Override
        public String toString() {
            return "Found[source=" + source + "]";
        }
    }

    private final Map<Setting, Found> given;
    private final Map<String, String> properties;
    private final Map<String, String> variables;

    private Settings(Map<Setting, Found> given, Map<String, String> properties, Map<String, String> variables) {
        this.given = given;
        this.properties = properties;
        this.variables = variables;
    }

    /** This process's system properties and environment variables. */
    public static Settings ofThisProcess() {
        Properties system = System.getProperties();
        Map<String, String> properties = new HashMap<>();
        system.stringPropertyNames().forEach(name -> properties.put(name, system.getProperty(name)));
        return new Settings(new EnumMap<>(Setting.class), Map.copyOf(properties), System.getenv());
    }

    /** These environment variables alone, as a program that takes no system properties sees them. */
    public static Settings ofVariables(Map<String, String> variables) {
        return new Settings(new EnumMap<>(Setting.class), Map.of(), Map.copyOf(variables));
    }

    /**
     * These settings with {@code setting} given as {@code value} by {@code source} (an option),
     * which wins over properties and variables; a null or blank {@code value} changes nothing (a
     * caller that must refuse a blank option checks it first).
     */
    public Settings with(Setting setting, String value, String source) {
        Optional<String> present = present(value);
        if (present.isEmpty()) {
            return this;
        }
        Map<Setting, Found> more = new EnumMap<>(Setting.class);
        more.putAll(given);
        more.put(setting, new Found(present.get(), source));
        return new Settings(more, properties, variables);
    }

    /** The setting's value and source, if it is set. */
    public Optional<Found> find(Setting setting) {
        if (given.containsKey(setting)) {
            return Optional.of(given.get(setting));
        }
        return present(properties.get(setting.property()))
                .map(value -> new Found(value, setting.property()))
                .or(() ->
                        present(variables.get(setting.variable())).map(value -> new Found(value, setting.variable())));
    }

    /** The setting's value, if it is set. */
    public Optional<String> get(Setting setting) {
        return find(setting).map(Found::value);
    }

    /** An environment variable outside blogdb's own, such as libpq's {@code PGHOST}, if it is set. */
    public Optional<String> variable(String name) {
        return present(variables.get(name));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(stripped -> !stripped.isEmpty());
    }
}
