package dev.blogdb.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Quiet libraries for the command line: it reports what matters itself, in one line, so the logs
 * of Liquibase, pgjdbc (java.util.logging), HikariCP and Testcontainers (SLF4J) stay off unless
 * {@code --verbose}. Set once per process, before any of them logs; the tests configure their own.
 */
final class ProcessLogging {

    private ProcessLogging() {}

    static void configure(boolean verbose) {
        setUnlessGiven("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        // Liquibase would otherwise try to send anonymous usage data, and print a banner to its log.
        setUnlessGiven("liquibase.analytics.enabled", "false");
        setUnlessGiven("liquibase.showBanner", "false");
        Logger root = LogManager.getLogManager().getLogger("");
        Level level = verbose ? Level.INFO : Level.OFF;
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
