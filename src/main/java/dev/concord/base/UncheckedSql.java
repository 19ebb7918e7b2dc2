package dev.concord.base;

import java.sql.SQLException;

/** An SQLException carried out of a callback that cannot throw it (a row visitor), to be unwrapped by its caller. */
public final class UncheckedSql extends RuntimeException {
    public UncheckedSql(SQLException cause) {
        super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
