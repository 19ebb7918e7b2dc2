package dev.concord.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.example.Example;
import dev.concord.example.ExampleContent;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * A labeler's feedback page: their resolved examples (their answer, the final one, the SME's
 * reasons, the discussion and a reply box) and their match rate per guide version. Only resolved
 * examples appear, so the page says nothing about one that is still under review.
 */
@Path("/projects/{slug}/feedback")
@Produces(MediaType.TEXT_HTML)
class FeedbackPages {

    /** One resolved example as the page shows it. */
    record Item(LearnerFeedback.Entry entry, ExampleContent example) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance feedback(Project project, List<Item> items, List<MatchRate> matchRates, long news);
    }

    private final ProjectService projects;
    private final LearnerFeedback feedback;
    private final ObjectMapper json;

    FeedbackPages(ProjectService projects, LearnerFeedback feedback, ObjectMapper json) {
        this.projects = projects;
        this.feedback = feedback;
        this.json = json;
    }

    @GET
    @RolesAllowed("LABELER")
    public TemplateInstance page(@PathParam("slug") String slug) {
        Project project = projects.visible(slug);
        LearnerFeedback.Feedback f = feedback.open(project);
        List<Item> items = f.entries().stream()
                .map(e -> new Item(e, ExampleContent.forLabeler(project, Example.require(project.id, e.outcome().key()), json))).toList();
        return Templates.feedback(project, items, f.matchRates(), f.news());
    }
}
