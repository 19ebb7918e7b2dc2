package dev.concord.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.ConcordConfig;
import dev.concord.example.ExampleImporter;
import dev.concord.labeling.AnnotationImporter;
import dev.concord.project.Project;
import dev.concord.project.ProjectService;
import dev.concord.user.User;
import dev.concord.user.UserService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * With CONCORD_DEMO=true (the default in dev mode): demo users, and each sample project of
 * {@code sample-data/<slug>/project.json} with its guide, examples and prior labels. Runs once:
 * anything already there is left alone.
 */
@ApplicationScoped
class DemoSeeder {
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    static final String DEMO_PASSWORD = "concord-demo";
    static final List<String> LABELERS = List.of("alice", "bob", "carol", "dave", "erin");

    private final UserService users;
    private final ProjectService projects;
    private final ExampleImporter examples;
    private final AnnotationImporter annotations;
    private final ObjectMapper json;
    private final DemoGuard guard;

    DemoSeeder(UserService users, ProjectService projects, ExampleImporter examples, AnnotationImporter annotations, ObjectMapper json,
               DemoGuard guard) {
        this.users = users;
        this.projects = projects;
        this.examples = examples;
        this.annotations = annotations;
        this.json = json;
        this.guard = guard;
    }

    void onStart(@Observes @Priority(20) StartupEvent event, ConcordConfig config) {
        if (config.demo()) seed(config.sampleDataDir(), config.guidesDir());
    }

    @ActivateRequestContext
    void seed(Path sampleData, Path guides) {
        guard.mark();
        ensureUser("admin", EnumSet.of(User.Role.ADMIN, User.Role.SME));
        ensureUser("sam", EnumSet.of(User.Role.SME));
        LABELERS.forEach(name -> ensureUser(name, EnumSet.of(User.Role.LABELER)));
        if (!Files.isDirectory(sampleData)) {
            LOG.warnf("Demo: no sample data at %s; only the demo users were created.", sampleData.toAbsolutePath());
            return;
        }
        try (Stream<Path> dirs = Files.list(sampleData)) {
            for (Path spec : dirs.map(d -> d.resolve("project.json")).filter(Files::isRegularFile).sorted().toList()) {
                seedProject(spec, guides);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureUser(String username, Set<User.Role> roles) {
        boolean exists = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).isPresent());
        if (!exists) users.create(new UserService.NewUser(username, DEMO_PASSWORD, roles));
    }

    private void seedProject(Path specFile, Path guides) throws IOException {
        JsonNode spec = json.readTree(specFile.toFile());
        String slug = spec.path("slug").asText();
        if (QuarkusTransaction.requiringNew().call(() -> Project.findBySlug(slug).isPresent())) return;
        Path dir = specFile.getParent();
        String guide = spec.hasNonNull("guide") && Files.exists(guides.resolve(spec.get("guide").asText()))
                ? Files.readString(guides.resolve(spec.get("guide").asText())) : null;
        Project project = projects.create(new ProjectService.NewProject(slug, spec.path("name").asText(slug),
                spec.path("modality").asText(), ProjectService.labelSpecs(spec.get("labels")), spec.path("overlap").asInt(3),
                spec.hasNonNull("agreementThreshold") ? spec.get("agreementThreshold").asDouble() : null, null,
                text(spec, "keyColumn"), text(spec, "textColumn"), guide));
        Path source = dir.resolve(spec.path("examples").asText());
        int imported;
        if (project.isMedia()) {
            List<ExampleImporter.Upload> uploads = new ArrayList<>();
            try (Stream<Path> files = Files.list(source)) {
                files.filter(Files::isRegularFile).sorted()
                        .forEach(f -> uploads.add(new ExampleImporter.Upload(f.getFileName().toString(), f)));
            }
            String metadata = text(spec, "metadata");
            if (metadata != null && Files.exists(dir.resolve(metadata))) {
                uploads.add(new ExampleImporter.Upload(ExampleImporter.METADATA_FILE, dir.resolve(metadata)));
            }
            imported = examples.importMedia(project, uploads);
        } else {
            imported = examples.importRows(project, new ExampleImporter.Upload(source.getFileName().toString(), source),
                    text(spec, "keyColumn"), text(spec, "textColumn"),
                    text(spec, "hiddenColumns") == null ? List.of() : List.of(text(spec, "hiddenColumns").split(",")));
        }
        int labels = 0;
        String demoLabels = text(spec, "demoLabels");
        if (demoLabels != null && Files.exists(dir.resolve(demoLabels))) {
            try (Reader reader = Files.newBufferedReader(dir.resolve(demoLabels))) {
                labels = annotations.importCsv(project, reader).total();
            }
        }
        LOG.infof("Demo: project '%s' with %d examples and %d prior labels.", slug, imported, labels);
    }

    private static String text(JsonNode spec, String field) {
        return spec.hasNonNull(field) ? spec.get(field).asText() : null;
    }
}
