package dev.concord.removal;

import dev.concord.base.Urls;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The import page's "take this import back" (ADMIN): every example that import brought in, with what hangs on them. */
@Path("/projects/{slug}/import/{id}/examples/delete")
@RolesAllowed("ADMIN")
class ImportRemovalPage {
    private final ProjectService projects;
    private final Removal removal;

    ImportRemovalPage(ProjectService projects, Removal removal) {
        this.projects = projects;
        this.removal = removal;
    }

    @POST
    public Response deleteImport(@PathParam("slug") String slug, @PathParam("id") long id) {
        Project project = projects.visible(slug);
        int deleted = removal.deleteImport(project, id);
        return Response.seeOther(URI.create("/projects/" + Urls.pathSegment(project.slug) + "/import/" + id + "?deleted=" + deleted)).build();
    }
}
