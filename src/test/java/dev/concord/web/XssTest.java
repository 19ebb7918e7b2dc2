package dev.concord.web;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User-controlled text is escaped on every page that shows it. */
@QuarkusTest
class XssTest {
    static final String SCRIPT = "<script>alert('x')</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";

    @Test
    void projectNamesAndLabelNamesRenderInert() {
        String slug = Api.unique("xss");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Evil " + SCRIPT, "modality", "text", "labels", List.of(IMG, "ok"), "overlap", 1,
                        "guide", "# Guide\n\n" + SCRIPT + "\n\n[click](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">x</a>"))
                .post("/api/projects").then().statusCode(201);
        String labeler = Api.user("LABELER");
        for (String page : List.of("/", "/projects/" + slug, "/projects/" + slug + "/guide")) {
            as(labeler).accept(ContentType.HTML).get(page).then().statusCode(200)
                    .body(not(containsString(SCRIPT)))
                    .body(not(containsString(IMG)))
                    .body(not(containsString("href=\"javascript")))
                    .body(not(containsString("onclick=\"")));
        }
        as(labeler).get("/projects/" + slug).then().body(containsString("&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    void errorPagesEscapeWhatTheyEcho() {
        String labeler = Api.user("LABELER");
        as(labeler).accept(ContentType.HTML).get("/projects/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
                .then().statusCode(404).body(not(containsString("<script>alert(1)")));
    }
}
