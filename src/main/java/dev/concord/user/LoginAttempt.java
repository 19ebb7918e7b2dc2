package dev.concord.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;

/** A failed login, kept for throttling; stored in the database so all instances count the same. */
@Entity
@Table(name = "login_attempt")
public class LoginAttempt extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    public String client;
    public Instant at;

    /**
     * The client's address as Vert.x sees it: the peer, or, when proxy address forwarding is
     * configured (quarkus.http.proxy.*), the address the trusted proxy forwarded.
     */
    static String clientOf(HttpServerRequest request) {
        String host = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (host == null) host = request.remoteAddress().host();
        return host.length() > 64 ? host.substring(0, 64) : host;
    }
}
