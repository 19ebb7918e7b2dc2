package dev.concord.removal;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

/** Deleting examples and projects: what hangs on them goes, released versions stay byte-identical, shared media stays. */
@QuarkusTest
class RemovalTest {

    private static String labeledAndReleased(int examples) {
        String slug = Api.textProjectWith(1, examples, "a", "b");
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= examples; i++) labels.append("ex").append(i).append(",ann,").append(i % 2 == 0 ? "a" : "b").append('\n');
        admin().multiPart("file", "l.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        return slug;
    }

    @Test
    void examplesGoWithTheirLabelsAndTheReleasedVersionStaysTheSame() {
        String slug = labeledAndReleased(4);
        byte[] before = admin().get("/api/projects/" + slug + "/datasets/1/data.csv").then().statusCode(200).extract().asByteArray();

        admin().contentType(ContentType.JSON).body(Map.of("keys", List.of("ex1", "nope", "ex2", "other")))
                .post("/api/projects/" + slug + "/examples/delete").then().statusCode(400)
                .body("message", containsString("Nothing was deleted: 2 keys are not in this project")).body("details", equalTo(List.of("nope", "other")));
        assertEquals(4, Api.count(slug, "examples"));
        admin().contentType(ContentType.JSON).body("{\"keys\": [null, \"ex1\"]}").post("/api/projects/" + slug + "/examples/delete")
                .then().statusCode(400);
        assertEquals(4, Api.count(slug, "examples"));

        admin().contentType(ContentType.JSON).body(Map.of("keys", List.of("ex1", "ex2")))
                .post("/api/projects/" + slug + "/examples/delete").then().statusCode(200).body("deleted", equalTo(2));
        admin().delete("/api/projects/" + slug + "/examples/ex3").then().statusCode(204);
        admin().delete("/api/projects/" + slug + "/examples/ex3").then().statusCode(404);
        assertEquals(1, Api.count(slug, "examples"));
        admin().get("/api/projects/" + slug + "/examples").then().body("items.key", equalTo(List.of("ex4")));
        // Their labels went with them: a new release holds ex4 alone.
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("examples", equalTo(1))
                .body("diff.removed.count", equalTo(3));
        byte[] after = admin().get("/api/projects/" + slug + "/datasets/1/data.csv").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(before, after, "version 1 is byte-identical");
        assertEquals(DigestUtils.sha256Hex(after), admin().get("/api/projects/" + slug + "/datasets/1/manifest.json").then()
                .extract().path("files.'data.csv'.sha256"));
    }

    @Test
    void aProjectGoesAndMediaOtherProjectsUseStays() throws Exception {
        byte[] shared = Api.png(901);
        byte[] own = Api.png(902);
        String first = Api.project("image", 1, "scratch", "none");
        String second = Api.project("image", 1, "scratch", "none");
        admin().multiPart("file", "shared.png", shared, "image/png").post("/api/projects/" + first + "/examples").then().statusCode(201);
        admin().multiPart("file", "own.png", own, "image/png").post("/api/projects/" + first + "/examples").then().statusCode(201);
        admin().multiPart("file", "shared.png", shared, "image/png").post("/api/projects/" + second + "/examples").then().statusCode(201);
        Path sharedFile = mediaFile(DigestUtils.sha256Hex(shared));
        Path ownFile = mediaFile(DigestUtils.sha256Hex(own));
        assertTrue(Files.exists(sharedFile) && Files.exists(ownFile));

        String sme = Api.user("SME");
        as(sme).delete("/api/projects/" + first).then().statusCode(403);
        admin().delete("/api/projects/" + first).then().statusCode(204);
        admin().get("/api/projects/" + first).then().statusCode(404);
        admin().delete("/api/projects/" + first).then().statusCode(404);
        assertFalse(Files.exists(ownFile), "media only the deleted project used is removed");
        assertTrue(Files.exists(sharedFile), "media another project uses stays");
        admin().get("/api/projects/" + second + "/examples/shared.png/media").then().statusCode(200);

        admin().delete("/api/projects/" + second + "/examples/shared.png").then().statusCode(204);
        assertFalse(Files.exists(sharedFile), "the last example using it took it along");
    }

    /** A wrong file imported from the import page is taken back whole; what the API imported stays. */
    @Test
    void oneImportIsTakenBackWhole() throws Exception {
        String slug = Api.textProjectWith(1, 2, "a", "b"); // ex1, ex2 through the API
        String location = admin().multiPart("file", "more.csv", "id,text\nm1,one\nm2,two\nm3,three\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("kind", "examples").redirects().follow(false).post("/projects/" + slug + "/import")
                .then().statusCode(303).extract().header("Location");
        long job = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        admin().contentType(ContentType.URLENC).formParam("keyColumn", "id").formParam("textColumn", "text").redirects().follow(false)
                .post("/projects/" + slug + "/import/" + job + "/run").then().statusCode(303);
        long deadline = System.currentTimeMillis() + 20_000;
        while (Api.count(slug, "examples") < 5 && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertEquals(5, Api.count(slug, "examples"));
        admin().get("/projects/" + slug + "/import/" + job).then().statusCode(200).body(containsString("Delete the 3 examples it brought in"));

        admin().contentType(ContentType.JSON).body(Map.of("import", job)).post("/api/projects/" + slug + "/examples/delete").then()
                .statusCode(200).body("deleted", equalTo(3));
        admin().get("/api/projects/" + slug + "/examples").then().body("items.key", equalTo(List.of("ex1", "ex2")));
        admin().contentType(ContentType.JSON).body(Map.of("import", job, "keys", List.of("ex1"))).post("/api/projects/" + slug + "/examples/delete")
                .then().statusCode(400);
        // From the page, again: nothing left of that import.
        admin().redirects().follow(false).post("/projects/" + slug + "/import/" + job + "/examples/delete").then().statusCode(303)
                .header("Location", containsString("deleted=0"));
        assertEquals(2, Api.count(slug, "examples"));
    }

    private static Path mediaFile(String sha) {
        return Path.of("target", "test-data", "media", sha.substring(0, 2), sha);
    }

    @Test
    void onlyAdminsDeleteAndThePageAsksForTheSlug() {
        String slug = labeledAndReleased(2);
        String labeler = Api.user("LABELER");
        as(labeler).delete("/api/projects/" + slug + "/examples/ex1").then().statusCode(403);
        as(labeler).contentType(ContentType.JSON).body(Map.of("keys", List.of("ex1"))).post("/api/projects/" + slug + "/examples/delete").then().statusCode(403);
        Api.anonymous().delete("/api/projects/" + slug).then().statusCode(401);

        admin().contentType(ContentType.URLENC).formParam("confirm", "not-it").redirects().follow(false)
                .post("/projects/" + slug + "/delete").then().statusCode(303).header("Location", containsString("deleteRefused=1"));
        admin().get("/api/projects/" + slug).then().statusCode(200);
        admin().contentType(ContentType.URLENC).formParam("confirm", slug).redirects().follow(false)
                .post("/projects/" + slug + "/delete").then().statusCode(303).header("Location", containsString("/?deleted=" + slug));
        admin().get("/api/projects/" + slug).then().statusCode(404);
    }
}
