package dev.concord.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.concord.base.AccessLimit;
import dev.concord.base.DomainException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses. API callers (paths under /api) get the JSON
 * body of API.md; people on pages get a readable page, or the login page when not logged in.
 * Nothing here echoes exception class names or stack traces.
 */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final Template error;
    private final CurrentVertxRequest request;

    private final long maxBody;

    public ErrorMapper(@Location("error.html") Template error, CurrentVertxRequest request,
                       @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.error = error;
        this.request = request;
        this.maxBody = maxBody.asLongValue();
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri, HttpHeaders headers) {
        return respond(uri, headers, e.status(), e.code(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        // Sorted by field: the violations come as a set, and the same bad input should read the same every time.
        List<Object> details = e.getConstraintViolations().stream()
                .sorted(java.util.Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage))
                .<Object>map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return respond(uri, headers, 400, "bad_request", "Some fields are not valid: see details.", details);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(uri, headers, 400, "bad_json", "The request body is not the JSON this endpoint expects" + where + ".", null);
    }

    /**
     * Not logged in: API callers get 401 JSON, pages go to the login form. A Basic challenge goes
     * only to API callers that are not browsers: a browser would cache the credentials and send
     * them along with other sites' form posts. Too many failed Basic logins answer 429.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        if (e.getCause() instanceof DomainException.TooManyRequests tooMany) {
            return Response.fromResponse(domain(tooMany, uri, headers)).header("Retry-After", "900").build();
        }
        if (isApi(uri)) {
            Response.ResponseBuilder response = Response.status(401).type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError("unauthorized", "Log in: send HTTP Basic credentials or an API token as 'Authorization: Bearer <token>'.", null));
            response.header(HttpHeaders.WWW_AUTHENTICATE, isBrowser(headers) ? "Bearer" : "Basic realm=\"Concord\", Bearer");
            return response.build();
        }
        String next = uri.getRequestUri().getRawPath();
        String query = uri.getRequestUri().getRawQuery();
        if (query != null) next += "?" + query;
        return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        AccessLimit limit = limit();
        if (limit != null) {
            if (!isApi(uri) && wantsHtml(headers)) return Response.seeOther(URI.create(limit.page())).build();
            return respond(uri, headers, 403, limit.code(), limit.message(), null);
        }
        return respond(uri, headers, 403, "forbidden", "Your account's roles do not allow this.", null);
    }

    /** The caller's limit, when the (already authenticated) identity carries one. */
    private AccessLimit limit() {
        RoutingContext rc = request.getCurrent();
        if (rc != null && rc.user() instanceof QuarkusHttpUser user && user.getSecurityIdentity().getAttribute(AccessLimit.ATTRIBUTE) instanceof AccessLimit limit) {
            return limit;
        }
        return null;
    }

    /**
     * Also the answer to an address no resource matches (404) or a method it does not take (405). Those fail on
     * the IO thread, where the page's layout may not ask who is logged in, so the page is rendered on a worker.
     */
    @ServerExceptionMapper
    public Uni<Response> web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return offTheEventLoop(() -> unexpected(e, uri, headers));
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        String message = switch (status) {
            case 404 -> "Nothing is at this address.";
            case 405 -> "This address does not take " + "this method; see the API documentation at /q/swagger-ui.";
            case 406 -> "This address cannot produce the requested media type.";
            case 413 -> "The request body is larger than allowed.";
            case 415 -> "This address does not take that Content-Type; see the API documentation at /q/swagger-ui.";
            default -> "The request could not be read; check its format against the API documentation.";
        };
        if (isApi(uri) || !wantsHtml(headers)) return Uni.createFrom().item(respond(uri, headers, status, code, message, null));
        return offTheEventLoop(() -> respond(uri, headers, status, code, message, null));
    }

    /**
     * Runs {@code response} where blocking is allowed. On the event loop, the layout's {@code inject:me} would
     * resolve the lazily authenticated identity (a database look-up for a session) and fail; a worker may wait
     * for it. The request's CDI context goes along, so the page sees the same request.
     */
    private static Uni<Response> offTheEventLoop(Supplier<Response> response) {
        Context vertx = Vertx.currentContext();
        if (vertx == null || !Context.isOnEventLoopThread()) return Uni.createFrom().item(response);
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState state = requestContext.isActive() ? requestContext.getState() : null;
        return Uni.createFrom().completionStage(() -> vertx.<Response>executeBlocking(() -> {
            if (state == null) return response.get();
            requestContext.activate(state);
            try {
                return response.get();
            } finally {
                requestContext.deactivate();
            }
        }, false).toCompletionStage());
    }

    /**
     * Reading the client's body failed: the body limit was hit mid-stream (a chunked body, which Vert.x
     * stops reading at the limit), or the client went away. Both come as a plain IOException; the
     * bytes read tell them apart.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
        RoutingContext rc = request.getCurrent();
        if (rc != null && rc.request().bytesRead() >= maxBody) {
            return respond(uri, headers, 413, "too_large", "The request body is larger than allowed; split the upload into smaller files.", null);
        }
        return respond(uri, headers, 400, "bad_request", "The request body could not be read completely; send it again.", null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (isLimitExceeded(e)) {
            // The form parser refuses more than quarkus.http.limits.max-form-fields with a plain exception.
            return respond(uri, headers, 413, "too_large", "The form has too many fields or a field is too large.", null);
        }
        LOG.error("Unexpected failure on " + uri.getRequestUri().getPath(), e);
        return respond(uri, headers, 500, "internal_error", "Something went wrong on our side; the request stored nothing. Try again, and report it if it persists.", null);
    }

    private Response respond(UriInfo uri, HttpHeaders headers, int status, String code, String message, List<Object> details) {
        if (isApi(uri) || !wantsHtml(headers)) {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError(code, message, details)).build();
        }
        String html = error.data("status", status).data("code", code).data("message", message)
                .data("details", details == null ? List.of() : details).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /**
     * The form parser's field limit (quarkus.http.limits.max-form-fields) throws a plain
     * RuntimeException: its message is all that names it.
     */
    private static boolean isLimitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("limit") && m.contains("exceeded")) return true;
        }
        return false;
    }

    static boolean isApi(UriInfo uri) {
        String path = uri.getRequestUri().getPath();
        return path.startsWith("/api/") || path.equals("/api");
    }

    /** Browsers name the kind of request in Sec-Fetch-* headers (every current one) or ask for HTML. */
    private static boolean isBrowser(HttpHeaders headers) {
        return headers.getHeaderString("Sec-Fetch-Mode") != null || headers.getHeaderString("Sec-Fetch-Dest") != null || wantsHtml(headers);
    }

    private static boolean wantsHtml(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
