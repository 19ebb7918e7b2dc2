package dev.concord.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.DomainException;
import dev.concord.base.Urls;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.review.ReviewService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The error-analysis page of a dataset version: the runs, the slices ranked by potential with the
 * model's accuracy beside HLP, what the top row means, and a slice's contradictions, which staff
 * can send to the SME's queue.
 */
@Path("/projects/{slug}/datasets/{version}/analysis")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"ADMIN", "SME"})
class AnalysisPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance analysis(Project project, int version, List<Predictions.Run> runs, View view,
                List<String> sliceFields, String flash, String error);
    }

    /** One slice row as the page shows it: percentages with one decimal, bars as widths. */
    record Row(String slice, String value, long examples, String share, String accuracy, String hlp, String interval, String gap,
            String potential, long contradictions, int accuracyWidth, int hlpWidth, boolean top) {
    }

    record View(Predictions.Analysis analysis, List<Row> rows, String reading, String value, List<Predictions.Contradiction> contradictions,
            String order, String chart) {
    }

    private final ProjectService projects;
    private final Predictions predictions;
    private final ObjectMapper json;

    AnalysisPages(ProjectService projects, Predictions predictions, ObjectMapper json) {
        this.projects = projects;
        this.predictions = predictions;
        this.json = json;
    }

    @GET
    public Response page(@PathParam("slug") String slug, @PathParam("version") String version, @QueryParam("run") String run,
            @QueryParam("slice") String slice, @QueryParam("split") String split, @QueryParam("value") String value,
            @QueryParam("order") String order, @QueryParam("sent") Integer sent, @QueryParam("settled") Integer settled) {
        Project project = projects.visible(slug);
        int n = PredictionResource.version(version);
        List<Predictions.Run> runs = predictions.runs(project, n);
        String flash = sent == null ? null : sent + " example" + (sent == 1 ? " is" : "s are") + " in the review queue with the reason"
                + " “model disagrees”" + (settled == null || settled == 0 ? "." : "; " + settled + " already settled by an SME " + (settled == 1 ? "was" : "were") + " left as "
                + (settled == 1 ? "it was." : "they were."));
        View view = null;
        if (!runs.isEmpty()) {
            long chosen = run == null || run.isBlank() ? runs.get(0).run() : PredictionResource.run(run);
            String selected = value == null || value.isBlank() ? null : value;
            Predictions.Report report = predictions.report(project, n, chosen, slice, split, selected);
            Predictions.Analysis a = report.analysis();
            List<Predictions.Contradiction> contradictions = new ArrayList<>(report.contradictions());
            String sort = "key".equals(order) ? "key" : "weakest";
            if (sort.equals("key")) contradictions.sort(java.util.Comparator.comparing(Predictions.Contradiction::key));
            view = new View(a, rows(a), reading(a), selected, contradictions, sort, chart(a));
        }
        return Response.ok(Templates.analysis(project, n, runs, view, predictions.sliceFields(project), flash, null)).build();
    }

    /** Predictions uploaded from the page (training code uses the API). */
    @POST
    @Path("/predictions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("slug") String slug, @PathParam("version") String version, @RestForm("model") String model,
            @RestForm("file") FileUpload file) {
        Project project = projects.visible(slug);
        int n = PredictionResource.version(version);
        try {
            if (file == null || file.size() == 0) throw new DomainException.BadInput("Choose a CSV or JSON lines file of predictions.");
            Predictions.Run run = predictions.upload(project, n, model, file.fileName(), file.uploadedFile());
            return Response.seeOther(URI.create(base(project, n) + "?run=" + run.run())).build();
        } catch (DomainException.BadInput e) {
            // The form shows the problems, line by line; the page stays as it was.
            String problems = e.sentences().isEmpty() ? e.getMessage() : e.getMessage() + " " + String.join(" ", e.sentences());
            return Response.status(400).entity(Templates.analysis(project, n, predictions.runs(project, n), null,
                    predictions.sliceFields(project), null, problems)).build();
        }
    }

    @POST
    @Path("/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response review(@PathParam("slug") String slug, @PathParam("version") String version, @jakarta.ws.rs.FormParam("run") String run,
            @jakarta.ws.rs.FormParam("key") List<String> keys, @jakarta.ws.rs.FormParam("back") String back) {
        Project project = projects.visible(slug);
        int n = PredictionResource.version(version);
        long chosen = PredictionResource.run(run == null ? "" : run);
        ReviewService.ModelFlags flags = predictions.toReview(project, n, chosen, keys);
        String counts = "sent=" + flags.flagged().size() + "&settled=" + flags.alreadyResolved().size();
        URI to = URI.create(base(project, n) + "?" + counts);
        if (back != null && back.startsWith("?") && !back.contains("sent=") && !back.contains("#")) {
            try {
                to = URI.create(base(project, n) + back + "&" + counts); // back to the slice's contradictions
            } catch (IllegalArgumentException e) {
                // not a query string this page wrote: the page without it
            }
        }
        return Response.seeOther(to).build();
    }

    private static String base(Project project, int version) {
        return "/projects/" + Urls.pathSegment(project.slug) + "/datasets/" + version + "/analysis";
    }

    private static List<Row> rows(Predictions.Analysis a) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < a.slices().size(); i++) {
            Predictions.SliceFigures s = a.slices().get(i);
            rows.add(new Row(s.slice(), s.slice().substring(s.slice().indexOf('=') + 1), s.examples(), percent(s.share()),
                    percent(s.accuracy()), s.hlp() == null ? "—" : percent(s.hlp()),
                    s.hlpCI95() == null ? "" : percent(s.hlpCI95()[0]) + "–" + percent(s.hlpCI95()[1]),
                    s.gap() == null ? "—" : points(s.gap()), s.potential() == null ? "—" : percent(s.potential()),
                    s.contradictions(), width(s.accuracy()), s.hlp() == null ? 0 : width(s.hlp()),
                    i == 0 && s.potential() != null && s.potential() > 0));
        }
        return rows;
    }

    /** The top row in plain words: where the most is to gain, or that there is nothing above HLP to chase. */
    static String reading(Predictions.Analysis a) {
        if (a.slices().isEmpty()) return "No prediction of this run is in the chosen split.";
        Predictions.SliceFigures top = a.slices().get(0);
        String name = top.slice().substring(top.slice().indexOf('=') + 1);
        if (top.potential() == null) {
            return "No label of these examples has a reference yet (an SME resolution or other labelers to compare with), so there is no HLP to compare the model with.";
        }
        if (top.potential() <= 0) {
            return "The model is at or above human-level performance on every slice: better labels, or a guide that settles"
                    + " the hard cases, are what can raise the ceiling now.";
        }
        return name + ": " + whole(top.share()) + " of the data, " + points(top.gap()) + " below HLP — the most to gain."
                + " Look at its contradictions below, starting with the examples the humans agreed on least.";
    }

    private String chart(Predictions.Analysis a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("slices", a.slices().stream().map(s -> s.slice().substring(s.slice().indexOf('=') + 1)).toList());
        data.put("accuracy", a.slices().stream().map(Predictions.SliceFigures::accuracy).toList());
        data.put("hlp", a.slices().stream().map(Predictions.SliceFigures::hlp).toList());
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String whole(double share) {
        double p = 100 * share;
        return Math.abs(p - Math.rint(p)) < 0.05 ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** A difference of shares in percentage points: "2 points", "0.5 points". */
    private static String points(double difference) {
        double p = 100 * difference;
        String number = Math.abs(p - Math.rint(p)) < 0.05 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p);
        return number + (number.equals("1") || number.equals("-1") ? " point" : " points");
    }

    private static int width(double share) {
        return (int) Math.round(Math.max(0, Math.min(1, share)) * 100);
    }
}
