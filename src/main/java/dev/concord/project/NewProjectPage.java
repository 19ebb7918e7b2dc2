package dev.concord.project;

import dev.concord.base.ConcordConfig;
import dev.concord.base.DomainException;
import dev.concord.user.User;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The new-project form (ADMIN). Works without JavaScript: a plain POST, errors shown next to each
 * field with what was typed kept, POST-redirect-GET on success; js/admin.js adds slug suggestion
 * and label-row editing.
 */
@Path("/admin/projects")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("ADMIN")
class NewProjectPage {
    static final int EMPTY_LABEL_ROWS = 3;

    /** One row of the label-set editor. */
    public record LabelRow(int index, String name, String code) {
        public String key() {
            return index < 9 ? String.valueOf(index + 1) : "";
        }
    }

    /** Everything the form holds, so a failed submit shows it again. */
    public record Form(String name, String slug, String modality, List<LabelRow> labels, String overlap, String threshold,
                       String guide, String guideFile, String membership, List<String> members, Map<String, String> errors) {
        public boolean isMember(String username) {
            return members.contains(username);
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(Form form, List<String> guideFiles, List<String> people, String preview, String error);
    }

    private final ProjectService projects;
    private final ProjectGuide renderer;
    private final java.nio.file.Path guidesDir;

    NewProjectPage(ProjectService projects, ProjectGuide renderer, ConcordConfig config) {
        this.projects = projects;
        this.renderer = renderer;
        this.guidesDir = config.guidesDir();
    }

    @GET
    @Path("new")
    public TemplateInstance form() {
        List<LabelRow> rows = new ArrayList<>();
        for (int i = 0; i < EMPTY_LABEL_ROWS; i++) rows.add(new LabelRow(i, "", ""));
        Form empty = new Form("", "", "image", rows, "3", "0.5", "", "", "everyone", List.of(), Map.of());
        return Templates.form(empty, guideFiles(), people(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("slug") String slug, @FormParam("modality") String modality,
                           @FormParam("labelName") List<String> labelNames, @FormParam("labelCode") List<String> labelCodes,
                           @FormParam("overlap") String overlap, @FormParam("agreementThreshold") String threshold,
                           @FormParam("guide") String guide, @FormParam("guideFile") String guideFile,
                           @FormParam("membership") String membership, @FormParam("members") List<String> members,
                           @FormParam("action") String action) {
        List<LabelRow> rows = new ArrayList<>();
        List<ProjectService.LabelSpec> specs = new ArrayList<>();
        List<String> names = labelNames == null ? List.of() : labelNames;
        for (int i = 0; i < names.size(); i++) {
            String labelName = names.get(i) == null ? "" : names.get(i);
            String code = labelCodes != null && i < labelCodes.size() && labelCodes.get(i) != null ? labelCodes.get(i).strip() : "";
            if (labelName.isBlank() && code.isEmpty()) continue;
            rows.add(new LabelRow(rows.size(), labelName, code));
            specs.add(new ProjectService.LabelSpec(labelName, code.isEmpty() ? null : code));
        }
        List<String> chosen = members == null ? List.of() : members;
        Map<String, String> errors = new LinkedHashMap<>();
        String markdown = guide;
        if ((markdown == null || markdown.isBlank()) && guideFile != null && !guideFile.isBlank()) {
            markdown = readGuideFile(guideFile, errors);
        }
        Integer overlapValue = parseInt(overlap, "overlap", "The overlap is a whole number, e.g. 3.", errors);
        Double thresholdValue = parseDouble(threshold, "agreementThreshold", "The threshold is a number between 0 and 1, e.g. 0.67.", errors);
        boolean restricted = "chosen".equals(membership);
        if (restricted && chosen.isEmpty()) errors.put("members", "Choose at least one member, or let everyone work on it.");
        List<LabelRow> shown = new ArrayList<>(rows);
        for (int i = 0; i < Math.max(1, EMPTY_LABEL_ROWS - rows.size()); i++) shown.add(new LabelRow(shown.size(), "", ""));
        if ("preview".equals(action)) {
            Form form = new Form(name, slug, modality, shown, overlap, threshold, markdown, guideFile, membership, chosen, errors);
            return Response.ok(Templates.form(form, guideFiles(), people(), renderer.toSafeHtml(markdown, slug == null || slug.isBlank() ? null : slug.strip()), null).render()).build();
        }
        if (errors.isEmpty()) {
            try {
                Project project = projects.create(new ProjectService.NewProject(slug, name, modality, specs, overlapValue,
                        thresholdValue, restricted ? chosen : null, null, null, markdown));
                return Response.seeOther(URI.create("/projects/" + project.slug + "?created=1")).build();
            } catch (DomainException e) {
                e.fieldMessages().forEach((field, message) -> errors.merge(field, message, (a, b) -> a + " " + b));
                if (e instanceof DomainException.Conflict) errors.put("slug", e.getMessage());
                if (errors.isEmpty()) errors.put("form", e.getMessage());
            }
        }
        Form form = new Form(name, slug, modality, shown, overlap, threshold, guide, guideFile, membership, chosen, errors);
        return Response.status(400).entity(Templates.form(form, guideFiles(), people(), null,
                "The project was not created: fix the fields marked below.").render()).build();
    }

    /** Only a plain file name listed in the guides directory; nothing a client sends can reach elsewhere. */
    private String readGuideFile(String name, Map<String, String> errors) {
        if (!guideFiles().contains(name)) {
            errors.put("guideFile", "Choose one of the listed guide files.");
            return null;
        }
        try {
            return Files.readString(guidesDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> guideFiles() {
        if (!Files.isDirectory(guidesDir)) return List.of();
        try (Stream<java.nio.file.Path> files = Files.list(guidesDir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> people() {
        return User.<User>list("external = false and enabled = true order by username").stream()
                .filter(u -> u.has(User.Role.LABELER) || u.has(User.Role.SME)).map(u -> u.username).toList();
    }

    private static Integer parseInt(String value, String field, String message, Map<String, String> errors) {
        try {
            return Integer.valueOf(value.trim());
        } catch (RuntimeException e) {
            errors.put(field, message);
            return null;
        }
    }

    private static Double parseDouble(String value, String field, String message, Map<String, String> errors) {
        try {
            return Double.valueOf(value.trim());
        } catch (RuntimeException e) {
            errors.put(field, message);
            return null;
        }
    }
}
