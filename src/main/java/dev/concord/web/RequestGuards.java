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
 * <p>CSRF defence for cookie sessions, on top of SameSite=Strict: an unsafe request that carries the
 * session cookie must come from this site's own pages (its Origin, or else Referer, names this
 * host). Requests with Basic or Bearer credentials carry no ambient authority and pass.
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
        if (unsafe && rc.request().getCookie(SessionAndTokenAuthentication.SESSION_COOKIE) != null
                && rc.request().getHeader("Authorization") == null && !sameOrigin(rc)) {
            rc.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"cross_origin\",\"message\":\"This request did not come from Concord's own pages; reload the page and try again.\",\"details\":[]}");
            return;
        }
        rc.next();
    }

    private static boolean sameOrigin(RoutingContext rc) {
        String host = rc.request().getHeader("Host");
        String source = rc.request().getHeader("Origin");
        if (source == null || "null".equals(source)) source = rc.request().getHeader("Referer");
        if (source == null) return true; // not a browser-initiated cross-site form: SameSite already applies
        try {
            URI uri = URI.create(source);
            String authority = uri.getRawAuthority();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
