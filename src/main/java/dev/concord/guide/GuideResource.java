package dev.concord.guide;

import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Label-guide versions: list, read, add (SME, ADMIN). */
@Path("/api/projects/{slug}/guides")
@Produces(MediaType.APPLICATION_JSON)
class GuideResource {
    private final ProjectService projects;
    private final GuideService guides;

    GuideResource(ProjectService projects, GuideService guides) {
        this.projects = projects;
        this.guides = guides;
    }

    record Summary(int version, String note, String exampleKey, Instant createdAt) {}

    record Full(int version, String markdown, String note, String exampleKey, Instant createdAt) {
        static Full of(GuideVersion g) {
            return new Full(g.version, g.markdown, g.note, g.exampleKey, g.createdAt);
        }
    }

    record Page(List<Summary> items, long total) {}

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Page list(@PathParam("slug") String slug) {
        Project project = projects.visible(slug);
        List<Summary> items = GuideVersion.history(project.id).stream().map(g -> new Summary(g.version, g.note, g.exampleKey, g.createdAt)).toList();
        return new Page(items, items.size());
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public Full get(@PathParam("slug") String slug, @PathParam("version") int version) {
        Project project = projects.visible(slug);
        return Full.of(GuideVersion.find(project.id, version)
                .orElseThrow(() -> new DomainException.NotFound("The guide of '" + slug + "' has no version " + version + ".")));
    }

    record NewVersion(String markdown, String note, String exampleKey) {}

    @POST
    @RolesAllowed({"SME", "ADMIN"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("slug") String slug, @NotNull NewVersion body) {
        Project project = projects.visible(slug);
        return Response.status(201).entity(Full.of(guides.add(project, body.markdown(), body.note(), body.exampleKey()))).build();
    }
}
