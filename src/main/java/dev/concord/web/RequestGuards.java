package dev.concord.web;

import dev.concord.user.SessionAndTokenAuthentication;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.configuration.MemorySize;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks made before a request reaches any resource.
 *
 * <p>Body size: a declared Content-Length over the limit gets 413 with the JSON error body (Vert.x'
 * own limit, which also catches chunked bodies, answers with an empty 413).
 *
 * <p>CSRF defence, on top of SameSite=Strict, for unsafe requests (not GET/HEAD/OPTIONS):
 * <ul>
 * <li>one that carries the session cookie must come from this site's own pages: its Origin (or,
 * without one, its Referer) names this host;
 * <li>one that any page on another site can send without asking — a form post
 * (application/x-www-form-urlencoded, multipart/form-data, text/plain, or no body type) — must not
 * name another origin, whatever credentials it carries: browsers attach cached HTTP Basic
 * credentials to such posts, and {@code POST /login} has no credentials at all (login CSRF).
 * </ul>
 * {@code Origin: null} (sandboxed frames, some redirects, file: pages) is a foreign origin. A request
 * with neither Origin nor Referer is not a browser's cross-site request (browsers send Origin
 * on every cross-origin POST) and passes. Scripts that send JSON with a token or Basic are not
 * affected: a page elsewhere cannot send JSON or an Authorization header without a CORS
 * preflight, which Concord never grants.
 */
@ApplicationScoped
public class RequestGuards {

    private final long maxBody;

    RequestGuards(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        // Before Quarkus' body handler, which would otherwise read the whole body first.
        router.route().order(Integer.MIN_VALUE).handler(this::checkSize);
        router.route().order(-102).failureHandler(this::tooLarge);
        router.route().order(-100).handler(this::check);
    }

    /** Vert.x' own body limit (chunked bodies) fails the request with 413: give it the JSON body too. */
    void tooLarge(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            rc.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                    .end(tooLargeBody());
            return;
        }
        rc.next();
    }

    private String tooLargeBody() {
        return "{\"error\":\"too_large\",\"message\":\"The request body is larger than the allowed " + (maxBody / (1024 * 1024))
                + " MiB; split the upload into smaller files.\",\"details\":[]}";
    }

    void checkSize(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBody) {
                    rc.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                            .end("{\"error\":\"too_large\",\"message\":\"The request body is larger than the allowed " + (maxBody / (1024 * 1024))
                                    + " MiB; split the upload into smaller files.\",\"details\":[]}");
                    return;
                }
            } catch (NumberFormatException e) {
                // Vert.x rejects a malformed Content-Length itself.
            }
        }
        rc.next();
    }

    void check(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        boolean unsafe = !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
        if (unsafe) {
            boolean session = rc.request().getCookie(SessionAndTokenAuthentication.SESSION_COOKIE) != null
                    && rc.request().getHeader("Authorization") == null;
            if (Boolean.FALSE.equals(sameOrigin(rc)) && (session || isFormType(rc))) {
                rc.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"cross_origin\",\"message\":\"This request did not come from Concord's own pages; reload the page and try again.\",\"details\":[]}");
                return;
            }
        }
        rc.next();
    }

    /** A body type a page on another site may send without a CORS preflight (or no body type at all). */
    private static boolean isFormType(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type == null || type.isBlank()) return true;
        String base = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/x-www-form-urlencoded") || base.equals("multipart/form-data") || base.equals("text/plain");
    }

    /**
     * Whether the request's Origin (or, without one, its Referer) names this host; null when it
     * carries neither. {@code Origin: null} is a foreign origin, never a reason to look at Referer.
     */
    private static Boolean sameOrigin(RoutingContext rc) {
        String host = rc.request().getHeader("Host");
        String source = rc.request().getHeader("Origin");
        if (source == null) source = rc.request().getHeader("Referer");
        if (source == null) return null;
        if ("null".equals(source.trim())) return false;
        try {
            URI uri = URI.create(source.trim());
            String authority = uri.getRawAuthority();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
