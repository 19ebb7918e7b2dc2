package dev.concord.example;

import dev.concord.base.DomainException;
import dev.concord.base.PageRequest;
import dev.concord.base.ReviewStatus;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Importing examples, listing them, and serving their media. */
@Path("/api/projects/{slug}/examples")
@Produces(MediaType.APPLICATION_JSON)
class ExampleResource {
    private final ProjectService projects;
    private final ExampleImporter importer;
    private final MediaStore media;
    private final EntityManager em;

    ExampleResource(ProjectService projects, ExampleImporter importer, MediaStore media, EntityManager em) {
        this.projects = projects;
        this.importer = importer;
        this.media = media;
        this.em = em;
    }

    record Imported(int imported) {}

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importExamples(@PathParam("slug") String slug, @RestForm("file") List<FileUpload> files,
                                   @QueryParam("keyColumn") String keyColumn, @QueryParam("textColumn") String textColumn,
                                   @QueryParam("hiddenColumns") String hiddenColumns) {
        Project project = projects.visible(slug);
        if (files == null || files.isEmpty()) {
            throw new DomainException.BadInput("Send the data as a multipart form field named 'file'.");
        }
        List<ExampleImporter.Upload> uploads = new ArrayList<>();
        for (FileUpload f : files) uploads.add(new ExampleImporter.Upload(f.fileName(), f.uploadedFile()));
        int n;
        if (project.isMedia()) {
            n = importer.importMedia(project, uploads);
        } else {
            if (uploads.size() != 1) throw new DomainException.BadInput("Send one CSV or JSONL file per import.");
            n = importer.importRows(project, uploads.get(0), keyColumn, textColumn,
                    hiddenColumns == null ? List.of() : List.of(hiddenColumns.split(",")));
        }
        return Response.status(201).entity(new Imported(n)).build();
    }

    record ExampleSummary(String key, String status, long labels, int round) {}

    record Page(List<ExampleSummary> items, long total, int page, int size) {}

    @GET
    @RolesAllowed({"ADMIN", "SME"})
    public Page list(@PathParam("slug") String slug, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Project project = projects.visible(slug);
        PageRequest request = PageRequest.of(page, size);
        long total = Example.count("projectId", project.id);
        // Past the end there is nothing to fetch (and the offset may not fit the int that JPA takes).
        if (request.beyond(total)) return new Page(List.of(), total, request.page(), request.size());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select e.ex_key, q.round_labels, e.label_round,
                       (select count(*) from label l where l.example_id = e.id),
                       (select r.status from review r where r.example_id = e.id and r.label_round = e.label_round)
                from example e join example_queue q on q.example_id = e.id where e.project_id = ?1 order by e.position""")
                .setParameter(1, project.id).setFirstResult(Math.toIntExact(request.offset())).setMaxResults(request.size()).getResultList();
        List<ExampleSummary> items = new ArrayList<>();
        for (Object[] r : rows) {
            int roundLabels = ((Number) r[1]).intValue();
            String review = (String) r[4];
            String status = review != null ? (ReviewStatus.RESOLVED.name().equals(review) ? "resolved" : "in-review")
                    : roundLabels >= project.overlap ? "complete" : roundLabels > 0 ? "in-progress" : "new";
            items.add(new ExampleSummary((String) r[0], status, ((Number) r[3]).longValue(), ((Number) r[2]).intValue()));
        }
        return new Page(items, total, request.page(), request.size());
    }

    @GET
    @Path("/{key}/media")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    @Produces({"image/png", "image/jpeg", "image/gif", "image/webp", "audio/wav", "audio/mpeg", "audio/ogg", "audio/flac", MediaType.APPLICATION_JSON})
    public Response media(@PathParam("slug") String slug, @PathParam("key") String key) {
        Project project = projects.visible(slug);
        Example example = Example.findByKey(project.id, key)
                .filter(e -> e.mediaSha256 != null)
                .orElseThrow(() -> new DomainException.NotFound("No media example '" + key + "' in '" + slug + "'."));
        java.nio.file.Path file = media.path(example.mediaSha256);
        if (!Files.exists(file)) throw new DomainException.NotFound("The media file for '" + key + "' is missing from the data directory.");
        return Response.ok(file.toFile(), example.mediaType)
                .header("ETag", "\"" + example.mediaSha256 + "\"")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("Content-Disposition", "inline")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

}
