package dev.concord.labeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.guide.GuideRenderer;
import dev.concord.guide.GuideVersion;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.user.CurrentUser;
import dev.concord.user.User;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The labeling page. The page is a shell; js/label.js asks the queue API for each example and
 * sends labels, so the next example appears without a page load.
 */
@Path("/projects/{slug}/label")
@Produces(MediaType.TEXT_HTML)
class LabelPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance label(Project project, String labelsJson, String guideHtml, int guideVersion, boolean labeler);
    }

    private final ProjectService projects;
    private final GuideRenderer renderer;
    private final CurrentUser me;
    private final ObjectMapper json;

    LabelPage(ProjectService projects, GuideRenderer renderer, CurrentUser me, ObjectMapper json) {
        this.projects = projects;
        this.renderer = renderer;
        this.me = me;
        this.json = json;
    }

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public TemplateInstance page(@PathParam("slug") String slug) throws JsonProcessingException {
        Project project = projects.visible(slug);
        GuideVersion guide = GuideVersion.latest(project.id).orElse(null);
        return Templates.label(project, json.writeValueAsString(project.labelNames()),
                guide == null ? "" : renderer.toSafeHtml(guide.markdown, project.slug), guide == null ? 0 : guide.version,
                me.has(User.Role.LABELER));
    }
}
