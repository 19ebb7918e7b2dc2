package dev.concord.user;

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
import java.time.Duration;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** Turns a session cookie or API token into the identity of an enabled, non-external user. */
@ApplicationScoped
public class SessionAndTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Last-used time of a token is written at most this often, to keep reads read-only. */
    private static final Duration TOKEN_TOUCH = Duration.ofMinutes(5);

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> resolve(request));
    }

    /**
     * One read, outside any transaction (the user and the credential together); a token's
     * last-used time is written, in a transaction of its own, at most every {@link #TOKEN_TOUCH}.
     */
    @ActivateRequestContext
    SecurityIdentity resolve(TokenAuthenticationRequest request) {
        String secret = request.getToken().getToken();
        String type = request.getToken().getType();
        String hash = Tokens.sha256(secret);
        Instant now = Instant.now();
        EntityManager em = User.getEntityManager();
        boolean session = SessionAndTokenAuthentication.SESSION.equals(type);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (session
                ? em.createNativeQuery("""
                        select u.id, u.username, u.roles, u.enabled, u.external, 0 as touch from user_session s join app_user u on u.id = s.user_id
                        where s.token_hash = ?1 and s.expires_at >= ?2""").setParameter(2, now)
                : em.createNativeQuery("""
                        select u.id, u.username, u.roles, u.enabled, u.external,
                               case when t.last_used_at is null or t.last_used_at < ?2 then t.id else 0 end as touch
                        from api_token t join app_user u on u.id = t.user_id
                        where t.token_hash = ?1 and t.revoked_at is null""").setParameter(2, now.minus(TOKEN_TOUCH)))
                .setParameter(1, hash).getResultList();
        if (rows.isEmpty()) throw new AuthenticationFailedException("unknown or ended credential");
        Object[] r = rows.get(0);
        User user = new User();
        user.id = ((Number) r[0]).longValue();
        user.username = (String) r[1];
        user.roles = (String) r[2];
        user.enabled = Boolean.TRUE.equals(r[3]);
        user.external = Boolean.TRUE.equals(r[4]);
        if (!user.canLogIn()) throw new AuthenticationFailedException("unknown or ended credential");
        long touch = ((Number) r[5]).longValue();
        if (touch != 0) {
            QuarkusTransaction.requiringNew().run(() -> User.getEntityManager()
                    .createNativeQuery("update api_token set last_used_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, touch).executeUpdate());
        }
        return identityOf(user, type);
    }

    static SecurityIdentity identityOf(User user, String via) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addAttribute(CurrentUser.USER_ID, user.id)
                .addAttribute(CurrentUser.VIA, via);
        user.roleSet().forEach(r -> builder.addRole(r.name()));
        return builder.build();
    }
}
