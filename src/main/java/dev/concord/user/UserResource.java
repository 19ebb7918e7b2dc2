package dev.concord.user;

import dev.concord.base.DomainException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Users (ADMIN) and the caller's own account and API tokens. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class UserResource {
    /** An API token is for scripts; it must not be enough to take over the account. */
    static final String NOT_WITH_A_TOKEN = "An API token cannot change the password: log in with your password"
            + " (the account page, or HTTP Basic) to change it.";

    private final UserService users;
    private final CurrentUser me;

    UserResource(UserService users, CurrentUser me) {
        this.users = users;
        this.me = me;
    }

    record CreateUser(@NotNull @Size(min = 1, max = 64) String username,
                      @NotNull @Size(min = 8, max = 200) String password,
                      @NotEmpty Set<User.@NotNull Role> roles) {}

    record UserView(long id, String username, Set<String> roles, boolean enabled, boolean external, boolean mustChangePassword,
                    Instant createdAt) {
        static UserView of(User u) {
            Set<String> roles = new TreeSet<>();
            u.roleSet().forEach(r -> roles.add(r.name()));
            return new UserView(u.id, u.username, roles, u.enabled, u.external, u.mustChangePassword, u.createdAt);
        }
    }

    record Page<T>(List<T> items, long total) {}

    @POST
    @Path("/users")
    @RolesAllowed("ADMIN")
    public Response create(@Valid @NotNull CreateUser body) {
        User user = users.create(new UserService.NewUser(body.username(), body.password(), body.roles()));
        return Response.status(201).entity(UserView.of(user)).build();
    }

    @GET
    @Path("/users")
    @RolesAllowed("ADMIN")
    public Page<UserView> list() {
        List<UserView> all = users.list().stream().map(UserView::of).toList();
        return new Page<>(all, all.size());
    }

    record Enabled(@NotNull Boolean enabled) {}

    @PUT
    @Path("/users/{username}/enabled")
    @RolesAllowed("ADMIN")
    public UserView setEnabled(@PathParam("username") String username, @Valid @NotNull Enabled body) {
        return UserView.of(users.setEnabled(username, body.enabled(), me.id()));
    }

    @GET
    @Path("/me")
    @RolesAllowed({"ADMIN", "SME", "LABELER", CurrentUser.PASSWORD_CHANGE_ONLY})
    public UserView me() {
        return UserView.of(User.findById(me.id()));
    }

    record ChangePassword(@NotNull String currentPassword, @NotNull @Size(min = 8, max = 200) String newPassword) {}

    /** Needs the session or Basic (and the current password in the body); never only a token. */
    @PUT
    @Path("/me/password")
    @RolesAllowed({"ADMIN", "SME", "LABELER", CurrentUser.PASSWORD_CHANGE_ONLY})
    public Response changePassword(@Valid @NotNull ChangePassword body) {
        if (me.viaToken()) throw new DomainException.Forbidden(NOT_WITH_A_TOKEN);
        users.changePassword(me.id(), body.currentPassword(), body.newPassword());
        return Response.noContent().build();
    }

    record CreateToken(@Size(max = 100) String name) {}

    record TokenView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {}

    @POST
    @Path("/me/tokens")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Response createToken(@Valid CreateToken body) {
        UserService.CreatedToken token = users.createToken(me.id(), body == null ? null : body.name());
        return Response.status(201).entity(token).build();
    }

    @GET
    @Path("/me/tokens")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Page<TokenView> tokens() {
        List<TokenView> items = ApiToken.listFor(me.id()).stream()
                .map(t -> new TokenView(t.id, t.name, t.prefix, t.createdAt, t.lastUsedAt)).toList();
        return new Page<>(items, items.size());
    }

    @DELETE
    @Path("/me/tokens/{id}")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Response revoke(@PathParam("id") long id) {
        users.revokeToken(me.id(), id);
        return Response.noContent().build();
    }
}
