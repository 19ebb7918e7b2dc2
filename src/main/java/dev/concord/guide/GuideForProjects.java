package dev.concord.guide;

import dev.concord.project.ProjectCreated;
import dev.concord.project.ProjectGuide;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/** The guide as the project feature sees it: its version number, previews, and the first version of a new project. */
@ApplicationScoped
class GuideForProjects implements ProjectGuide {
    private final GuideRenderer renderer;

    GuideForProjects(GuideRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public int currentVersion(long projectId) {
        return GuideVersion.currentVersion(projectId);
    }

    @Override
    public String toSafeHtml(String markdown, String slug) {
        return renderer.toSafeHtml(markdown, slug);
    }

    void firstVersion(@Observes ProjectCreated created) {
        GuideVersion guide = new GuideVersion();
        guide.projectId = created.project().id;
        guide.version = 1;
        guide.markdown = created.guideMarkdown() == null || created.guideMarkdown().isBlank()
                ? "# " + created.project().name + " — label guide\n\nDescribe each label here: what it is, what it is not, and when to answer `uncertain`.\n"
                : created.guideMarkdown();
        guide.note = "First version";
        guide.authorId = created.authorId();
        guide.createdAt = Instant.now();
        guide.persist();
    }
}
