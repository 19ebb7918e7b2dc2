package dev.concord.review;

import dev.concord.base.DomainException;
import dev.concord.base.ReviewStatus;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Review API: the SME queue, one review, its discussion, resolution; outcomes; consistency rounds. */
@Path("/api/projects/{slug}")
@Produces(MediaType.APPLICATION_JSON)
class ReviewResource {
    private final ProjectService projects;
    private final ReviewService reviews;

    ReviewResource(ProjectService projects, ReviewService reviews) {
        this.projects = projects;
        this.reviews = reviews;
    }

    record Queue(List<ReviewService.Item> items, long total, Map<String, Long> counts) {}

    @GET
    @Path("/reviews")
    @RolesAllowed({"SME", "ADMIN"})
    public Queue list(@PathParam("slug") String slug, @QueryParam("status") String status, @QueryParam("reason") String reason,
                      @QueryParam("pair") String pair, @QueryParam("sort") String sort) {
        Project project = projects.visible(slug);
        ReviewStatus s = parseStatus(status);
        Set<String> classes = pair == null || pair.isBlank() ? null
                : Arrays.stream(pair.split(",")).map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        List<ReviewService.Item> items = reviews.list(project, s, parseReason(reason), classes, !"recent".equals(sort));
        return new Queue(items, items.size(), reviews.counts(project));
    }

    /** A reason filter: null for none, else one of the reasons' names (400 otherwise). */
    static Review.Reason parseReason(String reason) {
        if (reason == null || reason.isBlank()) return null;
        return Review.Reason.parse(reason)
                .orElseThrow(() -> new DomainException.BadInput("reason is one of " + Review.Reason.choices() + "."));
    }

    static ReviewStatus parseStatus(String status) {
        if (status == null || status.isBlank() || status.equals("open")) return ReviewStatus.OPEN;
        if (status.equals("resolved")) return ReviewStatus.RESOLVED;
        throw new DomainException.BadInput("status is 'open' or 'resolved'.");
    }

    record Event(String action, String label, String rationale, int version, Instant at) {}

    record Detail(ReviewService.Item review, List<ReviewService.CommentInfo> comments, List<Event> history) {}

    @GET
    @Path("/reviews/{key}")
    @RolesAllowed({"SME", "ADMIN"})
    public Detail get(@PathParam("slug") String slug, @PathParam("key") String key) {
        Project project = projects.visible(slug);
        Review review = reviews.find(project, key);
        return new Detail(reviews.item(review), reviews.comments(review),
                reviews.history(review).stream().map(e -> new Event(e.action, e.label, e.rationale, e.version, e.createdAt)).toList());
    }

    record CommentRequest(@NotBlank @Size(max = 4000) String text) {}

    @POST
    @Path("/reviews/{key}/comments")
    @RolesAllowed({"SME", "LABELER"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response comment(@PathParam("slug") String slug, @PathParam("key") String key, @Valid @NotNull CommentRequest body) {
        return Response.status(201).entity(reviews.comment(projects.visible(slug), key, body.text())).build();
    }

    @GET
    @Path("/reviews/{key}/comments")
    @RolesAllowed({"SME", "LABELER"})
    public Page<ReviewService.CommentInfo> comments(@PathParam("slug") String slug, @PathParam("key") String key) {
        return Page.of(reviews.comments(reviews.discussion(projects.visible(slug), key)));
    }

    /** Every list is {"items": [...], "total": n}. */
    record Page<T>(List<T> items, long total) {
        static <T> Page<T> of(List<T> items) {
            return new Page<>(items, items.size());
        }
    }

    record Resolution(@NotBlank @Size(max = 64) String label, @Size(max = 10000) String rationale, @NotNull Integer version) {}

    @PUT
    @Path("/reviews/{key}/resolution")
    @RolesAllowed("SME")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewService.Item resolve(@PathParam("slug") String slug, @PathParam("key") String key, @Valid @NotNull Resolution body) {
        Project project = projects.visible(slug);
        return reviews.item(reviews.resolve(project, key, body.label(), body.rationale(), body.version()));
    }

    @GET
    @Path("/examples/{key}/outcome")
    @RolesAllowed("LABELER")
    public ReviewService.Outcome outcome(@PathParam("slug") String slug, @PathParam("key") String key) {
        return reviews.outcomeFor(projects.visible(slug), key);
    }

    @GET
    @Path("/outcomes/me")
    @RolesAllowed("LABELER")
    public Page<ReviewService.Outcome> myOutcomes(@PathParam("slug") String slug) {
        return Page.of(reviews.myResolved(projects.visible(slug)));
    }

    record RoundRequest(String examples, Integer sampleSize, Long seed, @Size(max = 100_000) List<@NotBlank @Size(max = 255) String> keys) {}

    @POST
    @Path("/rounds")
    @RolesAllowed({"SME", "ADMIN"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response round(@PathParam("slug") String slug, @QueryParam("dryRun") String dryRunParam, @Valid @NotNull RoundRequest body) {
        Project project = projects.visible(slug);
        // Strict: a misspelt "dryRun=yes" must not start the round it meant to preview.
        if (dryRunParam != null && !dryRunParam.equals("true") && !dryRunParam.equals("false")) {
            throw new DomainException.BadInput("dryRun is 'true' or 'false'.");
        }
        boolean dryRun = "true".equals(dryRunParam);
        ReviewService.Round round = reviews.startRound(project, body.examples(), body.sampleSize(), body.seed(), body.keys(), dryRun);
        return Response.status(dryRun ? 200 : 201).entity(round).build();
    }
}
