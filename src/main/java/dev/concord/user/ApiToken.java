package dev.concord.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An API token for scripts: only the SHA-256 of the secret is stored; the secret is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    public Long id;

    @Column(name = "user_id")
    public Long userId;

    public String name;

    @Column(name = "token_hash")
    public String tokenHash;

    /** The first characters of the secret, so a person can tell their tokens apart. */
    public String prefix;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Revokes every active token of the user (a password change or reset). */
    public static long revokeAllFor(Long userId) {
        return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", Instant.now(), userId);
    }

    public static List<ApiToken> listFor(Long userId) {
        return list("userId = ?1 and revokedAt is null order by createdAt", userId);
    }
}
