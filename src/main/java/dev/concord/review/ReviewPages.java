package dev.concord.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.DomainException;
import dev.concord.base.ReviewStatus;
import dev.concord.base.Urls;
import dev.concord.example.Example;
import dev.concord.example.ExampleContent;
import dev.concord.guide.GuideRenderer;
import dev.concord.guide.GuideVersion;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The SME's pages: the review queue and one review (example, labels, guide, discussion, resolution). */
@Path("/projects/{slug}/review")
@Produces(MediaType.TEXT_HTML)
class ReviewPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Project project, List<ReviewService.Item> items, Map<String, Long> counts,
                                             String status, String reason, String pair, int percentResolved,
                                             List<Review.Reason> reasons, Settled settled);

        static native TemplateInstance review(Project project, ReviewService.Item item, ExampleContent example,
                                              List<ReviewService.CommentInfo> comments, List<ReviewEvent> history,
                                              String guideHtml, int guideVersion, String error, Map<String, Object> conflict,
                                              Form form, Nav nav, Settled settled);
    }

    /** The resolution form's content: what the SME sent (kept on a 409 or 400), else the stored resolution. */
    record Form(String label, String rationale) {}

    /** Where {@code n} and {@code p} lead: neighbours in the open queue's order; null at either end. */
    record Nav(String previous, String next, int position, int open) {}

    /** The case the SME has just resolved, named on the page they land on (with its link to a new guide version). */
    record Settled(String key, String label) {}

    private final ProjectService projects;
    private final ReviewService reviews;
    private final GuideRenderer renderer;
    private final ObjectMapper json;
    private final CurrentUser me;

    ReviewPages(ProjectService projects, ReviewService reviews, GuideRenderer renderer, ObjectMapper json, CurrentUser me) {
        this.projects = projects;
        this.reviews = reviews;
        this.renderer = renderer;
        this.json = json;
        this.me = me;
    }

    @GET
    @RolesAllowed({"SME", "ADMIN"})
    public TemplateInstance queue(@PathParam("slug") String slug, @QueryParam("status") String status,
                                  @QueryParam("reason") String reason, @QueryParam("pair") String pair,
                                  @QueryParam("resolved") String resolved) {
        Project project = projects.visible(slug);
        ReviewStatus s = ReviewResource.parseStatus(status);
        Review.Reason r = ReviewResource.parseReason(reason);
        Set<String> classes = pair == null || pair.isBlank() ? null
                : Arrays.stream(pair.split(",")).map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        Map<String, Long> counts = reviews.counts(project);
        long all = counts.get("open") + counts.get("resolved");
        int percent = all == 0 ? 0 : (int) Math.round(100.0 * counts.get("resolved") / all);
        return Templates.queue(project, reviews.list(project, s, r, classes, true), counts, s.name().toLowerCase(),
                r == null ? null : r.apiName(), pair, percent, List.of(Review.Reason.values()), settled(project, resolved));
    }

    @GET
    @Path("{key}")
    @RolesAllowed({"SME", "ADMIN"})
    public TemplateInstance review(@PathParam("slug") String slug, @PathParam("key") String key,
                                   @QueryParam("resolved") String resolved) {
        Project project = projects.visible(slug);
        return page(project, key, null, null, null, settled(project, resolved));
    }

    /**
     * Resolves from the form. {@code then=next} (the default) lands on the next open case of the
     * queue (the one after this in the queue's order, else the first left), or on the queue when
     * none is left; {@code then=stay} comes back to this case. On a 409 or 400 the page keeps what
     * the SME sent, so nothing typed is lost.
     */
    @POST
    @Path("{key}/resolution")
    @RolesAllowed("SME")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("slug") String slug, @PathParam("key") String key, @FormParam("label") String label,
                            @FormParam("rationale") String rationale, @FormParam("version") int version,
                            @FormParam("then") String then) {
        Project project = projects.visible(slug);
        Form sent = new Form(label, rationale);
        if (then != null && !then.isEmpty() && !then.equals("next") && !then.equals("stay")) {
            return Response.status(400).entity(page(project, key, "After resolving, go to the next case or stay here.", null, sent, null).render()).build();
        }
        boolean stay = "stay".equals(then);
        List<String> openBefore = stay ? List.of() : reviews.openKeys(project);
        try {
            reviews.resolve(project, key, label, rationale, version);
        } catch (DomainException.Conflict e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> current = e.details().isEmpty() ? Map.of() : (Map<String, Object>) e.details().get(0);
            return Response.status(409).entity(page(project, key, e.getMessage(), current, sent, null).render()).build();
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(page(project, key, e.getMessage(), null, sent, null).render()).build();
        }
        String base = "/projects/" + project.slug + "/review";
        String flash = "?resolved=" + Urls.queryValue(key);
        if (stay) return Response.seeOther(URI.create(base + "/" + Urls.pathSegment(key) + flash)).build();
        String next = nextAfter(openBefore, key);
        return Response.seeOther(URI.create(next == null ? base + flash : base + "/" + Urls.pathSegment(next) + flash)).build();
    }

    /** The case after {@code key} in the queue's order, wrapping round to the first; null when no other is open. */
    static String nextAfter(List<String> open, String key) {
        int at = open.indexOf(key);
        for (int i = 1; i <= open.size(); i++) {
            String candidate = open.get(Math.floorMod(at + i, open.size()));
            if (!candidate.equals(key)) return candidate;
        }
        return null;
    }

    @POST
    @Path("{key}/comments")
    @RolesAllowed({"SME", "LABELER"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response comment(@PathParam("slug") String slug, @PathParam("key") String key, @FormParam("text") String text) {
        Project project = projects.visible(slug);
        reviews.comment(project, key, text);
        String segment = Urls.pathSegment(key);
        // A labeler replies from their feedback page (the review page is the SMEs'): back to that example there.
        return Response.seeOther(URI.create(me.isSme() ? "/projects/" + project.slug + "/review/" + segment + "#discussion"
                : "/projects/" + project.slug + "/feedback#example-" + segment)).build();
    }

    private TemplateInstance page(Project project, String key, String error, Map<String, Object> conflict, Form sent, Settled settled) {
        Review review = reviews.find(project, key);
        Example example = Example.findById(review.exampleId);
        GuideVersion guide = GuideVersion.latest(project.id).orElse(null);
        ReviewService.Item item = reviews.item(review);
        Form form = sent != null ? new Form(sent.label(), sent.rationale() == null ? "" : sent.rationale())
                : new Form(item.resolution(), item.rationale() == null ? "" : item.rationale());
        return Templates.review(project, item, ExampleContent.of(project, example, json), reviews.comments(review), reviews.history(review),
                guide == null ? "" : renderer.toSafeHtml(guide.markdown, project.slug), guide == null ? 0 : guide.version, error, conflict,
                form, nav(project, item.key()), settled);
    }

    private Nav nav(Project project, String key) {
        List<String> open = reviews.openKeys(project);
        int at = open.indexOf(key);
        if (at < 0) return new Nav(null, open.isEmpty() ? null : open.get(0), 0, open.size());
        return new Nav(at > 0 ? open.get(at - 1) : null, at + 1 < open.size() ? open.get(at + 1) : null, at + 1, open.size());
    }

    /** The case named by {@code ?resolved=}, if it is one of this project's resolved reviews; anything else shows nothing. */
    private Settled settled(Project project, String key) {
        if (key == null || key.isBlank()) return null;
        return Example.findByKey(project.id, key)
                .flatMap(e -> Review.forExample(e.id, e.labelRound))
                .filter(r -> r.status == ReviewStatus.RESOLVED)
                .map(r -> new Settled(key, r.resolution))
                .orElse(null);
    }
}
