package dev.concord.user;

import dev.concord.base.DomainException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** My account: change password; create, list and revoke API tokens (a new token is shown once). */
@Path("/account")
@Produces(MediaType.TEXT_HTML)
class AccountPage {

    /** Fixed flash messages, chosen by key, so nothing from the URL is echoed. */
    static final Map<String, String> FLASH = Map.of(
            "password", "Your password was changed. Other sessions were logged out and your API tokens revoked.",
            "choose", "Choose your own password to continue: your account still has the one-time password you were given.",
            "revoked", "The token was revoked.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(User user, List<ApiToken> tokens, String flash, String error,
                                               UserService.CreatedToken created);
    }

    private final UserService users;
    private final CurrentUser me;
    private final SessionCookies cookies;

    AccountPage(UserService users, CurrentUser me, SessionCookies cookies) {
        this.users = users;
        this.me = me;
        this.cookies = cookies;
    }

    /**
     * A new token's secret goes from the form post to the page it redirects to in this cookie
     * (HttpOnly, this path only, two minutes), which that page reads once and removes: reloading the
     * page neither posts the form again (a second token) nor shows the secret again.
     */
    static final String NEW_TOKEN_COOKIE = "concord_new_token";

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER", CurrentUser.PASSWORD_CHANGE_ONLY})
    public Response show(@QueryParam("done") String done, @CookieParam(NEW_TOKEN_COOKIE) String newToken, HttpServerRequest request) {
        UserService.CreatedToken created = newToken == null ? null : users.createdToken(me.id(), newToken).orElse(null);
        Response.ResponseBuilder response = Response.ok(page(FLASH.get(done == null ? "" : done), null, created).render());
        if (newToken != null) {
            response.cookie(cookies.cookie(NEW_TOKEN_COOKIE, "", "/account", 0, request)).header("Cache-Control", "no-store");
        }
        return response.build();
    }

    @POST
    @Path("tokens")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@FormParam("name") String name, HttpServerRequest request) {
        try {
            UserService.CreatedToken created = users.createToken(me.id(), name);
            return Response.seeOther(URI.create("/account"))
                    .cookie(cookies.cookie(NEW_TOKEN_COOKIE, created.token(), "/account", 120, request)).build();
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(page(null, e.getMessage(), null).render()).build();
        }
    }

    @POST
    @Path("tokens/{id}/revoke")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Response revoke(@PathParam("id") long id) {
        users.revokeToken(me.id(), id);
        return Response.seeOther(URI.create("/account?done=revoked")).build();
    }

    @POST
    @Path("password")
    @RolesAllowed({"ADMIN", "SME", "LABELER", CurrentUser.PASSWORD_CHANGE_ONLY})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam("currentPassword") String current, @FormParam("newPassword") String next,
                                   @FormParam("repeatPassword") String repeat, HttpServerRequest request) {
        if (me.viaToken()) throw new DomainException.Forbidden(UserResource.NOT_WITH_A_TOKEN);
        if (next == null || !next.equals(repeat)) {
            return Response.status(400).entity(page(null, "The new password and its repetition differ.", null).render()).build();
        }
        try {
            users.changePassword(me.id(), current, next);
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(page(null, e.getMessage(), null).render()).build();
        }
        // Every session ended with the old password; this browser gets a fresh one.
        String secret = users.startSession(User.findById(me.id()));
        return Response.seeOther(URI.create("/account?done=password"))
                .cookie(cookies.of(secret, (int) users.sessionTimeout().toSeconds(), request)).build();
    }

    private TemplateInstance page(String flash, String error, UserService.CreatedToken created) {
        return Templates.account(User.findById(me.id()), ApiToken.listFor(me.id()), flash, error, created);
    }
}
