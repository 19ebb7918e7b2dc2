package dev.concord.user;

import dev.concord.base.DomainException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * HTTP Basic credentials, checked by the same {@link UserService#checkLogin} as the login form, so
 * Basic guesses count toward the same throttle (per account and address, and per address) and an
 * unknown name costs the same bcrypt check. It runs before security-jpa's own provider (higher
 * priority) and always answers, so that one is never reached.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final UserService users;

    PasswordIdentityProvider(UserService users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of security-jpa's provider, which keeps the default priority (just above SYSTEM_FIRST). */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String client = rc == null ? "unknown" : LoginAttempt.clientOf(rc.request());
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> check(username, password, client));
    }

    @ActivateRequestContext
    SecurityIdentity check(String username, String password, String client) {
        User user;
        try {
            user = users.checkLogin(username, password, client)
                    .orElseThrow(() -> new AuthenticationFailedException("wrong username or password"));
        } catch (DomainException.TooManyRequests e) {
            // The cause tells the error mapper to answer 429 rather than 401.
            throw new AuthenticationFailedException(e.getMessage(), e);
        }
        return SessionAndTokenIdentityProvider.identityOf(user, CurrentUser.PASSWORD);
    }
}
