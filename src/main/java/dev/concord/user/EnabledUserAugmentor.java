package dev.concord.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * A safety net for identities built by security-jpa's own provider, which knows nothing of disabled
 * or external accounts: this refuses those and records the user id. Concord's providers
 * ({@link PasswordIdentityProvider} for HTTP Basic, {@link SessionAndTokenIdentityProvider}) check
 * both themselves and set the user id, so their identities pass through untouched.
 */
@ApplicationScoped
public class EnabledUserAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(CurrentUser.USER_ID) != null) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> check(identity));
    }

    @ActivateRequestContext
    SecurityIdentity check(SecurityIdentity identity) {
        User user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(identity.getPrincipal().getName()).orElse(null));
        if (user == null || !user.canLogIn()) {
            throw new AuthenticationFailedException("account disabled or external");
        }
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(CurrentUser.USER_ID, user.id)
                .addAttribute(CurrentUser.VIA, "password")
                .build();
    }
}
