package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class SeederTest {

    @Test
    void aFailedSeedReportsItsOwnErrorWhenRollingBackAndRestoringAutoCommitFailToo() {
        SQLException original = new SQLException("ERROR: permission denied for sequence users_id_seq", "42501");
        SQLException rollbackFailed = new SQLException("rollback failed: the connection is closed", "08003");
        SQLException restoreFailed = new SQLException("setAutoCommit failed: the connection is closed", "08003");
        Connection connection = failingConnection(original, rollbackFailed, restoreFailed);

        Throwable thrown = catchThrowable(() -> Seeder.seed(connection, new Seeder.Plan(1, 1), "$argon2id$...", "token", Progress.none()));

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).containsExactly(rollbackFailed, restoreFailed);
    }

    /**
     * A connection in auto-commit mode whose first statement fails with {@code failure}, and whose
     * rollback and return to auto-commit fail as well.
     */
    private static Connection failingConnection(SQLException failure, SQLException rollbackFailure, SQLException restoreFailure) {
        boolean[] autoCommit = {true};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAutoCommit" -> autoCommit[0];
                    case "setAutoCommit" -> {
                        if ((boolean) args[0]) {
                            throw restoreFailure;
                        }
                        autoCommit[0] = false;
                        yield null;
                    }
                    case "prepareStatement" -> throw failure;
                    case "rollback" -> throw rollbackFailure;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
