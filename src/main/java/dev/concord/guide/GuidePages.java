package dev.concord.guide;

import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.web.DomainException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The label guide page: a version rendered from Markdown (sanitised), with the history. */
@Path("/projects/{slug}/guide")
@Produces(MediaType.TEXT_HTML)
class GuidePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance guide(Project project, GuideVersion shown, String html, List<GuideVersion> history, int current);
    }

    private final ProjectService projects;
    private final GuideRenderer renderer;

    GuidePages(ProjectService projects, GuideRenderer renderer) {
        this.projects = projects;
        this.renderer = renderer;
    }

    @GET
    @RolesAllowed({"ADMIN", "SME", "LABELER"})
    public TemplateInstance guide(@PathParam("slug") String slug, @QueryParam("version") Integer version) {
        Project project = projects.visible(slug);
        List<GuideVersion> history = GuideVersion.history(project.id);
        GuideVersion shown = version == null ? GuideVersion.latest(project.id).orElse(null)
                : GuideVersion.find(project.id, version).orElseThrow(() -> new DomainException.NotFound("The guide of '" + slug + "' has no version " + version + "."));
        int current = history.isEmpty() ? 0 : history.get(0).version;
        return Templates.guide(project, shown, shown == null ? "" : renderer.toSafeHtml(shown.markdown), history, current);
    }
}
