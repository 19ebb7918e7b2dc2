package dev.concord.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.user.SessionAndTokenAuthentication;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
    private final ObjectMapper json;

    RequestGuards(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody, ObjectMapper json) {
        this.maxBody = maxBody.asLongValue();
        this.json = json;
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
            tooLarge(rc.response());
            return;
        }
        rc.next();
    }

    private void tooLarge(HttpServerResponse response) {
        response.putHeader("Connection", "close");
        refuse(response, 413, new ApiError("too_large", "The request body is larger than the allowed " + (maxBody / (1024 * 1024))
                + " MiB; split the upload into smaller files.", null));
    }

    /** Ends the request with the API error body, as the resources' errors are written (ErrorMapper). */
    private void refuse(HttpServerResponse response, int status, ApiError error) {
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json").end(json.writeValueAsString(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError always serializes", e);
        }
    }

    void checkSize(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBody) {
                    tooLarge(rc.response());
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
                refuse(rc.response(), 403, new ApiError("cross_origin",
                        "This request did not come from Concord's own pages; reload the page and try again.", null));
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
