package dev.concord.example;

import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.user.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The import page (ADMIN): upload (with a progress bar), preview the first rows and choose the key
 * and text columns, then import in the background while the page shows the server's progress.
 */
@Path("/projects/{slug}/import")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("ADMIN")
class ImportPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(Project project, List<ImportJob> jobs, String error);

        static native TemplateInstance job(Project project, ImportJob job, ImportJobs.Preview preview, List<ExampleImporter.Problem> problems,
                                           String keyByLine, long brought, Integer deleted);

        static native TemplateInstance job$status(Project project, ImportJob job, List<ExampleImporter.Problem> problems, long brought,
                                                  Integer deleted);
    }

    private final ProjectService projects;
    private final ImportJobs jobs;
    private final CurrentUser me;

    ImportPage(ProjectService projects, ImportJobs jobs, CurrentUser me) {
        this.projects = projects;
        this.jobs = jobs;
        this.me = me;
    }

    @GET
    public TemplateInstance upload(@PathParam("slug") String slug) {
        Project project = projects.visible(slug);
        return Templates.upload(project, jobs.recent(project), null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response start(@PathParam("slug") String slug, @RestForm("file") FileUpload file, @RestForm("kind") String kind) {
        Project project = projects.visible(slug);
        if (file == null || file.size() == 0) {
            return Response.status(400).entity(Templates.upload(project, jobs.recent(project), "Choose a file to upload.").render()).build();
        }
        ImportJob.Kind k = "annotations".equals(kind) ? ImportJob.Kind.ANNOTATIONS : ImportJob.Kind.EXAMPLES;
        ImportJob job = jobs.start(project, k, file.fileName(), file.uploadedFile(), me.id());
        return Response.seeOther(URI.create("/projects/" + project.slug + "/import/" + job.id)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance job(@PathParam("slug") String slug, @PathParam("id") long id,
                                @jakarta.ws.rs.QueryParam("deleted") Integer deleted) {
        Project project = projects.visible(slug);
        ImportJob job = jobs.find(project, id);
        ImportJobs.Preview preview = job.status == ImportJob.Status.PREVIEW ? jobs.preview(project, job) : null;
        return Templates.job(project, job, preview, jobs.problems(job), ExampleImporter.KEY_BY_LINE, brought(project, job), deleted);
    }

    /** A thumbnail of the preview: the n-th file of a picture upload that has not run yet. */
    @GET
    @Path("{id}/preview/{n}")
    @Produces({"image/png", "image/jpeg", "image/gif", "image/webp"})
    public Response thumbnail(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("n") int n) throws java.io.IOException {
        Project project = projects.visible(slug);
        ImportJob job = jobs.find(project, id);
        return jobs.picture(project, job, n)
                .map(p -> Response.ok(p.bytes(), p.type()).header("Cache-Control", "private, max-age=600").build())
                .orElseThrow(() -> new DomainException.NotFound("This upload has no picture " + n + " to show."));
    }

    /** The examples this import brought in that are still in the project (what "take it back" would delete). */
    private static long brought(Project project, ImportJob job) {
        return job.kind == ImportJob.Kind.EXAMPLES ? Example.count("projectId = ?1 and importJobId = ?2", project.id, job.id) : 0;
    }

    /** The progress fragment the job page polls (htmx) until the import is done or failed. */
    @GET
    @Path("{id}/status")
    public TemplateInstance status(@PathParam("slug") String slug, @PathParam("id") long id) {
        Project project = projects.visible(slug);
        ImportJob job = jobs.find(project, id);
        return Templates.job$status(project, job, jobs.problems(job), brought(project, job), null);
    }

    @POST
    @Path("{id}/run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response run(@PathParam("slug") String slug, @PathParam("id") long id,
                        @FormParam("keyColumn") String keyColumn, @FormParam("textColumn") String textColumn,
                        @FormParam("hiddenColumn") List<String> hiddenColumns) {
        Project project = projects.visible(slug);
        ImportJob job = jobs.find(project, id);
        jobs.run(project, job, blankToNull(keyColumn), blankToNull(textColumn), hiddenColumns);
        return Response.seeOther(URI.create("/projects/" + project.slug + "/import/" + job.id)).build();
    }

    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("slug") String slug, @PathParam("id") long id) {
        Project project = projects.visible(slug);
        jobs.cancel(jobs.find(project, id));
        return Response.seeOther(URI.create("/projects/" + project.slug + "/import")).build();
    }

    private static String blankToNull(String s) {
        if (s == null || s.isBlank()) return null;
        if (s.length() > 128) throw new DomainException.BadInput("A column name has at most 128 characters.");
        return s;
    }
}
