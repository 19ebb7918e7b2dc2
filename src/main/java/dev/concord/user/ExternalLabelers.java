package dev.concord.user;

import dev.concord.base.IdBlocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The labelers named in a file of labels made elsewhere, found by name on the import's connection
 * (so they are created in its transaction, and gone with it should the import fail). A name not yet
 * known becomes an external labeler: a LABELER account with no password that can never log in
 * ({@link EnabledUserAugmentor} refuses external accounts).
 */
public final class ExternalLabelers {
    /** A labeler as the import needs it: {@code external} false for someone who labels in Concord. */
    public record Labeler(long id, boolean external) {}

    private final Connection connection;
    private final IdBlocks ids;
    private final Instant now;
    private final Map<String, Labeler> known = new HashMap<>();

    public ExternalLabelers(Connection connection, IdBlocks ids, Instant now) {
        this.connection = connection;
        this.ids = ids;
        this.now = now;
    }

    /** The labeler of this name (checked by the caller against {@link UserService#USERNAME}), created if new. */
    public Labeler resolve(String username) throws SQLException {
        Labeler labeler = known.get(username);
        if (labeler != null) return labeler;
        try (PreparedStatement s = connection.prepareStatement("select id, external from app_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) labeler = new Labeler(rs.getLong(1), rs.getBoolean(2));
            }
        }
        if (labeler == null) {
            long id = ids.next(connection);
            try (PreparedStatement s = connection.prepareStatement("insert into app_user (id, username, password_hash, roles, external, enabled,"
                    + " created_at) values (?, ?, null, ?, true, true, ?)")) {
                s.setLong(1, id);
                s.setString(2, username);
                s.setString(3, User.Role.LABELER.name());
                s.setObject(4, now.atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
            labeler = new Labeler(id, true);
        }
        known.put(username, labeler);
        return labeler;
    }
}
