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

    /** Breaks out of an attribute value if quotes are not escaped. */
    static final String ATTR = "\"><svg onload=alert(4)>";
    /** What must never reach a page raw. */
    static final List<String> FORBIDDEN = List.of("<script>alert", "<img src=x", "<svg onload", "href=\"javascript", "onclick=\"");

    static String csvCell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /**
     * Payloads in every user-controlled field that reaches a page — label names, row cells and
     * column names, example keys, label comments, review comments and rationale, guide Markdown,
     * token names, upload file names, the dataset's label column — rendered on every page that
     * shows them, for the roles that see them. None arrives raw; usernames cannot carry markup.
     */
    @Test
    void everyPageShowsUserDataInert() {
        String a = Api.user("LABELER"), b = Api.user("LABELER"), sme = Api.user("SME");
        String slug = Api.unique("xss-rows");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Rows " + ATTR, "modality", "row", "labels", List.of(IMG, "ok"), "overlap", 2,
                        "guide", "# Guide\n\n" + SCRIPT + "\n\n" + ATTR + "\n\n[x](javascript:alert(1))"))
                .post("/api/projects").then().statusCode(201);
        String key = "k1" + IMG;
        String csv = "id,note," + csvCell("col" + ATTR) + "\n"
                + csvCell(key) + "," + csvCell(SCRIPT) + "," + csvCell(ATTR) + "\n"
                + "k2," + csvCell(IMG) + ",plain\n";
        Api.importCsv(slug, csv);

        // Two labelers disagree (with hostile comments): the example goes to review.
        String encodedKey = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        as(a).contentType(ContentType.JSON).body(Map.of("label", IMG, "comment", SCRIPT + ATTR))
                .put("/api/projects/{slug}/examples/{key}/labels/me", slug, key).then().statusCode(201);
        as(b).contentType(ContentType.JSON).body(Map.of("label", "ok", "comment", IMG))
                .put("/api/projects/{slug}/examples/{key}/labels/me", slug, key).then().statusCode(201);
        as(sme).contentType(ContentType.JSON).body(Map.of("text", SCRIPT + " " + ATTR))
                .post("/api/projects/{slug}/reviews/{key}/comments", slug, key).then().statusCode(201);
        String reviewPage = "/projects/" + slug + "/review/" + encodedKey;
        assertInert(as(sme), reviewPage);
        assertInert(as(sme), "/projects/" + slug + "/review");
        int version = as(sme).get("/api/projects/{slug}/reviews/{key}", slug, key).then().statusCode(200).extract().path("review.version");
        as(sme).contentType(ContentType.JSON).body(Map.of("label", IMG, "rationale", ATTR + SCRIPT, "version", version))
                .put("/api/projects/{slug}/reviews/{key}/resolution", slug, key).then().statusCode(200);
        assertInert(as(sme), reviewPage);
        assertInert(as(sme), "/projects/" + slug + "/review?status=resolved");

        // A release with a hostile label column name, shown on the datasets page.
        as(sme).contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 0.5, "test", 0.5), "seed", 7, "labelColumn", "lab" + ATTR,
                        "labelCodes", Map.of(IMG, "code" + SCRIPT)))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);

        // A token named with markup, shown on the account page.
        as(a).contentType(ContentType.JSON).body(Map.of("name", IMG + ATTR)).post("/api/me/tokens").then().statusCode(201);

        // An upload whose file name is markup, shown on the import job page.
        String job = admin().redirects().follow(false)
                .multiPart("file", "rows" + IMG + ".csv", "id,note\nk3,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .multiPart("kind", "examples")
                .post("/projects/" + slug + "/import").then().statusCode(303).extract().header("Location");
        assertInert(admin(), java.net.URI.create(job).getPath());
        admin().accept(ContentType.HTML).get(java.net.URI.create(job).getPath()).then().body(containsString("rows&lt;img src=x onerror=alert(1)&gt;.csv"));
        as(a).accept(ContentType.HTML).get("/account").then().body(containsString("&lt;img src=x onerror=alert(1)&gt;&quot;&gt;"));

        for (String page : List.of("/", "/projects/" + slug, "/projects/" + slug + "/guide", "/projects/" + slug + "/label", "/account")) {
            assertInert(as(a), page);
        }
        for (String page : List.of("/projects/" + slug + "/agreement", "/projects/" + slug + "/datasets",
                "/projects/" + slug + "/guide?edit=true&example=" + encodedKey)) {
            assertInert(as(sme), page);
        }
        for (String page : List.of("/admin/users", "/projects/" + slug + "/import")) {
            assertInert(admin(), page);
        }
        // The payloads did arrive, escaped (so the checks above looked at real data).
        as(sme).accept(ContentType.HTML).urlEncodingEnabled(false).get(reviewPage).then()
                .body(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
                .body(containsString("&quot;&gt;&lt;svg onload=alert(4)&gt;"));

        // Usernames cannot carry markup at all.
        admin().contentType(ContentType.JSON).body(Map.of("username", IMG, "password", Api.PASSWORD, "roles", List.of("LABELER")))
                .post("/api/users").then().statusCode(400);
        admin().multiPart("usernames", "username\n" + IMG + "\n").post("/admin/users/cohort").then().statusCode(org.hamcrest.Matchers.not(200));
        admin().get("/api/users").then().body(not(containsString("<img")));
    }

    private static void assertInert(io.restassured.specification.RequestSpecification who, String page) {
        String html = who.accept(ContentType.HTML).urlEncodingEnabled(false).get(page).then().statusCode(200).extract().asString();
        for (String bad : FORBIDDEN) {
            if (html.contains(bad)) {
                int at = html.indexOf(bad);
                throw new AssertionError(page + " shows '" + bad + "' raw: …" + html.substring(Math.max(0, at - 200), Math.min(html.length(), at + 100)) + "…");
            }
        }
    }

    @Test
    void errorPagesEscapeWhatTheyEcho() {
        String labeler = Api.user("LABELER");
        as(labeler).accept(ContentType.HTML).get("/projects/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
                .then().statusCode(404).body(not(containsString("<script>alert(1)")));
    }
}
