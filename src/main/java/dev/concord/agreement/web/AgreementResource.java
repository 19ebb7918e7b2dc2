package dev.concord.agreement.web;

import dev.concord.base.DomainException;
import dev.concord.project.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Agreement and HLP of a project. Staff only (ADMIN, SME): the per-labeler table and the kappa
 * matrix name labelers and show how each one agrees with the others, which labelers should not
 * see about each other.
 */
@Path("/api/projects/{slug}/agreement")
@Produces(MediaType.APPLICATION_JSON)
class AgreementResource {
    private final ProjectService projects;
    private final AgreementService agreement;

    AgreementResource(ProjectService projects, AgreementService agreement) {
        this.projects = projects;
        this.agreement = agreement;
    }

    @GET
    @RolesAllowed({"ADMIN", "SME"})
    public AgreementService.Agreement agreement(@PathParam("slug") String slug,
            @QueryParam("guideVersion") String guideVersion,
            @QueryParam("excludeUncertain") boolean excludeUncertain,
            @QueryParam("slice") String slice, @Context UriInfo uri) {
        // "?slice=" (present, empty) turns slicing off; absent means the first metadata field
        if (slice == null && uri.getQueryParameters().containsKey("slice")) {
            slice = "";
        }
        return agreement.agreement(projects.visible(slug), version(guideVersion), excludeUncertain, slice);
    }

    @GET
    @Path("trend")
    @RolesAllowed({"ADMIN", "SME"})
    public AgreementService.Trend trend(@PathParam("slug") String slug,
            @QueryParam("excludeUncertain") boolean excludeUncertain) {
        return agreement.trend(projects.visible(slug), excludeUncertain);
    }

    @GET
    @Path("rounds")
    @RolesAllowed({"ADMIN", "SME"})
    public AgreementService.Rounds rounds(@PathParam("slug") String slug,
            @QueryParam("excludeUncertain") boolean excludeUncertain) {
        return agreement.rounds(projects.visible(slug), excludeUncertain);
    }

    static Integer version(String guideVersion) {
        if (guideVersion == null || guideVersion.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(guideVersion.strip());
        } catch (NumberFormatException e) {
            throw new DomainException.BadInput("guideVersion is a guide version number (1, 2, ...), not '"
                    + guideVersion + "'.");
        }
    }
}
