package dev.concord.removal;

import dev.concord.base.Urls;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** {@code DELETE /api/projects/{slug}} (ADMIN): the project and everything in it. */
@Path("/api/projects/{slug}")
@RolesAllowed("ADMIN")
class ProjectRemovalResource {
    private final ProjectService projects;
    private final Removal removal;

    ProjectRemovalResource(ProjectService projects, Removal removal) {
        this.projects = projects;
        this.removal = removal;
    }

    @DELETE
    public Response deleteProject(@PathParam("slug") String slug) {
        removal.deleteProject(projects.visible(slug));
        return Response.noContent().build();
    }
}
