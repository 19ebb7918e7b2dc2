package dev.concord.user;

import io.vertx.core.http.HttpServerRequest;
import dev.concord.base.ConcordConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * The session cookie: HttpOnly, SameSite=Strict, and Secure whenever the request came over HTTPS —
 * directly, or through a proxy that said so in X-Forwarded-Proto/Forwarded when proxy forwarding is
 * configured (Vert.x' scheme then reports it). {@code concord.session.cookie-secure=true} forces
 * Secure, for proxies that do not forward the scheme.
 */
@ApplicationScoped
class SessionCookies {
    private final boolean forceSecure;

    SessionCookies(ConcordConfig config) {
        this.forceSecure = config.session().cookieSecure();
    }

    NewCookie of(String secret, int maxAgeSeconds, HttpServerRequest request) {
        return cookie(SessionAndTokenAuthentication.SESSION_COOKIE, secret, "/", maxAgeSeconds, request);
    }

    /** A cookie with the session cookie's protections, for one path; max age 0 removes it. */
    NewCookie cookie(String name, String value, String path, int maxAgeSeconds, HttpServerRequest request) {
        boolean secure = forceSecure || request.isSSL() || "https".equalsIgnoreCase(request.scheme());
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAgeSeconds).build();
    }
}
