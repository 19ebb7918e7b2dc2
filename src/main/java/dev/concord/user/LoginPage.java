package dev.concord.user;

import dev.concord.base.DomainException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The login form and logout. POST-redirect-GET; `next` only ever leads to a local path. */
@Path("/")
class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error, String username);
    }

    private final UserService users;
    private final SessionCookies cookies;

    LoginPage(UserService users, SessionCookies cookies) {
        this.users = users;
        this.cookies = cookies;
    }

    @GET
    @Path("login")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.login(safeNext(next), null, "");
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("next") String next, HttpServerRequest request) {
        String target = safeNext(next);
        Optional<User> user;
        try {
            user = users.checkLogin(username, password, LoginAttempt.clientOf(request));
        } catch (DomainException.TooManyRequests e) {
            return Response.status(429).header("Retry-After", "900").entity(Templates.login(target, e.getMessage(), username).render()).build();
        }
        if (user.isEmpty()) {
            return Response.status(401)
                    .entity(Templates.login(target, "That username and password do not match an active account.", username).render())
                    .build();
        }
        String secret = users.startSession(user.get());
        // A one-time password must be replaced before anything else: straight to the form for it.
        if (user.get().mustChangePassword) target = SessionAndTokenIdentityProvider.CHOOSE_PASSWORD.page();
        return Response.seeOther(URI.create(target)).cookie(cookies.of(secret, (int) users.sessionTimeout().toSeconds(), request)).build();
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response logout(@CookieParam(SessionAndTokenAuthentication.SESSION_COOKIE) String secret, HttpServerRequest request) {
        users.endSession(secret);
        return Response.seeOther(URI.create("/login")).cookie(cookies.of("", 0, request)).build();
    }

    /**
     * Only a local absolute path that is a valid URI reference: no scheme, no host, no
     * protocol-relative, backslash or whitespace tricks. Anything else leads to "/".
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 1000) return "/";
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
        for (char c : next.toCharArray()) {
            if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) return "/";
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) return "/";
        } catch (URISyntaxException e) {
            return "/";
        }
        return next;
    }
}
