package dev.concord.project;

import dev.concord.user.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The home page (my projects, with progress) and a project's overview. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class ProjectPages {

    /** A project as a card on the home page; {@code newlySettled}: the caller's disputes settled since they last looked. */
    record Card(Project project, ProjectService.Counts counts, long myLabels, long newlySettled) {
        public int percentComplete() {
            return counts.examples() == 0 ? 0 : (int) Math.round(100.0 * counts.completeExamples() / counts.examples());
        }

        public long labelsNeeded() {
            return counts.examples() * project.overlap;
        }

        public int percentLabeled() {
            long needed = labelsNeeded();
            return needed == 0 ? 0 : (int) Math.min(100, Math.round(100.0 * counts.labels() / needed));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<Card> cards, List<Card> notices, boolean admin, String deleted);

        static native TemplateInstance overview(Card card, ProjectView view, boolean staff, List<ProjectService.LabelerProgress> labelers,
                                                 Integer latestDataset, boolean created, boolean deleteRefused);
    }

    private final ProjectService projects;
    private final CurrentUser me;
    private final ProjectGuide guide;
    private final SettledDisputes settled;

    ProjectPages(ProjectService projects, CurrentUser me, ProjectGuide guide, SettledDisputes settled) {
        this.projects = projects;
        this.me = me;
        this.guide = guide;
        this.settled = settled;
    }

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public TemplateInstance home(@jakarta.ws.rs.QueryParam("deleted") String deleted) {
        List<Card> cards = projects.visibleProjects().stream().map(p -> card(p, settled.newlySettledFor(p))).toList();
        return Templates.home(cards, cards.stream().filter(c -> c.newlySettled() > 0).toList(), me.has(dev.concord.user.User.Role.ADMIN),
                // named only when it is really gone, so the address cannot make the page say anything else
                deleted != null && me.isAdmin() && Project.findBySlug(deleted).isEmpty() && deleted.length() <= 64 ? deleted : null);
    }

    @GET
    @Path("projects/{slug}")
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public TemplateInstance overview(@PathParam("slug") String slug, @jakarta.ws.rs.QueryParam("created") String created,
                                     @jakarta.ws.rs.QueryParam("deleteRefused") String deleteRefused) {
        Project project = projects.visible(slug);
        Card card = card(project);
        ProjectView view = ProjectView.of(project, card.counts(), null, guide.currentVersion(project.id));
        boolean staff = me.isStaff();
        return Templates.overview(card, view, staff, staff ? projects.labelerProgress(project.id) : List.of(),
                staff ? projects.latestDatasetVersion(project.id) : null, created != null, deleteRefused != null);
    }

    private Card card(Project p) {
        return card(p, 0);
    }

    private Card card(Project p, long newlySettled) {
        return new Card(p, projects.counts(p), projects.labelsBy(p.id, me.id()), newlySettled);
    }
}
