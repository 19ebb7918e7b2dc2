package dev.concord.web;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What another site can make a logged-in browser do (CSRF with the session cookie, with cached
 * Basic credentials, or a forced login), whether Concord ever asks a browser for Basic credentials,
 * and who may read the metrics.
 */
@QuarkusTest
class BrowserCredentialsTest {
    private static final String EVIL = "https://evil.example";

    private static String session(String username) {
        Response r = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", username).formParam("password", Api.PASSWORD).post("/login");
        return r.then().statusCode(303).extract().cookie("concord_session");
    }

    private static String ownOrigin() {
        return "http://localhost:" + RestAssured.port;
    }

    private static int tokens(String user) {
        return as(user).get("/api/me/tokens").then().statusCode(200).extract().path("total");
    }

    @Test
    void originNullIsAForeignOriginEvenWithALocalReferer() {
        String user = Api.user("LABELER");
        given().cookie("concord_session", session(user)).header("Origin", "null").header("Referer", ownOrigin() + "/account")
                .contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/me/tokens")
                .then().statusCode(403).body("error", equalTo("cross_origin"));
        org.junit.jupiter.api.Assertions.assertEquals(0, tokens(user));
    }

    @Test
    void aFormPostFromAnotherSiteIsRefusedEvenWithBasicCredentials() {
        String user = Api.user("LABELER");
        as(user).header("Origin", EVIL).contentType(ContentType.URLENC).formParam("name", "x").post("/account/tokens")
                .then().statusCode(403).body("error", equalTo("cross_origin"));
        as(user).header("Origin", EVIL).contentType(ContentType.TEXT).body("{\"name\":\"x\"}").post("/api/me/tokens")
                .then().statusCode(403);
        as(user).header("Origin", "null").multiPart("name", "x").post("/account/tokens").then().statusCode(403);
        org.junit.jupiter.api.Assertions.assertEquals(0, tokens(user));
        // Our own pages, and scripts sending JSON (which no other site can make a browser send), pass.
        as(user).header("Origin", ownOrigin()).contentType(ContentType.URLENC).formParam("name", "x").redirects().follow(false).post("/account/tokens").then().statusCode(303);
        as(user).contentType(ContentType.JSON).body(Map.of("name", "y")).post("/api/me/tokens").then().statusCode(201);
    }

    @Test
    void anotherSiteCannotLogTheBrowserIn() {
        String user = Api.user("LABELER");
        for (String origin : new String[] {EVIL, "null"}) {
            given().redirects().follow(false).header("Origin", origin).contentType(ContentType.URLENC)
                    .formParam("username", user).formParam("password", Api.PASSWORD).post("/login")
                    .then().statusCode(403).header("Set-Cookie", nullValue());
        }
        given().redirects().follow(false).header("Referer", EVIL + "/page").contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", Api.PASSWORD).post("/login").then().statusCode(403);
        given().redirects().follow(false).header("Origin", ownOrigin()).contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", Api.PASSWORD).post("/login").then().statusCode(303);
    }

    @Test
    void browsersAreNeverAskedForBasicCredentials() {
        String user = Api.user("LABELER");
        for (String page : new String[] {"/", "/account", "/admin/users", "/projects/none"}) {
            given().redirects().follow(false).accept(ContentType.HTML).get(page)
                    .then().statusCode(303).header("WWW-Authenticate", nullValue());
            given().redirects().follow(false).accept(ContentType.HTML).header("X-Forwarded-For", "10.200.0." + page.length())
                    .auth().preemptive().basic(user, "wrong-password").get(page)
                    .then().header("WWW-Authenticate", nullValue());
        }
        // An API call from a browser gets the JSON 401 without a Basic challenge; a script still gets one.
        given().header("Sec-Fetch-Mode", "cors").get("/api/projects").then().statusCode(401)
                .body("error", equalTo("unauthorized")).header("WWW-Authenticate", not(containsString("Basic")));
        given().get("/api/projects").then().statusCode(401).header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    void metricsAreForStaffOnly() {
        given().get("/q/metrics").then().statusCode(401);
        given().accept(ContentType.HTML).header("Sec-Fetch-Mode", "navigate").get("/q/metrics").then().statusCode(401)
                .header("WWW-Authenticate", not(containsString("Basic")));
        as(Api.user("LABELER")).get("/q/metrics").then().statusCode(403);
        as(Api.user("SME")).get("/q/metrics").then().statusCode(200);
        admin().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
