package dev.concord.agreement.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.guide.GuideVersion;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/** The agreement and HLP dashboard (ADMIN, SME), bookmarkable with the same query as the API. */
@Path("/projects/{slug}/agreement")
@Produces(MediaType.TEXT_HTML)
class AgreementPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agreement(Project project, Dashboard dashboard, List<String> sliceFields);
    }

    private final ProjectService projects;
    private final AgreementService agreement;
    private final ObjectMapper json;

    AgreementPages(ProjectService projects, AgreementService agreement, ObjectMapper json) {
        this.projects = projects;
        this.agreement = agreement;
        this.json = json;
    }

    @GET
    @RolesAllowed({"ADMIN", "SME"})
    public TemplateInstance agreement(@PathParam("slug") String slug, @QueryParam("guideVersion") String guideVersion,
            @QueryParam("excludeUncertain") boolean excludeUncertain, @QueryParam("slice") String slice,
            @Context UriInfo uri) {
        Project project = projects.visible(slug);
        if (slice == null && uri.getQueryParameters().containsKey("slice")) {
            slice = "";
        }
        AgreementService.Agreement figures = agreement.agreement(project, AgreementResource.version(guideVersion),
                excludeUncertain, slice);
        AgreementService.Trend trend = agreement.trend(project, excludeUncertain);
        List<Integer> versions = GuideVersion.<GuideVersion>list("projectId = ?1 order by version", project.id)
                .stream().map(g -> g.version).toList();
        AgreementService.Rounds rounds = agreement.rounds(project, excludeUncertain);
        List<String> fields = new ArrayList<>(agreement.metadataFields(project));
        if (figures.slice() != null && !fields.contains(figures.slice())) {
            fields.add(figures.slice()); // a bookmarked field the sample did not meet
        }
        return Templates.agreement(project, Dashboard.of(figures, trend, rounds, versions, json), fields);
    }
}
