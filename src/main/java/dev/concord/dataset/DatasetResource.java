package dev.concord.dataset;

import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Dataset versions: release (ADMIN, SME), list, and pull the files of a version or of `latest`. */
@Path("/api/projects/{slug}/datasets")
@Produces(MediaType.APPLICATION_JSON)
class DatasetResource {
    private final ProjectService projects;
    private final DatasetService datasets;

    DatasetResource(ProjectService projects, DatasetService datasets) {
        this.projects = projects;
        this.datasets = datasets;
    }

    record Release(Map<String, Double> splits, Long seed, Boolean includeUncertain, String consensus, String labelColumn,
                   Map<String, String> labelCodes, Map<String, String> splitNames) {}

    @POST
    @RolesAllowed({"ADMIN", "SME"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response release(@PathParam("slug") String slug, @NotNull Release body) {
        Project project = projects.visible(slug);
        DatasetSpec spec = DatasetSpec.of(project, body.splits(), body.seed(), body.includeUncertain(), body.consensus(),
                body.labelColumn(), body.labelCodes(), body.splitNames());
        return Response.status(201).entity(datasets.release(project, spec)).build();
    }

    record Page(List<Manifest> items, long total) {}

    @GET
    @RolesAllowed({"ADMIN", "SME"})
    public Page list(@PathParam("slug") String slug) {
        List<Manifest> items = datasets.versions(projects.visible(slug));
        return new Page(items, items.size());
    }

    /**
     * The bytes of a released file. Numbered versions never change: strong ETag (the SHA-256) and a
     * year-long immutable cache; `latest` moves, so it must be revalidated.
     */
    @GET
    @Path("/{version}/{file}")
    @RolesAllowed({"ADMIN", "SME"})
    @Produces({"text/csv", "application/x-ndjson", "application/zip", MediaType.APPLICATION_JSON})
    public Response file(@PathParam("slug") String slug, @PathParam("version") String version, @PathParam("file") String file,
                         @HeaderParam("If-None-Match") String ifNoneMatch) {
        DatasetService.StoredFile stored = datasets.file(projects.visible(slug), version, file);
        String etag = "\"" + stored.sha256() + "\"";
        String cache = "latest".equals(version) ? "private, no-cache" : "private, max-age=31536000, immutable";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", cache).build();
        }
        return Response.ok(stored.path().toFile(), stored.contentType())
                .header("ETag", etag).header("Cache-Control", cache)
                .header("Content-Disposition", "attachment; filename=\"" + slug + "-v" + stored.version() + "-" + file + "\"")
                .header("X-Dataset-Version", stored.version()).build();
    }
}
