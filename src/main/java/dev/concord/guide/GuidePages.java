package dev.concord.guide;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The label guide page: a version rendered from Markdown (sanitised), the history, a line diff
 * between consecutive versions, and for SMEs and admins an editor that adds a version.
 */
@Path("/projects/{slug}/guide")
@Produces(MediaType.TEXT_HTML)
class GuidePages {

    /** One line of a diff: kind is same, ins or del. */
    public record DiffLine(String kind, String text) {}

    /** What the editor holds. */
    public record Draft(String markdown, String note, String exampleKey) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance guide(Project project, GuideVersion shown, String html, List<GuideVersion> history, int current,
                                             List<DiffLine> diff, Draft draft, String preview, String error, boolean editor);
    }

    private final ProjectService projects;
    private final GuideRenderer renderer;
    private final GuideService guides;
    private final CurrentUser me;

    GuidePages(ProjectService projects, GuideRenderer renderer, GuideService guides, CurrentUser me) {
        this.projects = projects;
        this.renderer = renderer;
        this.guides = guides;
        this.me = me;
    }

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public TemplateInstance guide(@PathParam("slug") String slug, @QueryParam("version") Integer version,
                                  @QueryParam("diff") Integer diff, @QueryParam("edit") boolean edit,
                                  @QueryParam("example") String example) {
        Project project = projects.visible(slug);
        List<GuideVersion> history = GuideVersion.history(project.id);
        int current = history.isEmpty() ? 0 : history.get(0).version;
        Integer wanted = diff != null ? diff : version;
        GuideVersion shown = wanted == null ? GuideVersion.latest(project.id).orElse(null)
                : GuideVersion.find(project.id, wanted).orElseThrow(() -> new DomainException.NotFound("The guide of '" + slug + "' has no version " + wanted + "."));
        List<DiffLine> lines = diff == null || shown == null ? null : diff(project.id, shown);
        boolean editor = edit && me.isStaff();
        Draft draft = editor ? new Draft(shown == null ? "" : shown.markdown, example == null ? "" : "Worked case: " + example, example) : null;
        return Templates.guide(project, shown, shown == null ? "" : renderer.toSafeHtml(shown.markdown, project.slug), history, current, lines, draft,
                null, null, editor);
    }

    @POST
    @RolesAllowed({"SME", "ADMIN"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("slug") String slug, @FormParam("markdown") String markdown, @FormParam("note") String note,
                         @FormParam("exampleKey") String exampleKey, @FormParam("action") String action) {
        Project project = projects.visible(slug);
        Draft draft = new Draft(markdown, note, exampleKey);
        List<GuideVersion> history = GuideVersion.history(project.id);
        int current = history.isEmpty() ? 0 : history.get(0).version;
        GuideVersion shown = history.isEmpty() ? null : history.get(0);
        String shownHtml = shown == null ? "" : renderer.toSafeHtml(shown.markdown, project.slug);
        if ("preview".equals(action)) {
            return Response.ok(Templates.guide(project, shown, shownHtml, history, current, null, draft,
                    renderer.toSafeHtml(markdown, project.slug), null, true).render()).build();
        }
        try {
            GuideVersion added = guides.add(project, markdown, note, exampleKey);
            return Response.seeOther(URI.create("/projects/" + project.slug + "/guide?diff=" + added.version)).build();
        } catch (DomainException.BadInput e) {
            return Response.status(400).entity(Templates.guide(project, shown, shownHtml, history, current, null, draft, null,
                    e.getMessage(), true).render()).build();
        }
    }

    /**
     * Line pairs the diff may compare. Myers' diff costs about (lines of both) × (lines changed), so
     * two long, very different versions would cost seconds per request; past this bound the changed
     * middle is shown as removed, then added.
     */
    static final long MAX_COMPARED_PAIRS = 4_000_000;

    /** The line diff from the previous version to {@code version}. */
    static List<DiffLine> diff(long projectId, GuideVersion version) {
        List<String> before = GuideVersion.find(projectId, version.version - 1).map(g -> g.markdown.lines().toList()).orElse(List.of());
        return diff(before, version.markdown.lines().toList());
    }

    /**
     * The lines both versions start and end with are the same; the middle is compared line by line
     * (java-diff-utils, Myers) when that is cheap enough, else shown as removed, then added.
     */
    static List<DiffLine> diff(List<String> before, List<String> after) {
        int head = 0;
        while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) head++;
        int tail = 0;
        while (tail < before.size() - head && tail < after.size() - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) tail++;
        List<String> oldMiddle = before.subList(head, before.size() - tail);
        List<String> newMiddle = after.subList(head, after.size() - tail);
        List<DiffLine> lines = new ArrayList<>();
        before.subList(0, head).forEach(l -> lines.add(new DiffLine("same", l)));
        if ((long) oldMiddle.size() * newMiddle.size() > MAX_COMPARED_PAIRS) {
            oldMiddle.forEach(l -> lines.add(new DiffLine("del", l)));
            newMiddle.forEach(l -> lines.add(new DiffLine("ins", l)));
        } else {
            Patch<String> patch = DiffUtils.diff(oldMiddle, newMiddle);
            int position = 0;
            for (AbstractDelta<String> delta : patch.getDeltas()) {
                for (; position < delta.getSource().getPosition(); position++) lines.add(new DiffLine("same", oldMiddle.get(position)));
                delta.getSource().getLines().forEach(l -> lines.add(new DiffLine("del", l)));
                delta.getTarget().getLines().forEach(l -> lines.add(new DiffLine("ins", l)));
                position += delta.getSource().size();
            }
            for (; position < oldMiddle.size(); position++) lines.add(new DiffLine("same", oldMiddle.get(position)));
        }
        before.subList(before.size() - tail, before.size()).forEach(l -> lines.add(new DiffLine("same", l)));
        return lines;
    }
}
