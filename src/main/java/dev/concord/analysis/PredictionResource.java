package dev.concord.analysis;

import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.review.ReviewService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A model's predictions on a dataset version, and their analysis against HLP (ADMIN, SME; a token works). */
@Path("/api/projects/{slug}/datasets/{version}/predictions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ADMIN", "SME"})
class PredictionResource {
    private final ProjectService projects;
    private final Predictions predictions;

    PredictionResource(ProjectService projects, Predictions predictions) {
        this.projects = projects;
        this.predictions = predictions;
    }

    /** A version number in a path: anything else is a version that does not exist. */
    static int version(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new DomainException.NotFound("'" + text + "' is not a dataset version number.");
    }

    static long run(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DomainException.NotFound("'" + text + "' is not a prediction run.");
        }
    }

    record Created(long run, String model, int version, int predictions) {}

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("slug") String slug, @PathParam("version") String version, @QueryParam("model") String model,
            @RestForm("file") FileUpload file) {
        Project project = projects.visible(slug);
        int n = version(version);
        if (file == null) throw new DomainException.BadInput("Send the predictions as a multipart form field named 'file' (CSV key,prediction[,score] or JSON lines).");
        Predictions.Run run = predictions.upload(project, n, model, file.fileName(), file.uploadedFile());
        return Response.status(201).entity(new Created(run.run(), run.model(), run.version(), run.predictions())).build();
    }

    record Runs(List<Predictions.Run> items, long total) {}

    @GET
    public Runs runs(@PathParam("slug") String slug, @PathParam("version") String version) {
        List<Predictions.Run> runs = predictions.runs(projects.visible(slug), version(version));
        return new Runs(runs, runs.size());
    }

    @GET
    @Path("/{run}/analysis")
    public Predictions.Analysis analysis(@PathParam("slug") String slug, @PathParam("version") String version, @PathParam("run") String run,
            @QueryParam("slice") String slice, @QueryParam("split") String split) {
        return predictions.analysis(projects.visible(slug), version(version), run(run), slice, split);
    }

    record Contradictions(List<Predictions.Contradiction> items, long total) {}

    /** The examples where the model contradicts the released label, weakest human agreement first; {@code value}: one slice, as {@code field=value}. */
    @GET
    @Path("/{run}/contradictions")
    public Contradictions contradictions(@PathParam("slug") String slug, @PathParam("version") String version, @PathParam("run") String run,
            @QueryParam("slice") String slice, @QueryParam("split") String split, @QueryParam("value") String value) {
        List<Predictions.Contradiction> items = predictions.contradictions(projects.visible(slug), version(version), run(run), slice, split,
                value == null || value.isBlank() ? null : value);
        return new Contradictions(items, items.size());
    }

    record ToReview(List<String> keys) {}

    @POST
    @Path("/{run}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewService.ModelFlags review(@PathParam("slug") String slug, @PathParam("version") String version, @PathParam("run") String run,
            ToReview body) {
        return predictions.toReview(projects.visible(slug), version(version), run(run), body == null ? null : body.keys());
    }
}
