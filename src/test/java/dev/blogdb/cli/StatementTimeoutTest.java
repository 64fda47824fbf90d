package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.BlogDb;
import dev.blogdb.server.Settings;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** --statement-timeout: what reaches the database, and how a cancelled statement is reported. */
@ExtendWith(MigratedDatabase.class)
class StatementTimeoutTest {

    private static final String CANCELLED =
            "blogdb: PostgreSQL cancelled a statement: ERROR: canceling statement due to statement timeout\n";

    @Test
    void aStatementTimeoutGivenOnTheCommandLineCancelsSeedsCopyAndAReadAlikeInOneLine(ThrowawayDatabase database)
            throws Exception {
        Cli cli = Cli.plain();
        try (Connection locker = database.connect();
                Statement statement = locker.createStatement()) {
            // Were the timeout not applied, the server would end this session after 20 s and so
            // release the lock: the commands would succeed, and the test fail rather than hang.
            statement.execute("SET idle_in_transaction_session_timeout = '20s'");
            locker.setAutoCommit(false);
            // Held until the connection closes: each command waits on it until its statement timeout cancels it.
            statement.execute("LOCK TABLE users, posts IN ACCESS EXCLUSIVE MODE");

            Cli.Outcome seed =
                    cli.run(database, "seed", "--users", "1", "--posts-per-user", "1", "--statement-timeout", "1");
            Cli.Outcome feed = cli.run(database, "feed", "--statement-timeout", "1");

            assertThat(seed.exitCode()).isEqualTo(1);
            assertThat(seed.out()).isEmpty();
            assertThat(seed.err()).isEqualTo(CANCELLED);
            assertThat(feed.exitCode()).isEqualTo(1);
            assertThat(feed.err()).isEqualTo(CANCELLED);
        }
    }

    @Test
    void theDatabaseGetsTheStatementTimeoutGivenAndByDefaultKeepsItsOwn(ThrowawayDatabase database) throws Exception {
        String serversOwn;
        try (Connection plain = database.connect();
                Statement statement = plain.createStatement();
                ResultSet setting = statement.executeQuery("SHOW statement_timeout")) {
            setting.next();
            serversOwn = setting.getString(1);
        }

        assertThat(statementTimeoutSeen(database, "--statement-timeout", "7")).isEqualTo("7s");
        assertThat(statementTimeoutSeen(database)).isEqualTo(serversOwn);
    }

    /** What {@code SHOW statement_timeout} says on a connection that {@link DatabaseOptions} opened with {@code options}. */
    private static String statementTimeoutSeen(ThrowawayDatabase database, String... options) {
        Environment environment = new Environment(
                Settings.ofVariables(Map.of()), Optional.empty(), new BufferedReader(new StringReader("")), false);
        CommandLine command = new CommandLine(new ShowStatementTimeout(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == DatabaseOptions.class
                        ? type.cast(new DatabaseOptions(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        assertThat(command.execute(Cli.on(database, options))).isZero();
        return out.toString();
    }

    @Command(name = "show-statement-timeout")
    static final class ShowStatementTimeout implements Runnable {

        @Mixin
        private DatabaseOptions database;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            try (BlogDb blog = database.openForReading()) {
                spec.commandLine().getOut().print(blog.dsl().fetchValue("SHOW statement_timeout"));
            }
        }
    }
}
