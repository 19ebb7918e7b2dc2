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
                                             List<Review.Reason> reasons);

        static native TemplateInstance review(Project project, ReviewService.Item item, ExampleContent example,
                                              List<ReviewService.CommentInfo> comments, List<ReviewEvent> history,
                                              String guideHtml, int guideVersion, String error, Map<String, Object> conflict);
    }

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
                                  @QueryParam("reason") String reason, @QueryParam("pair") String pair) {
        Project project = projects.visible(slug);
        ReviewStatus s = ReviewResource.parseStatus(status);
        Review.Reason r = ReviewResource.parseReason(reason);
        Set<String> classes = pair == null || pair.isBlank() ? null
                : Arrays.stream(pair.split(",")).map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        Map<String, Long> counts = reviews.counts(project);
        long all = counts.get("open") + counts.get("resolved");
        int percent = all == 0 ? 0 : (int) Math.round(100.0 * counts.get("resolved") / all);
        return Templates.queue(project, reviews.list(project, s, r, classes, true), counts, s.name().toLowerCase(),
                r == null ? null : r.apiName(), pair, percent, List.of(Review.Reason.values()));
    }

    @GET
    @Path("{key}")
    @RolesAllowed({"SME", "ADMIN"})
    public TemplateInstance review(@PathParam("slug") String slug, @PathParam("key") String key) {
        return page(projects.visible(slug), key, null, null);
    }

    @POST
    @Path("{key}/resolution")
    @RolesAllowed("SME")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("slug") String slug, @PathParam("key") String key, @FormParam("label") String label,
                            @FormParam("rationale") String rationale, @FormParam("version") int version) {
        Project project = projects.visible(slug);
        try {
            reviews.resolve(project, key, label, rationale, version);
        } catch (DomainException.Conflict e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> current = e.details().isEmpty() ? Map.of() : (Map<String, Object>) e.details().get(0);
            return Response.status(409).entity(page(project, key, e.getMessage(), current).render()).build();
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(page(project, key, e.getMessage(), null).render()).build();
        }
        return Response.seeOther(URI.create("/projects/" + project.slug + "/review?resolved=" + Urls.queryValue(key))).build();
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

    private TemplateInstance page(Project project, String key, String error, Map<String, Object> conflict) {
        Review review = reviews.find(project, key);
        Example example = Example.findById(review.exampleId);
        GuideVersion guide = GuideVersion.latest(project.id).orElse(null);
        return Templates.review(project, reviews.item(review), ExampleContent.of(project, example, json), reviews.comments(review), reviews.history(review),
                guide == null ? "" : renderer.toSafeHtml(guide.markdown, project.slug), guide == null ? 0 : guide.version, error, conflict);
    }
}
