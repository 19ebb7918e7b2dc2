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
import java.time.Instant;

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

    @ActivateRequestContext
    SecurityIdentity resolve(TokenAuthenticationRequest request) {
        String secret = request.getToken().getToken();
        String type = request.getToken().getType();
        String hash = Tokens.sha256(secret);
        User user = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            if (SessionAndTokenAuthentication.SESSION.equals(type)) {
                UserSession session = UserSession.findById(hash);
                if (session == null || session.expiresAt.isBefore(now)) return null;
                return User.<User>findById(session.userId);
            }
            ApiToken token = ApiToken.findActiveByHash(hash).orElse(null);
            if (token == null) return null;
            if (token.lastUsedAt == null || token.lastUsedAt.plus(TOKEN_TOUCH).isBefore(now)) {
                token.lastUsedAt = now;
            }
            return User.<User>findById(token.userId);
        });
        if (user == null || !user.canLogIn()) {
            throw new AuthenticationFailedException("unknown or ended credential");
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
