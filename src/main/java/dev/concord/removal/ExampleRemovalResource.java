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

/** Deleting examples (ADMIN): one by its key, or a list of keys, all or none. */
@Path("/api/projects/{slug}/examples")
@RolesAllowed("ADMIN")
class ExampleRemovalResource {
    private final ProjectService projects;
    private final Removal removal;

    ExampleRemovalResource(ProjectService projects, Removal removal) {
        this.projects = projects;
        this.removal = removal;
    }

    @DELETE
    @Path("/{key}")
    public Response deleteExample(@PathParam("slug") String slug, @PathParam("key") String key) {
        Project project = projects.visible(slug);
        if (dev.concord.example.Example.findByKey(project.id, key).isEmpty()) throw dev.concord.example.Example.notFound(key);
        removal.deleteExamples(project, List.of(key));
        return Response.noContent().build();
    }

    /** {@code keys}, or {@code import}: the id of a page import whose examples all go. */
    record Keys(List<String> keys, @com.fasterxml.jackson.annotation.JsonProperty("import") Long importJob) {}

    record Deleted(int deleted) {}

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Deleted deleteExamples(@PathParam("slug") String slug, Keys body) {
        Project project = projects.visible(slug);
        if (body != null && body.importJob() != null) {
            if (body.keys() != null) throw new dev.concord.base.DomainException.BadInput("Give either \"keys\" or \"import\", not both.");
            return new Deleted(removal.deleteImport(project, body.importJob()));
        }
        return new Deleted(removal.deleteExamples(project, body == null ? null : body.keys()));
    }
}
