package dev.concord.example;

import static dev.concord.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import dev.concord.base.ConcordConfig;
import dev.concord.project.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** After kill -9 during an import: the job does not stay RUNNING forever, and its files go. */
@QuarkusTest
class ImportRecoveryTest {
    @Inject
    ImportRecovery recovery;
    @Inject
    ConcordConfig config;

    private Path uploads() {
        return ImportJobs.uploadsDir(config.dataDir());
    }

    /** A job row as a process left it, with its upload on disk. */
    private static long job(String slug, ImportJob.Status status, Instant heartbeat, Path file) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = new ImportJob();
            job.projectId = Project.<Project>find("slug", slug).firstResult().id;
            job.kind = ImportJob.Kind.EXAMPLES;
            job.status = status;
            job.fileName = "data.csv";
            job.storedPath = file.toString();
            job.createdAt = Instant.now().minus(Duration.ofHours(1));
            job.updatedAt = job.createdAt;
            job.heartbeatAt = heartbeat;
            job.persist();
            return job.id;
        });
    }

    private static ImportJob reload(long id) {
        return QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>findById(id));
    }

    @Test
    void aJobWhoseProcessDiedFailsWithASentenceAndItsFilesGo() throws Exception {
        String slug = Api.project("text", 1, "pos", "neg");
        Files.createDirectories(uploads());
        Path deadFile = Files.writeString(uploads().resolve("dead-" + slug + ".upload"), "id,text\na,b\n");
        Path aliveFile = Files.writeString(uploads().resolve("alive-" + slug + ".upload"), "id,text\na,b\n");
        Path orphan = Files.writeString(uploads().resolve("orphan-" + slug + ".upload"), "id,text\na,b\n");
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path freshOrphan = Files.writeString(uploads().resolve("fresh-" + slug + ".upload"), "id,text\na,b\n");
        long dead = job(slug, ImportJob.Status.RUNNING, Instant.now().minus(Duration.ofMinutes(10)), deadFile);
        long alive = job(slug, ImportJob.Status.RUNNING, Instant.now(), aliveFile);

        assertTrue(recovery.recover(Instant.now()) >= 1);

        ImportJob failed = reload(dead);
        assertEquals(ImportJob.Status.FAILED, failed.status);
        assertEquals(ImportRecovery.INTERRUPTED, failed.message);
        assertFalse(Files.exists(deadFile), "the dead job's upload is removed");
        assertEquals(ImportJob.Status.RUNNING, reload(alive).status, "a job that still beats is left alone");
        assertTrue(Files.exists(aliveFile));
        assertFalse(Files.exists(orphan), "an upload no job waits for is removed once an hour old");
        assertTrue(Files.exists(freshOrphan), "a fresh upload may be about to get its job");
        // The page shows the failure instead of a job that never ends.
        admin().get("/projects/" + slug + "/import/" + dead).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Concord stopped while this import ran"));

        // Clean up what this test left as RUNNING.
        QuarkusTransaction.requiringNew().run(() -> ImportJob.update("status = ?1 where id = ?2", ImportJob.Status.FAILED, alive));
        Files.deleteIfExists(aliveFile);
        Files.deleteIfExists(freshOrphan);
    }

    @Test
    void aRequestsUploadLeftByADeadProcessIsRemovedOnceAnHourOld() throws Exception {
        // Where the HTTP layer writes a request's upload while receiving it; kill -9 mid-request leaves it.
        Path requestUploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        Files.createDirectories(requestUploads);
        Path partial = Files.writeString(requestUploads.resolve(Api.unique("partial")), "id,text\na,");
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path receiving = Files.writeString(requestUploads.resolve(Api.unique("receiving")), "id,text\na,");
        try {
            recovery.recover(Instant.now());

            assertFalse(Files.exists(partial), "a partial upload an hour old is removed");
            assertTrue(Files.exists(receiving), "an upload still being written is left alone");
        } finally {
            // Other tests expect this folder empty once their requests end.
            Files.deleteIfExists(partial);
            Files.deleteIfExists(receiving);
        }
    }

    @Test
    void aRunningImportBeatsSoItIsNeverTakenForDead() {
        String slug = Api.project("text", 1, "pos", "neg");
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < 2000; i++) csv.append("k").append(i).append(",text ").append(i).append('\n');
        String location = admin().redirects().follow(false).multiPart("file", "data.csv", csv.toString().getBytes(), "text/csv")
                .post("/projects/" + slug + "/import").then().statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        admin().redirects().follow(false).contentType(io.restassured.http.ContentType.URLENC).formParam("keyColumn", "id")
                .post(location + "/run").then().statusCode(303);
        ImportJob started = reload(id);
        assertTrue(started.heartbeatAt != null || started.status == ImportJob.Status.DONE, "the job beat when it started");
        long deadline = System.currentTimeMillis() + 30_000;
        while (reload(id).status == ImportJob.Status.RUNNING && System.currentTimeMillis() < deadline) {
            recovery.recover(Instant.now().plus(Duration.ofMinutes(10))); // even a late sweep leaves this process's own job alone
        }
        assertEquals(ImportJob.Status.DONE, reload(id).status);
        admin().get("/api/projects/" + slug + "/examples").then().body("total", equalTo(2000));
    }
}
