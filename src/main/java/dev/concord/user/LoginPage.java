package dev.concord.user;

import dev.concord.web.DomainException;
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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The login form and logout. POST-redirect-GET; `next` only ever leads to a local path. */
@Path("/")
class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error, String username);
    }

    private final UserService users;
    private final boolean secureCookie;

    LoginPage(UserService users, @ConfigProperty(name = "concord.session.cookie-secure") boolean secureCookie) {
        this.users = users;
        this.secureCookie = secureCookie;
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
            user = users.checkLogin(username, password, clientOf(request));
        } catch (DomainException.TooManyRequests e) {
            return Response.status(429).entity(Templates.login(target, e.getMessage(), username).render()).build();
        }
        if (user.isEmpty()) {
            return Response.status(401)
                    .entity(Templates.login(target, "That username and password do not match an active account.", username).render())
                    .build();
        }
        String secret = users.startSession(user.get());
        return Response.seeOther(URI.create(target)).cookie(sessionCookie(secret, (int) users.sessionTimeout().toSeconds())).build();
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response logout(@CookieParam(SessionAndTokenAuthentication.SESSION_COOKIE) String secret) {
        users.endSession(secret);
        return Response.seeOther(URI.create("/login")).cookie(sessionCookie("", 0)).build();
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(SessionAndTokenAuthentication.SESSION_COOKIE)
                .value(value).path("/").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Only a local absolute path: no scheme, no host, no protocol-relative or backslash tricks. */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 1000) return "/";
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
        for (char c : next.toCharArray()) {
            if (c == '\\' || Character.isISOControl(c)) return "/";
        }
        return next;
    }

    private static String clientOf(HttpServerRequest request) {
        String host = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return host.length() > 64 ? host.substring(0, 64) : host;
    }
}
