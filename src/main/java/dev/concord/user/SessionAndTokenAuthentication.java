package dev.concord.user;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the two credentials Concord issues itself: the browser session cookie and
 * {@code Authorization: Bearer} API tokens. HTTP Basic is left to Quarkus' own mechanism
 * (backed by security-jpa); when neither of ours is present this mechanism yields nothing.
 */
@ApplicationScoped
@Priority(2000)
public class SessionAndTokenAuthentication implements HttpAuthenticationMechanism {
    public static final String SESSION_COOKIE = "concord_session";
    static final String BEARER = "bearer";
    static final String SESSION = "session";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, BEARER)));
        }
        Cookie cookie = context.request().getCookie(SESSION_COOKIE);
        if (cookie != null && !cookie.getValue().isBlank() && authorization == null) {
            return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(cookie.getValue(), SESSION)))
                    // A stale or ended session is simply "not logged in", never an error page.
                    .onFailure().recoverWithNull();
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
