package dev.concord.user;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest {

    private static String login(String username, String password) {
        Response r = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", username).formParam("password", password).formParam("next", "/")
                .post("/login");
        assertEquals(303, r.statusCode(), "login of " + username);
        String cookie = r.getCookie(SessionAndTokenAuthentication.SESSION_COOKIE);
        assertNotNull(cookie);
        String header = r.getHeader("Set-Cookie");
        assertTrue(header.contains("HttpOnly") && header.contains("SameSite=Strict"), header);
        return cookie;
    }

    private static int withSession(String cookie, String path) {
        return given().redirects().follow(false).cookie(SessionAndTokenAuthentication.SESSION_COOKIE, cookie).get(path).statusCode();
    }

    @Test
    void passwordsAreStoredAsBcrypt() {
        String user = Api.user("LABELER");
        String hash = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(user).orElseThrow().passwordHash);
        assertTrue(hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"), hash);
        assertFalse(hash.contains(Api.PASSWORD));
        admin().get("/api/users").then().statusCode(200).body(not(containsString("$2"))).body(not(containsString("password")));
    }

    @Test
    void sessionLoginAndLogoutEndTheSession() {
        String user = Api.user("LABELER");
        String cookie = login(user, Api.PASSWORD);
        assertEquals(200, withSession(cookie, "/api/me"));
        given().redirects().follow(false).cookie(SessionAndTokenAuthentication.SESSION_COOKIE, cookie).post("/logout").then().statusCode(303);
        assertEquals(401, withSession(cookie, "/api/me"));
        assertEquals(303, withSession(cookie, "/"), "pages send a logged-out visitor to the login page");
    }

    @Test
    void wrongPasswordShowsTheFormAgain() {
        String user = Api.user("LABELER");
        given().contentType(ContentType.URLENC).formParam("username", user).formParam("password", "nope-nope")
                .post("/login").then().statusCode(401).body(containsString("do not match"));
    }

    @Test
    void loginIsThrottledPerAccountAndAddressWithoutLockingOthersOut() {
        String user = Api.user("LABELER");
        for (int i = 0; i < UserService.MAX_FAILURES; i++) {
            given().contentType(ContentType.URLENC).formParam("username", user).formParam("password", "guess-" + i).post("/login").then().statusCode(401);
        }
        given().contentType(ContentType.URLENC).formParam("username", user).formParam("password", Api.PASSWORD)
                .post("/login").then().statusCode(429).body(containsString("wait"));
        // HTTP Basic counts toward the same throttle; other accounts can still log in from here.
        as(user).get("/api/me").then().statusCode(429).body("error", equalTo("too_many_requests"));
        login(Api.user("LABELER"), Api.PASSWORD);
    }

    @Test
    void nextOnlyLeadsToLocalPaths() {
        String user = Api.user("LABELER");
        for (String evil : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"}) {
            given().redirects().follow(false).contentType(ContentType.URLENC)
                    .formParam("username", user).formParam("password", Api.PASSWORD).formParam("next", evil)
                    .post("/login").then().statusCode(303).header("Location", not(containsString("evil")))
                    .header("Location", not(containsString("javascript")));
        }
        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", Api.PASSWORD).formParam("next", "/projects/x?y=1")
                .post("/login").then().statusCode(303).header("Location", containsString("/projects/x?y=1"));
    }

    @Test
    void apiTokensWorkAreShownOnceAndCanBeRevoked() {
        String user = Api.user("SME");
        Response created = as(user).contentType(ContentType.JSON).body(Map.of("name", "training")).post("/api/me/tokens");
        created.then().statusCode(201).body("token", startsWith("cnc_"));
        String token = created.path("token");
        int id = created.path("id");
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200).body("username", equalTo(user));
        as(user).get("/api/me/tokens").then().statusCode(200).body("items.name", hasItem("training"))
                .body(not(containsString(token)));
        String stored = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById((long) id).tokenHash);
        assertEquals(Tokens.sha256(token), stored);
        // Its last use is recorded, at most every five minutes (a use within them writes nothing).
        assertNotNull(lastUsed(id));
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.SECONDS);
        setLastUsed(id, sixMinutesAgo);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200);
        assertTrue(lastUsed(id).isAfter(sixMinutesAgo.plus(Duration.ofMinutes(5))), "a use after five minutes is recorded");
        Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        setLastUsed(id, aMinuteAgo);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200);
        assertEquals(aMinuteAgo, lastUsed(id), "a use within five minutes writes nothing");
        // Another user cannot revoke it.
        as(Api.user("SME")).delete("/api/me/tokens/" + id).then().statusCode(404);
        as(user).delete("/api/me/tokens/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer not-a-token").get("/api/me").then().statusCode(401);
    }

    private static Instant lastUsed(long tokenId) {
        return QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(tokenId).lastUsedAt);
    }

    private static void setLastUsed(long tokenId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("lastUsedAt = ?1 where id = ?2", at, tokenId));
    }

    @Test
    void anExpiredSessionIsRefused() {
        String cookie = login(Api.user("LABELER"), Api.PASSWORD);
        assertEquals(200, withSession(cookie, "/api/me"));
        QuarkusTransaction.requiringNew().run(() -> UserSession.update("expiresAt = ?1 where tokenHash = ?2",
                Instant.now().minusSeconds(1), Tokens.sha256(cookie)));
        assertEquals(401, withSession(cookie, "/api/me"));
    }

    @Test
    void disablingAUserEndsTheirSessionsAndAccess() {
        String user = Api.user("LABELER");
        String cookie = login(user, Api.PASSWORD);
        admin().contentType(ContentType.JSON).body(Map.of("enabled", false)).put("/api/users/" + user + "/enabled").then().statusCode(200);
        assertEquals(401, withSession(cookie, "/api/me"));
        as(user).get("/api/me").then().statusCode(401);
        given().contentType(ContentType.URLENC).formParam("username", user).formParam("password", Api.PASSWORD).post("/login").then().statusCode(401);
        admin().contentType(ContentType.JSON).body(Map.of("enabled", true)).put("/api/users/" + user + "/enabled").then().statusCode(200);
        as(user).get("/api/me").then().statusCode(200);
    }

    @Test
    void changingThePasswordEndsSessions() {
        String user = Api.user("LABELER");
        String cookie = login(user, Api.PASSWORD);
        as(user).contentType(ContentType.JSON).body(Map.of("currentPassword", "wrong-one", "newPassword", "another-password-1"))
                .put("/api/me/password").then().statusCode(400);
        assertEquals(200, withSession(cookie, "/api/me"));
        as(user).contentType(ContentType.JSON).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "another-password-1"))
                .put("/api/me/password").then().statusCode(204);
        assertEquals(401, withSession(cookie, "/api/me"));
        given().auth().preemptive().basic(user, "another-password-1").get("/api/me").then().statusCode(200);
    }

    @Test
    void crossSiteFormPostsWithTheSessionCookieAreRefused() {
        String user = Api.user("LABELER");
        String cookie = login(user, Api.PASSWORD);
        given().cookie(SessionAndTokenAuthentication.SESSION_COOKIE, cookie).header("Origin", "https://evil.example")
                .contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/me/tokens")
                .then().statusCode(403).body("error", equalTo("cross_origin"));
        assertEquals(0, as(user).get("/api/me/tokens").then().extract().<Integer>path("total"));
    }

    @Test
    void userCreationValidatesAndOnlyAdminsMayDoIt() {
        admin().contentType(ContentType.JSON).body(Map.of("username", "bad name!", "password", "long-enough-pw", "roles", new String[] {"LABELER"}))
                .post("/api/users").then().statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of("username", Api.unique("u"), "password", "short", "roles", new String[] {"LABELER"}))
                .post("/api/users").then().statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of("username", Api.unique("u"), "password", "long-enough-pw", "roles", new String[] {"KING"}))
                .post("/api/users").then().statusCode(400);
        String existing = Api.user("LABELER");
        admin().contentType(ContentType.JSON).body(Map.of("username", existing, "password", "long-enough-pw", "roles", new String[] {"LABELER"}))
                .post("/api/users").then().statusCode(409);
        as(Api.user("SME")).contentType(ContentType.JSON).body(Map.of("username", Api.unique("u"), "password", "long-enough-pw", "roles", new String[] {"LABELER"}))
                .post("/api/users").then().statusCode(403);
    }

    @Test
    void securityHeadersOnPagesErrorsAndStaticFiles() {
        for (String path : new String[] {"/login", "/api/projects", "/css/concord.css", "/no-such-page"}) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"));
        }
    }
}
