package dev.concord.web;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import dev.concord.base.Urls;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Example keys with '/', '?', '#', '%', '&' and spaces work in every API route and page link. */
@QuarkusTest
class KeyLinksTest {
    static final String KEY = "a b/c?d#e%f&g";

    @Test
    void anAwkwardKeyWorksThroughTheApiAndThePages() {
        String a = Api.user("LABELER");
        String b = Api.user("LABELER");
        String sme = Api.user("SME");
        String slug = Api.project("text", 2, "pos", "neg");
        Api.importCsv(slug, "id,text\n\"" + KEY + "\",some text\nplain,other text\n");
        String path = "/api/projects/" + slug + "/examples/" + Urls.pathSegment(KEY);
        // The path is encoded here, once, as a client must (RestAssured would encode it again).
        as(a).urlEncodingEnabled(false).contentType(ContentType.JSON).body(Map.of("label", "pos")).put(path + "/labels/me").then().statusCode(201).body("key", equalTo(KEY));
        as(b).urlEncodingEnabled(false).contentType(ContentType.JSON).body(Map.of("label", "neg")).put(path + "/labels/me").then().statusCode(201);
        as(sme).urlEncodingEnabled(false).get("/api/projects/" + slug + "/reviews/" + Urls.pathSegment(KEY)).then().statusCode(200).body("review.key", equalTo(KEY));

        // The queue page links to the case; following the link opens it.
        String queue = as(sme).get("/projects/" + slug + "/review").then().statusCode(200).extract().asString();
        Matcher link = Pattern.compile("href=\"(/projects/" + slug + "/review/[^\"]+)\"").matcher(queue);
        assertTrue(link.find(), "the queue links to the case");
        String casePage = as(sme).urlEncodingEnabled(false).get(link.group(1).replace("&amp;", "&")).then().statusCode(200).extract().asString();
        assertTrue(casePage.contains("review of " + KEY.replace("&", "&amp;")), "the case page is the example's");

        // The resolution form on that page posts to the case's own address.
        Matcher form = Pattern.compile("action=\"(/projects/" + slug + "/review/[^\"]+/resolution)\"").matcher(casePage);
        assertTrue(form.find());
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(casePage);
        assertTrue(version.find());
        as(sme).urlEncodingEnabled(false).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("label", "pos").formParam("rationale", "positive").formParam("version", version.group(1))
                .post(form.group(1)).then().statusCode(303);
        as(a).get("/api/projects/" + slug + "/outcomes/me").then().body("items.key", equalTo(List.of(KEY)))
                .body("items[0].resolution", equalTo("pos"));
        as(a).urlEncodingEnabled(false).get(path + "/outcome").then().statusCode(200).body("rationale", containsString("positive"));

        // The labeler's feedback page replies to the example's own discussion.
        String feedback = as(a).get("/projects/" + slug + "/feedback").then().statusCode(200).extract().asString();
        Matcher reply = Pattern.compile("action=\"(/projects/" + slug + "/review/[^\"]+/comments)\"").matcher(feedback);
        assertTrue(reply.find(), "the feedback page has a reply form");
        as(a).urlEncodingEnabled(false).redirects().follow(false).contentType(ContentType.URLENC).formParam("text", "thanks")
                .post(reply.group(1)).then().statusCode(303);
        as(a).urlEncodingEnabled(false).get("/api/projects/" + slug + "/reviews/" + Urls.pathSegment(KEY) + "/comments").then()
                .statusCode(200).body("items.text", hasItem("thanks"));
    }

    @Test
    void dotKeysAreRefusedBecauseAddressesResolveThemAway() {
        String slug = Api.project("text", 1, "pos", "neg");
        admin().multiPart("file", "data.csv", "id,text\n..,up\n.,here\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400).body("error", equalTo("bad_rows"))
                .body("details.line", equalTo(List.of(2, 3))).body("details[0].message", containsString("'..' is not allowed"));
        assertEquals(0, Api.count(slug, "examples"));
    }
}
