package dev.concord.web;

import static dev.concord.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Hostile request shapes get a 4xx with the error body, never a 5xx or an out-of-memory. */
@QuarkusTest
class LimitsTest {

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        admin().contentType(ContentType.JSON).body("{\"slug\":\"x\",\"labels\":" + deep + "}").post("/api/projects")
                .then().statusCode(400).body("error", not(nullValue()));
    }

    @Test
    void tooManyFormFieldsIs4xx() {
        StringBuilder form = new StringBuilder("username=a&password=b");
        for (int i = 0; i < 5000; i++) form.append("&f").append(i).append("=x");
        given().contentType(ContentType.URLENC).body(form.toString()).post("/login")
                .then().statusCode(413).body(org.hamcrest.Matchers.containsString("too many fields"));
    }

    @Test
    void wrongMediaTypeIs415WithTheErrorBody() {
        admin().contentType(ContentType.XML).body("<project/>").post("/api/projects")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void unknownApiPathsAre404Json() {
        admin().get("/api/nothing-here").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void wrongMethodIs405Json() {
        admin().delete("/api/projects").then().statusCode(405).body("error", equalTo("method_not_allowed"));
    }
}
