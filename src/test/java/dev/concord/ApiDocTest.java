package dev.concord;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md and the live OpenAPI document name the same routes under /api/: every operation the
 * application serves is documented, and the doc promises no route that is not there.
 *
 * <p>The doc spells a route as {@code METHOD /api/...} (for example
 * {@code GET /api/projects/{slug}/examples/{key}/media}), with the OpenAPI path template's
 * {@code {name}} segments; a query string ({@code ?...} or {@code [?...]}) may follow. Routes are
 * compared with every {@code {name}} replaced by {@code {}}, so only the names of parameters may
 * differ. Routes spelled under "## Not yet available" must <em>not</em> exist: once one is
 * implemented, it moves up into the documented sections.
 */
@QuarkusTest
class ApiDocTest {
    static final Path DOC = Path.of("docs/api.md");
    static final String NOT_YET = "## Not yet available";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** A route as the doc spells it: the path runs up to a query string, a backtick, a space or markup. */
    static final Pattern ROUTE = Pattern.compile("\\b(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (/api/[A-Za-z0-9._~{}/-]*)");

    @Test
    void theDocAndTheOpenApiDocumentNameTheSameRoutes() throws Exception {
        String doc = Files.readString(DOC);
        int notYet = doc.indexOf(NOT_YET);
        assertTrue(notYet > 0, DOC + " has a section '" + NOT_YET + "'");
        Set<String> documented = routes(doc.substring(0, notYet));
        Set<String> planned = routes(doc.substring(notYet));
        Set<String> served = served();
        assertTrue(served.size() > 30, "the OpenAPI document lists the API: " + served);

        assertEquals(Set.of(), minus(served, documented), "routes the application serves that " + DOC + " does not document");
        assertEquals(Set.of(), minus(documented, served), "routes " + DOC + " documents that the application does not serve");
        assertEquals(Set.of(), intersection(planned, served), "routes served but listed under '" + NOT_YET + "' in " + DOC);
    }

    /** Every method and path under /api/ in the live OpenAPI document, normalised. */
    static Set<String> served() {
        JsonPath openApi = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        Set<String> served = new TreeSet<>();
        paths.forEach((path, operations) -> {
            if (!path.startsWith("/api/")) return;
            operations.keySet().stream().filter(METHODS::contains)
                    .forEach(method -> served.add(normalise(method.toUpperCase(), path)));
        });
        return served;
    }

    /** Every route the text spells as {@code METHOD /api/...}, normalised. */
    static Set<String> routes(String text) {
        Set<String> routes = new TreeSet<>();
        Matcher m = ROUTE.matcher(text);
        while (m.find()) routes.add(normalise(m.group(1), m.group(2)));
        return routes;
    }

    /** {@code GET /api/projects/{}/examples/{}/media}: parameter names dropped, no trailing slash. */
    static String normalise(String method, String path) {
        String p = path.replaceAll("\\{[^{}/]*}", "{}");
        if (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return method + " " + p;
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }
}
