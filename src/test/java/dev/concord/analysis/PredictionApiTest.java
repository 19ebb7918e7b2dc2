package dev.concord.analysis;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Error analysis through the API, checked against the course's speech example: slices clean /
 * car noise / people noise / low bandwidth with 60/4/30/6 % of the data, model accuracy
 * 94/89/87/70 % and HLP 95/93/89/70 % → gaps 1/4/2/0 points, potentials 0.6/0.16/0.6/0 %.
 */
@QuarkusTest
class PredictionApiTest {

    /** Slice name, examples, HLP misses, model misses: 5,000 examples, so every percentage is a whole count. */
    private static final Object[][] SPEECH = {
            {"clean", 3000, 150, 180},
            {"car noise", 200, 14, 22},
            {"people noise", 1500, 165, 195},
            {"low bandwidth", 300, 90, 90},
    };

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification precise(RequestSpecification spec) {
        return spec.config(io.restassured.RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) s.setObject(i + 1, parameters[i]);
            s.executeUpdate();
        }
    }

    /**
     * One labeler per example and an SME resolution 'a' on every example, so HLP is the share of
     * labels equal to 'a'; the first misses of each slice are labeled 'b'. Released as version 1.
     */
    private String speechProject() throws SQLException {
        String slug = Api.textProjectWith(1, 5000, "a", "b");
        String labeler = "ann-" + slug.substring(slug.length() - 8);
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        int position = 0;
        for (Object[] slice : SPEECH) {
            int n = (int) slice[1];
            int hlpMisses = (int) slice[2];
            for (int i = 0; i < n; i++) {
                position++;
                labels.append("ex").append(position).append(',').append(labeler).append(',').append(i < hlpMisses ? "b" : "a").append('\n');
            }
        }
        admin().multiPart("file", "labels.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        long base = ThreadLocalRandom.current().nextLong(1_000_000_000L, 900_000_000_000L);
        sql("insert into review (id, project_id, example_id, status, reasons, resolution, version, label_round, created_at, updated_at)"
                + " select cast(? as bigint) + e.position, e.project_id, e.id, 'RESOLVED', 'disagreement', 'a', 2, 1, current_timestamp,"
                + " current_timestamp from example e join project p on p.id = e.project_id where p.slug = ?", base, slug);
        int from = 1;
        for (Object[] slice : SPEECH) {
            int to = from + (int) slice[1] - 1;
            sql("update example set metadata = ? where project_id = (select id from project where slug = ?)"
                    + " and cast(substring(ex_key, 3) as integer) between ? and ?", "{\"noise\":\"" + slice[0] + "\"}", slug, from, to);
            from = to + 1;
        }
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 0.8, "test", 0.2), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("examples", equalTo(5000));
        return slug;
    }

    /** Predictions with the given model misses per slice (the first ones of each slice are 'b'). */
    private static String predictions() {
        StringBuilder csv = new StringBuilder("key,prediction,score\n");
        int position = 0;
        for (Object[] slice : SPEECH) {
            int n = (int) slice[1];
            int misses = (int) slice[3];
            for (int i = 0; i < n; i++) {
                position++;
                csv.append("ex").append(position).append(',').append(i < misses ? "b" : "a").append(",0.").append(position % 10).append('\n');
            }
        }
        return csv.toString();
    }

    private static ValidatableResponse upload(String slug, int version, String model, String name, String body) {
        return admin().multiPart("file", name, body.getBytes(StandardCharsets.UTF_8), name.endsWith(".csv") ? "text/csv" : "application/x-ndjson")
                .queryParam("model", model).post("/api/projects/" + slug + "/datasets/" + version + "/predictions").then();
    }

    @Test
    void theCourseSpeechTableRanksTheSlicesByPotential() throws SQLException {
        String slug = speechProject();
        int run = upload(slug, 1, "speech-v1", "predictions.csv", predictions()).statusCode(201)
                .body("predictions", equalTo(5000)).body("model", equalTo("speech-v1")).extract().path("run");

        String analysis = "/api/projects/" + slug + "/datasets/1/predictions/" + run + "/analysis";
        precise(admin()).get(analysis).then().statusCode(200)
                .body("sliceField", equalTo("noise"))
                .body("examples", equalTo(5000))
                .body("accuracy", closeTo((2820 + 178 + 1305 + 210) / 5000.0, 1e-12))
                .body("slices.slice", equalTo(List.of("noise=clean", "noise=people noise", "noise=car noise", "noise=low bandwidth")))
                .body("slices.share", equalTo(List.of(0.6, 0.3, 0.04, 0.06)))
                .body("slices[0].accuracy", closeTo(0.94, 1e-12)).body("slices[0].hlp", closeTo(0.95, 1e-12))
                .body("slices[0].gap", closeTo(0.01, 1e-12)).body("slices[0].potential", closeTo(0.006, 1e-12))
                .body("slices[1].accuracy", closeTo(0.87, 1e-12)).body("slices[1].hlp", closeTo(0.89, 1e-12))
                .body("slices[1].gap", closeTo(0.02, 1e-12)).body("slices[1].potential", closeTo(0.006, 1e-12))
                .body("slices[2].accuracy", closeTo(0.89, 1e-12)).body("slices[2].hlp", closeTo(0.93, 1e-12))
                .body("slices[2].gap", closeTo(0.04, 1e-12)).body("slices[2].potential", closeTo(0.0016, 1e-12))
                .body("slices[3].accuracy", closeTo(0.70, 1e-12)).body("slices[3].hlp", closeTo(0.70, 1e-12))
                .body("slices[3].gap", closeTo(0.0, 1e-12)).body("slices[3].potential", closeTo(0.0, 1e-12))
                .body("slices[2].contradictions", equalTo(22))
                .body("slices[0].hlpCI95.size()", equalTo(2));

        // By class, and on one split only: the test split's 20% of the examples.
        precise(admin()).queryParam("slice", "class").get(analysis).then().statusCode(200)
                .body("slices.slice", equalTo(List.of("class=a")));
        long testExamples = ((Number) precise(admin()).queryParam("split", "test").get(analysis).then().statusCode(200)
                .body("split", equalTo("test")).extract().path("examples")).longValue();
        assertEquals(1000, testExamples, 100, "about a fifth of the examples are in the test split");
        admin().queryParam("split", "holdout").get(analysis).then().statusCode(400).body("message", containsString("no split 'holdout'"));

        // The contradictions of one slice, each with the released label and the model's answer.
        admin().queryParam("value", "noise=car noise").get("/api/projects/" + slug + "/datasets/1/predictions/" + run + "/contradictions")
                .then().statusCode(200).body("total", equalTo(22)).body("items[0].released", equalTo("a"))
                .body("items[0].predicted", equalTo("b"));
    }

    @Test
    void badPredictionFilesAreRefusedWholeAndListEachProblem() throws SQLException {
        String slug = Api.textProjectWith(1, 4, "a", "b");
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= 3; i++) labels.append("ex").append(i).append(",ann,a\n");
        admin().multiPart("file", "labels.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("examples", equalTo(3));

        // ex4 exists but was not released (no label); nope exists nowhere; ex1 twice; 'c' is no label; a bad score.
        upload(slug, 1, "m", "p.csv", "key,prediction,score\nex1,a,0.9\nex4,a,\nnope,a,\nex1,b,\nex2,c,\nex3,a,high\n")
                .statusCode(400).body("error", equalTo("bad_request"))
                .body("message", containsString("5 problems"))
                .body("details.line", equalTo(List.of(3, 4, 5, 6, 7)))
                .body("details[0].message", containsString("'ex4' is not an example of dataset version 1"))
                .body("details[2].message", containsString("already predicted on line 2"))
                .body("details[3].message", containsString("'c' is not one of this project's labels"))
                .body("details[4].message", containsString("'high' is not a number"));
        upload(slug, 1, "m", "p.jsonl", "{\"key\":\"ex1\",\"prediction\":\"a\"}\n{\"key\":\"ex2\"}\nnot json\n")
                .statusCode(400).body("details.line", equalTo(List.of(2, 3)));
        upload(slug, 1, "m", "p.csv", "id,label\nex1,a\n").statusCode(400).body("message", containsString("header 'key,prediction'"));
        upload(slug, 1, "m", "p.csv", "key,prediction\n").statusCode(400).body("message", containsString("no predictions"));
        upload(slug, 1, "", "p.csv", "key,prediction\nex1,a\n").statusCode(400).body("message", containsString("?model="));
        upload(slug, 2, "m", "p.csv", "key,prediction\nex1,a\n").statusCode(404);
        admin().get("/api/projects/" + slug + "/datasets/1/predictions").then().statusCode(200).body("total", equalTo(0));

        // JSON lines work too.
        upload(slug, 1, "m", "p.jsonl", "{\"key\":\"ex1\",\"prediction\":\"a\",\"score\":0.75}\n\n{\"key\":\"ex2\",\"prediction\":\"b\"}\n")
                .statusCode(201).body("predictions", equalTo(2));
    }

    @Test
    void aRunStaysWithItsVersionWhenASuccessorIsReleased() throws SQLException {
        String slug = Api.textProjectWith(1, 6, "a", "b");
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= 4; i++) labels.append("ex").append(i).append(",ann,").append(i == 4 ? "b" : "a").append('\n');
        admin().multiPart("file", "labels.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        int run = upload(slug, 1, "m", "p.csv", "key,prediction\nex1,a\nex2,b\nex3,a\nex4,a\n").statusCode(201).extract().path("run");
        String analysis = "/api/projects/" + slug + "/datasets/1/predictions/" + run + "/analysis";
        Object before = precise(admin()).queryParam("slice", "class").get(analysis).then().statusCode(200)
                .body("examples", equalTo(4)).body("accuracy", closeTo(0.5, 1e-12)).extract().path("slices");

        // More labels, a second version: version 1 and its run are unchanged.
        admin().multiPart("file", "labels.csv", "example,labeler,label\nex5,ann,b\nex6,ann,b\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("version", equalTo(2));
        precise(admin()).queryParam("slice", "class").get(analysis).then().statusCode(200)
                .body("examples", equalTo(4)).body("slices", equalTo(before));
        admin().get("/api/projects/" + slug + "/datasets/2/predictions").then().statusCode(200).body("total", equalTo(0));
        admin().get("/api/projects/" + slug + "/datasets/2/predictions/" + run + "/analysis").then().statusCode(404);
        // ex5 is not in version 1.
        upload(slug, 1, "m2", "p.csv", "key,prediction\nex5,b\n").statusCode(400);
    }

    @Test
    void contradictionsGoToTheSmeWithTheReasonModel() throws SQLException {
        String slug = Api.textProjectWith(1, 3, "a", "b");
        admin().multiPart("file", "labels.csv", "example,labeler,label\nex1,ann,a\nex2,ann,a\nex3,ann,b\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        int run = upload(slug, 1, "m", "p.csv", "key,prediction\nex1,b\nex2,a\nex3,a\n").statusCode(201).extract().path("run");
        String base = "/api/projects/" + slug + "/datasets/1/predictions/" + run;
        admin().get(base + "/contradictions").then().statusCode(200).body("items.key", equalTo(List.of("ex1", "ex3")));
        String sme = Api.user("SME");

        as(sme).contentType(ContentType.JSON).body(Map.of("keys", List.of("ex1", "ex3"))).post(base + "/review").then().statusCode(200)
                .body("flagged", equalTo(List.of("ex1", "ex3")));
        as(sme).get("/api/projects/" + slug + "/reviews?status=open").then().statusCode(200)
                .body("items.key", hasItem("ex1")).body("items.find { it.key == 'ex1' }.reasons", equalTo(List.of("model")));
        as(sme).get("/api/projects/" + slug + "/reviews").then().statusCode(200).body("counts.model", equalTo(2));
        // The page's form: back to where it was, and a "back" it did not write is ignored, never a 500.
        as(sme).contentType(ContentType.URLENC).formParam("run", run).formParam("key", "ex1").formParam("back", "?value=a b|<x>")
                .redirects().follow(false).post("/projects/" + slug + "/datasets/1/analysis/review").then().statusCode(303)
                .header("Location", containsString("/analysis?sent=1&settled=0"));
        as(sme).contentType(ContentType.JSON).body("{\"keys\": [null]}").post(base + "/review").then().statusCode(400);
        // An example deleted since the release is no longer offered, on the page sorted by key either.
        admin().delete("/api/projects/" + slug + "/examples/ex3").then().statusCode(204);
        admin().get(base + "/contradictions").then().statusCode(200).body("items.key", equalTo(List.of("ex1")));
        admin().queryParam("run", run).queryParam("slice", "class").queryParam("value", "class=b").queryParam("order", "key")
                .get("/projects/" + slug + "/datasets/1/analysis").then().statusCode(200);
        // Unknown keys flag nothing.
        as(sme).contentType(ContentType.JSON).body(Map.of("keys", List.of("ex2", "nope"))).post(base + "/review").then().statusCode(400);
        as(sme).get("/api/projects/" + slug + "/reviews").then().body("counts.model", equalTo(1));
    }

    /** The reason 'model' is staff's, not the labels': a label changed afterwards leaves it in the queue. */
    @Test
    void theModelReasonStaysWhenTheLabelsChange() {
        String slug = Api.textProjectWith(1, 1, "a", "b");
        String labeler = Api.user("LABELER");
        as(labeler).get("/api/projects/" + slug + "/queue/next").then().statusCode(200);
        as(labeler).contentType(ContentType.JSON).body(Map.of("label", "a")).put("/api/projects/" + slug + "/examples/ex1/labels/me")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("examples", equalTo(1));
        int run = upload(slug, 1, "m", "p.csv", "key,prediction\nex1,b\n").statusCode(201).extract().path("run");
        admin().contentType(ContentType.JSON).body(Map.of("keys", List.of("ex1")))
                .post("/api/projects/" + slug + "/datasets/1/predictions/" + run + "/review").then().statusCode(200);

        // Alone on the example, the labeler may still change their answer; 'uncertain' adds its own reason, then goes.
        as(labeler).contentType(ContentType.JSON).body(Map.of("label", "uncertain")).put("/api/projects/" + slug + "/examples/ex1/labels/me")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        admin().get("/api/projects/" + slug + "/reviews/ex1").then().statusCode(200).body("review.reasons", equalTo(List.of("uncertain", "model")));
        as(labeler).contentType(ContentType.JSON).body(Map.of("label", "b")).put("/api/projects/" + slug + "/examples/ex1/labels/me")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        admin().get("/api/projects/" + slug + "/reviews/ex1").then().statusCode(200).body("review.reasons", equalTo(List.of("model")));
    }

    @Test
    void labelersGetNoneOfIt() throws SQLException {
        String slug = Api.textProjectWith(1, 2, "a", "b");
        admin().multiPart("file", "labels.csv", "example,labeler,label\nex1,ann,a\nex2,ann,b\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        int run = upload(slug, 1, "m", "p.csv", "key,prediction\nex1,a\nex2,a\n").statusCode(201).extract().path("run");
        String labeler = Api.user("LABELER");
        String base = "/api/projects/" + slug + "/datasets/1/predictions";
        as(labeler).get(base).then().statusCode(403);
        as(labeler).get(base + "/" + run + "/analysis").then().statusCode(403);
        as(labeler).get(base + "/" + run + "/contradictions").then().statusCode(403);
        as(labeler).multiPart("file", "p.csv", "key,prediction\nex1,a\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("model", "m").post(base).then().statusCode(403);
        as(labeler).contentType(ContentType.JSON).body(Map.of("keys", List.of("ex1"))).post(base + "/" + run + "/review").then().statusCode(403);
        as(labeler).get("/projects/" + slug + "/datasets/1/analysis?run=" + run).then().statusCode(403);
        Api.anonymous().get(base).then().statusCode(401);
        admin().get(base + "/" + run + "/analysis").then().statusCode(200).body("slices[0].hlpCI95", nullValue());
    }
}
