package dev.concord.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.user.CurrentUser;
import dev.concord.user.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
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
import java.util.ArrayList;
import java.util.List;

/** Projects and their membership. */
@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ProjectResource {
    private final ProjectService projects;
    private final CurrentUser me;
    private final ProjectGuide guide;

    ProjectResource(ProjectService projects, CurrentUser me, ProjectGuide guide) {
        this.projects = projects;
        this.me = me;
        this.guide = guide;
    }

    /** The create body; labels are names or {name, code} objects, so they arrive as JSON. */
    record CreateProject(String slug, String name, String modality, JsonNode labels, Integer overlap,
                         Double agreementThreshold, List<String> members, String keyColumn, String textColumn,
                         String guide) {}

    record Page<T>(List<T> items, long total) {}

    @POST
    @RolesAllowed("ADMIN")
    public Response create(@NotNull CreateProject body) {
        Project project = projects.create(new ProjectService.NewProject(body.slug(), body.name(), body.modality(),
                ProjectService.labelSpecs(body.labels()), body.overlap(), body.agreementThreshold(), body.members(),
                body.keyColumn(), body.textColumn(), body.guide()));
        return Response.status(201).entity(view(project)).build();
    }

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Page<ProjectView> list() {
        List<ProjectView> items = new ArrayList<>();
        for (Project p : projects.visibleProjects()) items.add(view(p));
        return new Page<>(items, items.size());
    }

    @GET
    @Path("/{slug}")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public ProjectView get(@PathParam("slug") String slug) {
        return view(projects.visible(slug));
    }

    @PUT
    @Path("/{slug}/members/{username}")
    @RolesAllowed("ADMIN")
    public Response addMember(@PathParam("slug") String slug, @PathParam("username") String username) {
        projects.addMember(slug, username);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{slug}/members/{username}")
    @RolesAllowed("ADMIN")
    public Response removeMember(@PathParam("slug") String slug, @PathParam("username") String username) {
        projects.removeMember(slug, username);
        return Response.noContent().build();
    }

    private ProjectView view(Project p) {
        List<String> members = me.has(User.Role.ADMIN) && p.restricted ? projects.members(p.id) : null;
        return ProjectView.of(p, projects.counts(p), members, guide.currentVersion(p.id));
    }
}
