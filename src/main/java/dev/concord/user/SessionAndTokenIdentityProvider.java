package dev.concord.user;

import dev.concord.base.AccessLimit;
import dev.concord.base.Database;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Turns a session cookie or API token into the identity of an enabled, non-external user. */
@ApplicationScoped
public class SessionAndTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final AgroalDataSource dataSource;
    private final boolean inProcess;

    SessionAndTokenIdentityProvider(AgroalDataSource dataSource, Database database) {
        this.dataSource = dataSource;
        this.inProcess = database.inProcess();
    }

    /** Last-used time of a token is written at most this often, to keep reads read-only. */
    private static final Duration TOKEN_TOUCH = Duration.ofMinutes(5);

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * On a database in this process (H2 embedded) the credential is read on the calling thread,
     * the request's event loop: a look-up in H2's page cache with no I/O, which costs less than
     * the hop to a worker thread and back (BENCHMARKS.md, "Labeling"). Only
     * the rare write of a token's last use goes to a worker. A database over the network
     * (PostgreSQL) is always read on a worker.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!inProcess) return context.runBlocking(() -> touched(read(request)));
        return Uni.createFrom().item(() -> read(request))
                .flatMap(found -> found.touch() == 0 ? Uni.createFrom().item(found.identity()) : context.runBlocking(() -> touched(found)));
    }

    /** The identity a credential names, and the token whose last use is due to be written (0: none). */
    record Found(SecurityIdentity identity, long touch, Instant at) {}

    /**
     * One read, outside any transaction (the user and the credential together), in plain JDBC: it
     * runs for every API request, and Hibernate's native query resolved the result set's metadata
     * every time (about half of this method's CPU under the labeling benchmark).
     */
    private Found read(TokenAuthenticationRequest request) {
        String secret = request.getToken().getToken();
        String type = request.getToken().getType();
        boolean session = SessionAndTokenAuthentication.SESSION.equals(type);
        Instant now = Instant.now();
        User user = new User();
        long touch;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(session ? SESSION_USER : TOKEN_USER)) {
            // Times as Hibernate binds an Instant (UTC offset), so they compare alike with the rows it wrote.
            if (session) {
                s.setString(1, Tokens.sha256(secret));
                s.setObject(2, now.atOffset(ZoneOffset.UTC));
            } else {
                s.setObject(1, now.minus(TOKEN_TOUCH).atOffset(ZoneOffset.UTC));
                s.setString(2, Tokens.sha256(secret));
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) throw new AuthenticationFailedException("unknown or ended credential");
                user.id = r.getLong(1);
                user.username = r.getString(2);
                user.roles = r.getString(3);
                user.enabled = r.getBoolean(4);
                user.external = r.getBoolean(5);
                touch = r.getLong(6);
                user.mustChangePassword = r.getBoolean(7);
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not check the credential", e);
        }
        if (!user.canLogIn()) throw new AuthenticationFailedException("unknown or ended credential");
        return new Found(identityOf(user, type), touch, now);
    }

    /** Writes a token's last use when it is due (at most every {@link #TOKEN_TOUCH}), in a transaction of its own. */
    @ActivateRequestContext
    SecurityIdentity touched(Found found) {
        if (found.touch() != 0) {
            QuarkusTransaction.requiringNew().run(() -> User.getEntityManager()
                    .createNativeQuery("update api_token set last_used_at = ?1 where id = ?2")
                    .setParameter(1, found.at()).setParameter(2, found.touch()).executeUpdate());
        }
        return found.identity();
    }

    private static final String SESSION_USER = """
            select u.id, u.username, u.roles, u.enabled, u.external, 0 as touch, u.must_change_password from user_session s join app_user u on u.id = s.user_id
            where s.token_hash = ? and s.expires_at >= ?""";

    private static final String TOKEN_USER = """
            select u.id, u.username, u.roles, u.enabled, u.external,
                   case when t.last_used_at is null or t.last_used_at < ? then t.id else 0 end as touch, u.must_change_password
            from api_token t join app_user u on u.id = t.user_id
            where t.token_hash = ? and t.revoked_at is null""";

    static final AccessLimit CHOOSE_PASSWORD = new AccessLimit("password_change_required",
            "Choose a new password first: your account still has the one-time password an admin gave you."
                    + " Change it on your account page (/account) or with PUT /api/me/password.",
            "/account?done=choose");

    /**
     * The identity of a user who may log in. An account with a one-time password gets only
     * {@link CurrentUser#PASSWORD_CHANGE_ONLY} instead of its roles, so every endpoint but the
     * password change refuses it; the attributes tell the error mapper what to say and where to send
     * a browser.
     */
    static SecurityIdentity identityOf(User user, String via) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addAttribute(CurrentUser.USER_ID, user.id)
                .addAttribute(CurrentUser.VIA, via);
        if (user.mustChangePassword) {
            builder.addRole(CurrentUser.PASSWORD_CHANGE_ONLY).addAttribute(AccessLimit.ATTRIBUTE, CHOOSE_PASSWORD);
        } else {
            user.roleSet().forEach(r -> builder.addRole(r.name()));
        }
        return builder.build();
    }
}
