package dev.concord.project;

import static dev.concord.Api.admin;
import static dev.concord.Api.anonymous;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectApiTest {

    @Test
    void adminCreatesAProjectAndEveryLabelerSeesIt() {
        String slug = Api.unique("phones");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Phones", "modality", "image",
                        "labels", List.of("scratch", Map.of("name", "dent", "code", "2"), "none"), "overlap", 3))
                .post("/api/projects")
                .then().statusCode(201)
                .body("slug", equalTo(slug))
                .body("labels", contains("scratch", "dent", "none"))
                .body("labelSet[1].code", equalTo("2"))
                .body("overlap", equalTo(3))
                .body("agreementThreshold", equalTo(0.5f))
                .body("counts.examples", equalTo(0))
                .body("guideVersion", equalTo(1));
        String labeler = Api.user("LABELER");
        as(labeler).get("/api/projects").then().statusCode(200).body("items.slug", hasItem(slug));
        as(labeler).get("/api/projects/" + slug).then().statusCode(200).body("name", equalTo("Phones"));
    }

    static List<Map<String, Object>> invalidSpecs() {
        return List.of(
                Map.of("name", "x", "modality", "text", "labels", List.of(), "overlap", 1),
                Map.of("name", "x", "modality", "text", "labels", List.of("a", "a"), "overlap", 1),
                Map.of("name", "x", "modality", "text", "labels", List.of("a", "uncertain"), "overlap", 1),
                Map.of("name", "x", "modality", "text", "labels", List.of("a", " padded"), "overlap", 1),
                Map.of("name", "x", "modality", "text", "labels", List.of("a", "b"), "overlap", 0),
                Map.of("name", "x", "modality", "video", "labels", List.of("a", "b"), "overlap", 1),
                Map.of("name", "x", "modality", "text", "labels", List.of("a", "b"), "overlap", 1, "agreementThreshold", 1.5),
                Map.of("name", "", "modality", "text", "labels", List.of("a", "b"), "overlap", 1),
                Map.of("name", "x", "modality", "text", "labels", "a,b", "overlap", 1));
    }

    @ParameterizedTest
    @MethodSource("invalidSpecs")
    void invalidSpecsAre400AndStoreNothing(Map<String, Object> spec) {
        String slug = Api.unique("bad");
        Map<String, Object> body = new java.util.HashMap<>(spec);
        body.put("slug", slug);
        admin().contentType(ContentType.JSON).body(body).post("/api/projects")
                .then().statusCode(400).body("error", not(equalTo(null))).body("message", not(equalTo(null)));
        admin().get("/api/projects/" + slug).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void badSlugsAre400() {
        for (String slug : List.of("Has Capitals", "-dash", "dash-", "a/b", "x".repeat(65), "")) {
            admin().contentType(ContentType.JSON)
                    .body(Map.of("slug", slug, "name", "x", "modality", "text", "labels", List.of("a"), "overlap", 1))
                    .post("/api/projects").then().statusCode(400).body("details.field", hasItem("slug"));
        }
    }

    @Test
    void duplicateSlugIs409() {
        String slug = Api.project("text", 1, "a", "b");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "again", "modality", "text", "labels", List.of("a"), "overlap", 1))
                .post("/api/projects").then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void malformedJsonIs400WithTheErrorBody() {
        admin().contentType(ContentType.JSON).body("{\"slug\": ").post("/api/projects")
                .then().statusCode(400).body("error", not(equalTo(null))).body("message", not(equalTo(null)));
    }

    @Test
    void restrictedProjectIsInvisibleToNonMembers() {
        String member = Api.user("LABELER");
        String outsider = Api.user("LABELER");
        String slug = Api.project("text", 1, List.of(member), "a", "b");
        as(member).get("/api/projects/" + slug).then().statusCode(200);
        as(outsider).get("/api/projects/" + slug).then().statusCode(404);
        as(outsider).get("/api/projects").then().body("items.slug", not(hasItem(slug)));
        admin().put("/api/projects/" + slug + "/members/" + outsider).then().statusCode(204);
        as(outsider).get("/api/projects/" + slug).then().statusCode(200);
        admin().delete("/api/projects/" + slug + "/members/" + outsider).then().statusCode(204);
        as(outsider).get("/api/projects/" + slug).then().statusCode(404);
    }

    @Test
    void onlyAdminsCreateProjects() {
        String sme = Api.user("SME");
        String labeler = Api.user("LABELER");
        Map<String, Object> body = Map.of("slug", Api.unique("x"), "name", "x", "modality", "text", "labels", List.of("a"), "overlap", 1);
        as(labeler).contentType(ContentType.JSON).body(body).post("/api/projects").then().statusCode(403).body("error", equalTo("forbidden"));
        as(sme).contentType(ContentType.JSON).body(body).post("/api/projects").then().statusCode(403);
        anonymous().contentType(ContentType.JSON).body(body).post("/api/projects").then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void countsFollowImports() {
        String slug = Api.textProjectWith(2, 5, "a", "b");
        assertEquals(5, Api.count(slug, "examples"));
        assertEquals(0, Api.count(slug, "labels"));
        admin().get("/api/projects/" + slug + "/examples?size=2").then().statusCode(200)
                .body("total", equalTo(5)).body("items.key", contains("ex1", "ex2")).body("items[0].status", equalTo("new"));
    }

    @Test
    void errorsNeverLeakClassNames() {
        admin().contentType(ContentType.JSON).body("[1,2]").post("/api/projects")
                .then().statusCode(400).body(not(containsString("Exception"))).body(not(containsString("com.fasterxml")));
    }
}
