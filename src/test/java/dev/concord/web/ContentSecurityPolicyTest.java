package dev.concord.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The app's pages keep the strict CSP; Swagger UI alone gets the inline script and styles it starts with. */
@QuarkusTest
class ContentSecurityPolicyTest {
    static final String STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void appPagesAndTheApiKeepTheStrictPolicyInOneHeader() {
        for (String path : new String[] {"/login", "/api/projects", "/css/concord.css", "/nope", "/q/openapi"}) {
            Response response = given().get(path);
            assertEquals(1, response.headers().getValues("Content-Security-Policy").size(), path + ": one CSP header");
            assertEquals(STRICT, response.header("Content-Security-Policy"), path);
        }
    }

    @Test
    void swaggerUiMayRunItsInlineScriptAndStylesAndStillNotBeFramed() {
        for (String path : new String[] {"/q/swagger-ui/", "/q/swagger-ui/index.html"}) {
            Response response = given().get(path);
            response.then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"))
                    .header("Content-Security-Policy", containsString("style-src 'self' 'unsafe-inline'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(equalTo(STRICT)));
            assertEquals(1, response.headers().getValues("Content-Security-Policy").size(), path + ": one CSP header");
        }
    }
}
