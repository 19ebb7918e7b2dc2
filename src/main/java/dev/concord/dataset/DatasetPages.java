package dev.concord.dataset;

import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The datasets page: versions with counts, metrics and diffs, downloads, snippets, and a release form. */
@Path("/projects/{slug}/datasets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"ADMIN", "SME"})
class DatasetPages {

    /** A released file as the page lists it. */
    public record FileLink(String name, String sha256) {
        public String shortSha() {
            return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
        }
    }

    /** One version, read from its manifest, shaped for the page. */
    public record VersionView(int version, String consensus, int guideVersion, java.time.Instant created, String createdBy, int examples,
                              Map<String, Map<String, Long>> countsPerSplit, Map<String, Long> leftOut, String changes, List<FileLink> files) {
        static VersionView of(Manifest m) {
            Manifest.Diff diff = m.diff();
            String changes = diff == null || diff.previousVersion() == null ? "first version"
                    : "+" + diff.added().count() + " added, " + diff.removed().count() + " removed, "
                    + diff.relabeled().count() + " relabeled since v" + diff.previousVersion();
            List<FileLink> files = orEmpty(m.files()).entrySet().stream().map(e -> new FileLink(e.getKey(), e.getValue().sha256())).toList();
            return new VersionView(m.version(), m.consensus(), m.guideVersion(), m.created(), m.createdBy(), m.examples(),
                    orEmpty(m.countsPerSplit()), orEmpty(m.leftOut()), changes, files);
        }

        private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
            return map == null ? Map.of() : map;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance datasets(Project project, List<VersionView> versions, String error, String flash,
                                                String labelColumn, String baseUrl);
    }

    private final ProjectService projects;
    private final DatasetService datasets;

    DatasetPages(ProjectService projects, DatasetService datasets) {
        this.projects = projects;
        this.datasets = datasets;
    }

    /** The page; after a release ({@code ?released=N}) it confirms what version N holds (nothing of the URL is echoed). */
    @GET
    public TemplateInstance page(@PathParam("slug") String slug, @QueryParam("released") Integer released,
                                 @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        Project project = projects.visible(slug);
        List<VersionView> versions = views(project);
        String flash = versions.stream().filter(v -> released != null && v.version() == released).findFirst()
                .map(v -> "Version " + v.version() + " was released: " + v.examples() + " examples"
                        + (v.leftOut().isEmpty() ? "." : ", " + v.leftOut().values().stream().mapToLong(Long::longValue).sum() + " left out (see below)."))
                .orElse(null);
        return Templates.datasets(project, versions, null, flash, lastLabelColumn(project), base(uri));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(@PathParam("slug") String slug, @FormParam("train") String train, @FormParam("dev") String dev,
                            @FormParam("test") String test, @FormParam("seed") String seed, @FormParam("consensus") String consensus,
                            @FormParam("includeUncertain") boolean includeUncertain, @FormParam("labelColumn") String labelColumn,
                            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        Project project = projects.visible(slug);
        try {
            Map<String, Double> splits = new LinkedHashMap<>();
            putRatio(splits, "train", train);
            putRatio(splits, "dev", dev);
            putRatio(splits, "test", test);
            Long s = seed == null || seed.isBlank() ? null : Long.valueOf(seed.trim());
            DatasetSpec spec = DatasetSpec.of(project, splits, s, includeUncertain, consensus,
                    labelColumn == null || labelColumn.isBlank() ? null : labelColumn.trim(), null, null);
            Manifest manifest = datasets.release(project, spec);
            return Response.seeOther(URI.create("/projects/" + project.slug + "/datasets?released=" + manifest.version())).build();
        } catch (NumberFormatException e) {
            return refused(project, "Ratios and the seed are numbers.", labelColumn, uri);
        } catch (DomainException.BadInput e) {
            // The form shows the problems as sentences; "see details" is for API callers.
            List<String> problems = e.sentences();
            return refused(project, problems.isEmpty() ? e.getMessage() : "The dataset was not released: " + String.join(" ", problems), labelColumn, uri);
        }
    }

    private Response refused(Project project, String error, String labelColumn, jakarta.ws.rs.core.UriInfo uri) {
        return Response.status(400).entity(Templates.datasets(project, views(project), error, null,
                labelColumn == null ? lastLabelColumn(project) : labelColumn, base(uri)).render()).build();
    }

    /** The label column of the newest release, offered again (a project's training code expects the same column). */
    private String lastLabelColumn(Project project) {
        return datasets.versions(project).stream().findFirst().map(m -> m.spec() == null ? null : m.spec().labelColumn()).orElse(null);
    }

    private List<VersionView> views(Project project) {
        return datasets.versions(project).stream().map(VersionView::of).toList();
    }

    private static void putRatio(Map<String, Double> splits, String name, String value) {
        if (value != null && !value.isBlank() && Double.parseDouble(value.trim()) != 0) splits.put(name, Double.valueOf(value.trim()));
    }

    private static String base(jakarta.ws.rs.core.UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
