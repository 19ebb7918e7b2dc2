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

/** The project page's delete form (ADMIN): the slug typed again, so a slip of the mouse deletes nothing. */
@Path("/projects/{slug}/delete")
@RolesAllowed("ADMIN")
class ProjectRemovalPage {
    private final ProjectService projects;
    private final Removal removal;

    ProjectRemovalPage(ProjectService projects, Removal removal) {
        this.projects = projects;
        this.removal = removal;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteFromPage(@PathParam("slug") String slug, @FormParam("confirm") String confirm) {
        Project project = projects.visible(slug);
        if (confirm == null || !confirm.strip().equals(project.slug)) {
            return Response.seeOther(URI.create("/projects/" + Urls.pathSegment(project.slug) + "?deleteRefused=1#delete")).build();
        }
        removal.deleteProject(project);
        return Response.seeOther(URI.create("/?deleted=" + Urls.queryValue(project.slug))).build();
    }
}
