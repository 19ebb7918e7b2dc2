package dev.concord.labeling;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.example.Example;
import dev.concord.example.ExampleContent;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.user.CurrentUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The labeler's API: the next example, my label (put, undo), my labels, my progress. */
@Path("/api/projects/{slug}")
@Produces(MediaType.APPLICATION_JSON)
class LabelResource {
    private final ProjectService projects;
    private final LabelQueue queue;
    private final GroupCommit commits;
    private final CurrentUser me;
    private final ObjectMapper json;

    LabelResource(ProjectService projects, LabelQueue queue, GroupCommit commits, CurrentUser me, ObjectMapper json) {
        this.projects = projects;
        this.queue = queue;
        this.commits = commits;
        this.me = me;
        this.json = json;
    }

    /** An example as a labeler sees it: its content, never anyone's labels. */
    record Item(String key, String modality, String text, Map<String, String> data, String mediaUrl, String mediaType,
                int guideVersion, int round, Progress progress) {}

    record Progress(long myLabels, long examples, long completeExamples, long labels, long labelsNeeded) {}

    /** The next example and the project it belongs to, as one group commit answers them. */
    private record Served(Project project, Optional<LabelQueue.Next> next) {}

    /**
     * Like {@link #put}: the project look-up and the lease run in a group commit (shared with other
     * labelers' requests, answered after the commit), and the example's content is rendered on
     * this request's event loop; with ?progress=true on a worker, since the counts are reads.
     */
    @GET
    @Path("/queue/next")
    @RolesAllowed("LABELER")
    public CompletionStage<Response> next(@PathParam("slug") String slug, @QueryParam("skip") String skip,
                                          @QueryParam("progress") boolean withProgress) {
        long labeler = me.id();
        boolean admin = me.isAdmin();
        Set<String> skipped = skipped(skip);
        return answerHere(commits.submit(() -> {
            Project project = projects.visibleForLabeling(slug, labeler, admin);
            return new Served(project, queue.nextFor(project, labeler, skipped));
        }), withProgress, served -> served.next()
                .map(n -> Response.ok(item(served.project(), n.example(), n.guideVersion(), withProgress)).build())
                .orElseGet(() -> Response.noContent().build()));
    }

    private static Set<String> skipped(String skip) {
        return skip == null || skip.isBlank() ? Set.of()
                : Arrays.stream(skip.split(",")).map(String::trim).filter(s -> !s.isEmpty()).limit(200).collect(Collectors.toSet());
    }

    record LabelRequest(@NotBlank @Size(max = 64) String label, @Size(max = 2000) String comment,
                        @PositiveOrZero Long durationMs) {}

    record LabelView(String key, String label, String comment, Integer guideVersion, int round, Long durationMs, Instant updatedAt) {}

    /** The stored label and, in the same transaction, the caller's next example (null: nothing left). */
    record LabelAndNext(@JsonUnwrapped LabelView saved, Item next) {}

    private record Submitted(Project project, LabelQueue.Stored stored, Optional<LabelQueue.Next> next) {}

    /**
     * Like {@link #next}, but the request's thread never waits: the project look-up, the label
     * check and the label (with ?next=true the next lease too) run in a group commit, and the
     * answer is rendered on this request's event loop once it is committed: a worker thread per
     * request that waited for the commit, was woken by the writer and handed its response back to
     * the event loop cost four times the CPU per label of this path at saturation.
     */
    @PUT
    @Path("/examples/{key}/labels/me")
    @RolesAllowed("LABELER")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> put(@PathParam("slug") String slug, @PathParam("key") String key, @QueryParam("next") boolean andNext,
                                         @QueryParam("skip") String skip, @Valid @NotNull LabelRequest body) {
        long labeler = me.id();
        boolean admin = me.isAdmin();
        Set<String> skipped = skipped(skip);
        // ?next=true: one request and one commit per label instead of two (the labeling page's way).
        return answerHere(commits.submit(() -> {
            Project project = projects.visibleForLabeling(slug, labeler, admin);
            queue.requireLabel(project, body.label());
            return new Submitted(project, queue.submit(project, key, labeler, body.label(), body.comment(), body.durationMs()),
                    andNext ? queue.nextFor(project, labeler, skipped) : Optional.empty());
        }), false, done -> {
            Label l = done.stored().label();
            LabelView saved = new LabelView(key, l.value, l.comment, l.guideVersion, l.round, l.durationMs, l.updatedAt);
            Object entity = andNext
                    ? new LabelAndNext(saved, done.next().map(n -> item(done.project(), n.example(), n.guideVersion(), false)).orElse(null))
                    : saved;
            return Response.status(done.stored().created() ? 201 : 200).entity(entity).build();
        });
    }

    /**
     * The group commit's answer turned into a response on the calling thread's Vert.x context (the
     * request's event loop), or with blocking on a worker of that context (its request scope
     * included), never on the writer thread that completes it; a refusal or failure is passed on
     * as itself, for the exception mappers.
     */
    private static <T> CompletionStage<Response> answerHere(CompletableFuture<T> committed, boolean blocking, Function<T, Response> render) {
        Context context = Vertx.currentContext();
        CompletableFuture<Response> response = new CompletableFuture<>();
        committed.whenComplete((done, failure) -> {
            if (context == null) {
                answer(response, done, failure, render);
            } else if (blocking && failure == null) {
                context.executeBlocking(() -> render.apply(done), false)
                        .onComplete(rendered -> answer(response, rendered.result(), rendered.cause(), Function.identity()));
            } else {
                context.runOnContext(ignored -> answer(response, done, failure, render));
            }
        });
        return response;
    }

    private static <T> void answer(CompletableFuture<Response> response, T done, Throwable failure, Function<T, Response> render) {
        if (failure != null) {
            response.completeExceptionally(failure);
            return;
        }
        try {
            response.complete(render.apply(done));
        } catch (RuntimeException e) {
            response.completeExceptionally(e);
        }
    }

    @DELETE
    @Path("/examples/{key}/labels/me")
    @RolesAllowed("LABELER")
    public Response undo(@PathParam("slug") String slug, @PathParam("key") String key) {
        queue.withdraw(projects.visible(slug), key, me.id());
        return Response.noContent().build();
    }

    @POST
    @Path("/examples/{key}/skip")
    @RolesAllowed("LABELER")
    public Response skip(@PathParam("slug") String slug, @PathParam("key") String key) {
        Project project = projects.visible(slug);
        Example example = Example.require(project.id, key);
        queue.release(example, me.id());
        return Response.noContent().build();
    }

    record Page<T>(List<T> items, long total) {}

    @GET
    @Path("/labels/me")
    @RolesAllowed("LABELER")
    public Page<LabelView> mine(@PathParam("slug") String slug) {
        Project project = projects.visible(slug);
        List<Object[]> rows = Label.getEntityManager().createQuery("""
                select e.key, l.value, l.comment, l.guideVersion, l.round, l.durationMs, l.updatedAt
                from Label l, Example e where e.id = l.exampleId and l.projectId = ?1 and l.labelerId = ?2 order by l.updatedAt desc""", Object[].class)
                .setParameter(1, project.id).setParameter(2, me.id()).getResultList();
        List<LabelView> items = rows.stream().map(r -> new LabelView((String) r[0], (String) r[1], (String) r[2], (Integer) r[3],
                (Integer) r[4], (Long) r[5], (Instant) r[6])).toList();
        return new Page<>(items, items.size());
    }

    @GET
    @Path("/progress/me")
    @RolesAllowed({"LABELER", "SME", "ADMIN"})
    public Progress progress(@PathParam("slug") String slug) {
        return progressOf(projects.visible(slug));
    }

    Progress progressOf(Project project) {
        ProjectService.Counts c = projects.counts(project);
        return new Progress(projects.labelsBy(project.id, me.id()), c.examples(), c.completeExamples(), c.labels(), c.examples() * project.overlap);
    }

    /** The example for the labeler; progress (a few counting queries) only when asked for. */
    Item item(Project project, Example e, int guideVersion, boolean withProgress) {
        ExampleContent c = ExampleContent.forLabeler(project, e, json);
        return new Item(e.key, c.modality(), c.text(), c.data(), c.mediaUrl(), c.mediaType(),
                guideVersion, e.labelRound, withProgress ? progressOf(project) : null);
    }
}
