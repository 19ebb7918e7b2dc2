package dev.concord.web;

import static dev.concord.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An unknown address is a 404: a page in the site's layout for browsers, the JSON error body for API clients. */
@QuarkusTest
class NotFoundPagesTest {
    // What Chromium sends for a page load.
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/projects/x/reviews"})
    void anonymousBrowserGetsTheNotFoundPageInTheLayout(String path) {
        given().accept(BROWSER_ACCEPT).get(path).then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<header class=\"topbar\">"), containsString("Not found"),
                        containsString("href=\"/q/swagger-ui\""), not(containsString("class=\"mainnav\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/projects/x/reviews"})
    void loggedInBrowserGetsTheNotFoundPageWithTheNav(String path) {
        admin().accept(BROWSER_ACCEPT).get(path).then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("class=\"mainnav\""), containsString("Not found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/projects/x/reviews", "/api/nope"})
    void apiClientGetsTheJsonErrorBody(String path) {
        given().accept("application/json").get(path).then().statusCode(404)
                .contentType(containsString("application/json"))
                .body("error", equalTo("not_found"), "message", containsString("Nothing is at this address"), "details", empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/nope", "/api/projects/x/nothing"})
    void pathsUnderApiGetJsonEvenFromABrowser(String path) {
        given().accept(BROWSER_ACCEPT).get(path).then().statusCode(404)
                .contentType(containsString("application/json"))
                .body("error", equalTo("not_found"), "details", empty());
    }
}
