package dev.concord.user;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the user id, name and roles of the authenticated identity. */
@RequestScoped
@jakarta.inject.Named("me")
public class CurrentUser {
    static final String USER_ID = "concord.userId";
    static final String VIA = "concord.via";
    /** {@link #VIA} for HTTP Basic (the password itself). */
    static final String PASSWORD = "password";
    /**
     * The only role of an account that must choose its own password first: it opens just the
     * endpoints for that (see {@link SessionAndTokenIdentityProvider#identityOf}); every other
     * endpoint refuses, because none allows this role.
     */
    public static final String PASSWORD_CHANGE_ONLY = "PASSWORD_CHANGE_ONLY";

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isLoggedIn() {
        return !identity.isAnonymous();
    }

    public long id() {
        Long id = identity.getAttribute(USER_ID);
        if (id == null) throw new UnauthorizedException();
        return id;
    }

    public String username() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean has(User.Role role) {
        return identity.hasRole(role.name());
    }

    public boolean isAdmin() {
        return has(User.Role.ADMIN);
    }

    public boolean isSme() {
        return has(User.Role.SME);
    }

    public boolean isLabeler() {
        return has(User.Role.LABELER);
    }

    public boolean isStaff() {
        return has(User.Role.ADMIN) || has(User.Role.SME);
    }

    /** True when the request came with an API token (Bearer). */
    public boolean viaToken() {
        return SessionAndTokenAuthentication.BEARER.equals(identity.getAttribute(VIA));
    }
}
