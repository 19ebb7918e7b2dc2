package dev.concord.example;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Columns staff hide at import (the course CSV's CLASS is the answer) never reach a labeler — not
 * in queue/next, the label-and-next answer, the labeling page or the feedback page — and stay in
 * the data and the exports.
 */
@QuarkusTest
class HiddenColumnsTest {

    private static final String CSV = "COMMENT_ID,AUTHOR,CONTENT,CLASS\n"
            + "c1,Ann,Subscribe to my channel,SECRET-ANSWER-1\n"
            + "c2,Bob,Love this song,SECRET-ANSWER-0\n";

    private static io.restassured.response.ValidatableResponse importRows(String slug, String hidden) {
        return admin().multiPart("file", "comments.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("keyColumn", "COMMENT_ID").queryParam("hiddenColumns", hidden)
                .post("/api/projects/" + slug + "/examples").then();
    }

    @Test
    void aHiddenColumnNeverReachesALabelerAndIsInTheExport() {
        String slug = Api.project("row", 1, "spam", "not_spam");
        importRows(slug, "CLASS").statusCode(201).body("imported", equalTo(2));
        String labeler = Api.user("LABELER");

        String next = as(labeler).get("/api/projects/" + slug + "/queue/next").then().statusCode(200)
                .body("data.AUTHOR", org.hamcrest.Matchers.notNullValue()).extract().asString();
        assertFalse(next.contains("SECRET") || next.contains("CLASS"), next);
        String key = io.restassured.path.json.JsonPath.from(next).getString("key");
        String labeled = as(labeler).contentType(ContentType.JSON).body(Map.of("label", "spam"))
                .put("/api/projects/" + slug + "/examples/" + key + "/labels/me?next=true").then().statusCode(201).extract().asString();
        assertTrue(labeled.contains("\"next\""), labeled);
        assertFalse(labeled.contains("SECRET") || labeled.contains("CLASS"), labeled);
        String page = as(labeler).get("/projects/" + slug + "/label").then().statusCode(200).extract().asString();
        assertFalse(page.contains("SECRET"), "the labeling page");
        String mine = as(labeler).get("/api/projects/" + slug + "/labels/me").then().statusCode(200).extract().asString();
        assertFalse(mine.contains("SECRET"), mine);

        // Staff still have it: the release exports the column with its values.
        String other = "c1".equals(key) ? "c2" : "c1";
        as(labeler).contentType(ContentType.JSON).body(Map.of("label", "not_spam"))
                .put("/api/projects/" + slug + "/examples/" + other + "/labels/me").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1, "labelColumn", "CLASS"))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        String csv = admin().get("/api/projects/" + slug + "/datasets/1/data.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("COMMENT_ID,AUTHOR,CONTENT,CLASS"), csv);
        String jsonl = admin().get("/api/projects/" + slug + "/datasets/1/data.jsonl").then().statusCode(200).extract().asString();
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        String v2 = admin().get("/api/projects/" + slug + "/datasets/2/data.jsonl").then().statusCode(200).extract().asString();
        assertTrue(v2.contains("SECRET-ANSWER-1") && v2.contains("SECRET-ANSWER-0"), "the hidden column's values are exported: " + v2);
        assertTrue(jsonl.contains("\"CLASS\""), jsonl);
    }

    @Test
    void aLaterImportKeepsTheColumnHidden() {
        String slug = Api.project("row", 1, "spam", "not_spam");
        importRows(slug, "CLASS").statusCode(201);
        admin().multiPart("file", "more.csv", "COMMENT_ID,AUTHOR,CONTENT,CLASS\nc3,Cid,Check my page,SECRET-ANSWER-3\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201);
        String labeler = Api.user("LABELER");
        for (int i = 0; i < 3; i++) {
            String next = as(labeler).get("/api/projects/" + slug + "/queue/next").then().statusCode(200).extract().asString();
            assertFalse(next.contains("SECRET"), next);
            String key = io.restassured.path.json.JsonPath.from(next).getString("key");
            as(labeler).contentType(ContentType.JSON).body(Map.of("label", "spam")).put("/api/projects/" + slug + "/examples/" + key + "/labels/me")
                    .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        }
    }

    @Test
    void unknownKeyOrTextColumnsCannotBeHiddenAndNothingIsStored() {
        String slug = Api.project("row", 1, "spam", "not_spam");
        importRows(slug, "LABEL").statusCode(400).body("message", containsString("'LABEL' to hide from labelers is not in the file"));
        importRows(slug, "COMMENT_ID").statusCode(400).body("message", containsString("is the key column"));
        assertEquals(0, Api.count(slug, "examples"));
        String text = Api.project("text", 1, "spam", "not_spam");
        admin().multiPart("file", "t.csv", "id,text,CLASS\na,hello,1\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("hiddenColumns", "text").post("/api/projects/" + text + "/examples").then().statusCode(400)
                .body("message", containsString("is the text column"));
    }
}
