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
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Setting, changing and resetting passwords, and what each does to sessions, tokens and access. */
@QuarkusTest
class PasswordLifecycleTest {
    private static final Pattern SHOWN_ONCE = Pattern.compile("<code class=\"password\">([^<]+)</code>");

    private static String passwordIn(String html) {
        Matcher m = SHOWN_ONCE.matcher(html);
        assertTrue(m.find(), "a one-time password is shown");
        return m.group(1);
    }

    private static String login(String username, String password) {
        Response r = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", username).formParam("password", password).post("/login");
        assertEquals(303, r.statusCode());
        return r.getCookie(SessionAndTokenAuthentication.SESSION_COOKIE);
    }

    private static String token(String username, String password) {
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON).body(Map.of("name", "script"))
                .post("/api/me/tokens").then().statusCode(201).extract().path("token");
    }

    private static int withSession(String cookie) {
        return given().cookie(SessionAndTokenAuthentication.SESSION_COOKIE, cookie).get("/api/me").statusCode();
    }

    private static int withToken(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/me").statusCode();
    }

    @Test
    void passwordsLongerThan72BytesAreRefusedWhereverOneIsChosen() {
        String ascii73 = "a".repeat(73);
        String accented = "é".repeat(37); // 37 characters, 74 bytes in UTF-8
        for (String tooLong : new String[] {ascii73, accented}) {
            admin().contentType(ContentType.JSON).body(Map.of("username", Api.unique("u"), "password", tooLong, "roles", new String[] {"LABELER"}))
                    .post("/api/users").then().statusCode(400).body("message", containsString("72 bytes"));
        }
        admin().contentType(ContentType.JSON).body(Map.of("username", Api.unique("u"), "password", "a".repeat(72), "roles", new String[] {"LABELER"}))
                .post("/api/users").then().statusCode(201);

        String user = Api.user("LABELER");
        as(user).contentType(ContentType.JSON).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", accented))
                .put("/api/me/password").then().statusCode(400).body("message", containsString("72 bytes"));
        given().cookie(SessionAndTokenAuthentication.SESSION_COOKIE, login(user, Api.PASSWORD)).contentType(ContentType.URLENC)
                .formParam("currentPassword", Api.PASSWORD).formParam("newPassword", ascii73).formParam("repeatPassword", ascii73)
                .post("/account/password").then().statusCode(400).body(containsString("72 bytes"));
        as(user).get("/api/me").then().statusCode(200);

        admin().contentType(ContentType.URLENC).formParam("username", Api.unique("u")).formParam("password", ascii73).formParam("roles", "LABELER")
                .post("/admin/users").then().statusCode(400).body(containsString("id=\"password-error\"")).body(containsString("72 bytes"));
    }

    @Test
    void aPasswordChangeEndsEverySessionAndRevokesEveryToken() {
        String user = Api.user("LABELER");
        String cookie = login(user, Api.PASSWORD);
        String token = token(user, Api.PASSWORD);
        as(user).contentType(ContentType.JSON).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "another-password-1"))
                .put("/api/me/password").then().statusCode(204);
        assertEquals(401, withSession(cookie));
        assertEquals(401, withToken(token));
    }

    @Test
    void anAdminResetEndsEverySessionRevokesEveryTokenAndAsksForANewPassword() {
        String user = Api.user("LABELER");
        String cookie = login(user, Api.PASSWORD);
        String token = token(user, Api.PASSWORD);
        String html = admin().post("/admin/users/" + user + "/password").then().statusCode(200).extract().asString();
        assertEquals(401, withSession(cookie));
        assertEquals(401, withToken(token));
        given().auth().preemptive().basic(user, passwordIn(html)).get("/api/projects").then().statusCode(403)
                .body("error", equalTo("password_change_required"));
    }

    @Test
    void anApiTokenAloneCannotChangeThePassword() {
        String user = Api.user("LABELER");
        String token = token(user, Api.PASSWORD);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "taken-over-password"))
                .put("/api/me/password").then().statusCode(403).body("error", equalTo("forbidden")).body("message", containsString("API token"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.URLENC)
                .formParam("currentPassword", Api.PASSWORD).formParam("newPassword", "taken-over-password").formParam("repeatPassword", "taken-over-password")
                .post("/account/password").then().statusCode(403);
        as(user).get("/api/me").then().statusCode(200);
        assertEquals(200, withToken(token));
    }

    @Test
    void anAdminCannotDisableTheirOwnAccountThroughTheApi() {
        String admin = Api.user("ADMIN");
        as(admin).contentType(ContentType.JSON).body(Map.of("enabled", false)).put("/api/users/" + admin + "/enabled")
                .then().statusCode(400).body("message", containsString("your own account"));
        as(admin).get("/api/me").then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void anEmptyRoleIs400() {
        admin().contentType(ContentType.JSON)
                .body("{\"username\":\"" + Api.unique("u") + "\",\"password\":\"long-enough-pw\",\"roles\":[null]}")
                .post("/api/users").then().statusCode(400).body("error", equalTo("bad_request")).body("message", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void cohortAccountsMustChooseTheirOwnPasswordBeforeAnythingElse() {
        String name = Api.unique("cohort");
        String oneTime = passwordIn(admin().multiPart("usernames", name + "\n").post("/admin/users/cohort").then().statusCode(200).extract().asString());

        // The API answers only who they are and the password change until then.
        given().auth().preemptive().basic(name, oneTime).get("/api/me").then().statusCode(200).body("mustChangePassword", equalTo(true));
        given().auth().preemptive().basic(name, oneTime).get("/api/projects").then().statusCode(403)
                .body("error", equalTo("password_change_required")).body("message", containsString("Choose a new password first"));
        given().auth().preemptive().basic(name, oneTime).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/me/tokens").then().statusCode(403);

        // A browser goes to the account page at login, and back there from any other page.
        Response login = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", name).formParam("password", oneTime).formParam("next", "/projects/x").post("/login");
        assertEquals(303, login.statusCode());
        assertTrue(login.getHeader("Location").endsWith("/account?done=choose"), login.getHeader("Location"));
        String cookie = login.getCookie(SessionAndTokenAuthentication.SESSION_COOKIE);
        given().redirects().follow(false).cookie(SessionAndTokenAuthentication.SESSION_COOKIE, cookie).accept(ContentType.HTML).get("/")
                .then().statusCode(303).header("Location", containsString("/account?done=choose"));
        given().cookie(SessionAndTokenAuthentication.SESSION_COOKIE, cookie).accept(ContentType.HTML).get("/account?done=choose")
                .then().statusCode(200).body(containsString("Choose your own password"));

        // Choosing one lifts the limit.
        given().auth().preemptive().basic(name, oneTime).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", oneTime, "newPassword", "my-own-password-1")).put("/api/me/password").then().statusCode(204);
        given().auth().preemptive().basic(name, "my-own-password-1").get("/api/projects").then().statusCode(200);
        given().auth().preemptive().basic(name, "my-own-password-1").get("/api/me").then().body("mustChangePassword", equalTo(false));
    }
}
