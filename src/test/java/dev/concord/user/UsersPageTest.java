package dev.concord.user;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsersPageTest {
    private static final Pattern PASSWORD = Pattern.compile("<code class=\"password\">([^<]+)</code>");

    private static String passwordIn(String html) {
        Matcher m = PASSWORD.matcher(html);
        assertTrue(m.find(), "a one-time password is shown");
        return m.group(1);
    }

    @Test
    void labelersNeverSeeStaffPages() {
        String labeler = Api.user("LABELER");
        String sme = Api.user("SME");
        for (String who : new String[] {labeler, sme}) {
            as(who).accept(ContentType.HTML).get("/admin/users").then().statusCode(403);
            as(who).contentType(ContentType.URLENC).formParam("username", "x").post("/admin/users").then().statusCode(403);
            as(who).multiPart("usernames", "a").post("/admin/users/cohort").then().statusCode(403);
        }
        as(labeler).accept(ContentType.HTML).get("/account").then().statusCode(200);
    }

    @Test
    void adminCreatesAUserWithAGeneratedPasswordThatWorks() {
        String name = Api.unique("new");
        String html = admin().contentType(ContentType.URLENC).formParam("username", name).formParam("roles", "LABELER")
                .post("/admin/users").then().statusCode(200).header("Cache-Control", "no-store").extract().asString();
        given().auth().preemptive().basic(name, passwordIn(html)).get("/api/me").then().statusCode(200).body("roles", org.hamcrest.Matchers.contains("LABELER"));
    }

    @Test
    void badFieldsAreShownNextToTheFieldAndNothingIsCreated() {
        admin().contentType(ContentType.URLENC).formParam("username", "bad name!").formParam("password", "short")
                .post("/admin/users").then().statusCode(400)
                .body(containsString("id=\"username-error\"")).body(containsString("id=\"password-error\""))
                .body(containsString("id=\"roles-error\"")).body(containsString("value=\"bad name!\""));
    }

    @Test
    void cohortOnboardingIsAllOrNothingAndPasswordsWork() {
        String a = Api.unique("ana");
        String b = Api.unique("ben");
        String existing = Api.user("LABELER");
        admin().multiPart("usernames", "username,email\n" + a + "\n" + existing + "\nnot valid!\n")
                .post("/admin/users/cohort").then().statusCode(400)
                // Sentences with the list's own line numbers (the header is line 1), not {message=..., line=...}.
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*<li>Line 3: [^<]*" + existing + "[^<]* already has an account\\.</li>.*"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*<li>Line 4: [^<]*not valid![^<]* is not a usable username.*"))
                .body(org.hamcrest.Matchers.not(containsString("message=")));
        admin().get("/api/users").then().body("items.username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(a)));

        String html = admin().multiPart("usernames", a + ",ana@example.edu\n" + b + "\n").post("/admin/users/cohort")
                .then().statusCode(200).body(containsString("ana@example.edu")).extract().asString();
        Matcher m = PASSWORD.matcher(html);
        assertTrue(m.find());
        String passwordA = m.group(1);
        given().auth().preemptive().basic(a, passwordA).get("/api/me").then().statusCode(200).body("roles", org.hamcrest.Matchers.contains("LABELER"));

        String csv = admin().contentType(ContentType.URLENC).formParam("username", a).formParam("password", passwordA).formParam("email", "ana@example.edu")
                .post("/admin/users/credentials.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertEquals("username,password,email\r\n" + a + "," + passwordA + ",ana@example.edu\r\n", csv);
    }

    @Test
    void resetPasswordAndDisable() {
        String user = Api.user("LABELER");
        String html = admin().post("/admin/users/" + user + "/password").then().statusCode(200).extract().asString();
        String fresh = passwordIn(html);
        as(user).get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic(user, fresh).get("/api/me").then().statusCode(200);
        admin().redirects().follow(false).contentType(ContentType.URLENC).formParam("enabled", "false")
                .post("/admin/users/" + user + "/enabled").then().statusCode(303);
        given().auth().preemptive().basic(user, fresh).get("/api/me").then().statusCode(401);
    }

    @Test
    void rolesCanBeChanged() {
        String user = Api.user("LABELER");
        admin().redirects().follow(false).contentType(ContentType.URLENC).formParam("roles", "LABELER").formParam("roles", "SME")
                .post("/admin/users/" + user + "/roles").then().statusCode(303);
        as(user).get("/api/me").then().body("roles", org.hamcrest.Matchers.containsInAnyOrder("LABELER", "SME"));
        admin().contentType(ContentType.URLENC).post("/admin/users/" + user + "/roles").then().statusCode(400);
    }

    @Test
    void accountPageCreatesATokenShownOnceAndRevokesIt() {
        String user = Api.user("SME");
        // The post redirects (a reload of the page that follows cannot post again) and hands the secret over in a cookie.
        io.restassured.response.Response posted = as(user).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("name", "notebook").post("/account/tokens");
        posted.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/account"));
        String handOver = posted.getCookie("concord_new_token");
        assertTrue(posted.getDetailedCookie("concord_new_token").isHttpOnly());
        assertEquals("/account", posted.getDetailedCookie("concord_new_token").getPath());
        io.restassured.response.Response shown = as(user).cookie("concord_new_token", handOver).get("/account");
        shown.then().statusCode(200).header("Cache-Control", "no-store");
        assertEquals(0, shown.getDetailedCookie("concord_new_token").getMaxAge(), "the page removes the hand-over cookie");
        Matcher m = Pattern.compile("value=\"(cnc_[^\"]+)\"").matcher(shown.asString());
        assertTrue(m.find());
        assertEquals(handOver, m.group(1));
        given().header("Authorization", "Bearer " + m.group(1)).get("/api/me").then().statusCode(200).body("username", equalTo(user));
        String page = as(user).get("/account").then().statusCode(200).extract().asString();
        assertTrue(!page.contains(m.group(1)), "the token is not shown again");
        as(user).get("/api/me/tokens").then().body("items", org.hamcrest.Matchers.hasSize(1));
        // Someone else's secret in the cookie shows nothing.
        String other = Api.user("SME");
        assertTrue(!as(other).cookie("concord_new_token", handOver).get("/account").asString().contains(handOver));
        int id = as(user).get("/api/me/tokens").then().extract().path("items[0].id");
        as(user).redirects().follow(false).post("/account/tokens/" + id + "/revoke").then().statusCode(303);
        given().header("Authorization", "Bearer " + m.group(1)).get("/api/me").then().statusCode(401);
    }

    @Test
    void aCohortFileThatIsNotUtf8IsRefusedWithASentence() {
        String name = Api.unique("jos");
        byte[] latin1 = ("username\n" + name + "\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        admin().multiPart("file", "cohort.csv", latin1, "text/csv").post("/admin/users/cohort")
                .then().statusCode(400).body(containsString("not UTF-8"));
        admin().get("/api/users").then().body("items.username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith(name))));
        // What a spreadsheet saves as "CSV UTF-8" (with a byte order mark) is taken.
        byte[] withBom = ("\uFEFFusername,email\n" + name + ",jo@example.edu\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        admin().multiPart("file", "cohort.csv", withBom, "text/csv").post("/admin/users/cohort")
                .then().statusCode(200).body(containsString("jo@example.edu"));
        admin().get("/api/users").then().body("items.username", org.hamcrest.Matchers.hasItem(name));
    }

    @Test
    void theCredentialsFileMakesFormulaCellsInert() {
        String csv = admin().contentType(ContentType.URLENC).formParam("username", "=1+2").formParam("password", "-2+3")
                .formParam("email", "@SUM(A1)").post("/admin/users/credentials.csv").then().statusCode(200).extract().asString();
        assertEquals("username,password,email\r\n'=1+2,'-2+3,'@SUM(A1)\r\n", csv);
    }
}
