package dev.concord.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A browser session. The cookie holds a random secret; the database holds its SHA-256, so
 * every app instance sees the same sessions and ending one (logout, disable, new password)
 * takes effect everywhere at once.
 */
@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "user_id")
    public Long userId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public static long endAllFor(Long userId) {
        return delete("userId", userId);
    }
}
