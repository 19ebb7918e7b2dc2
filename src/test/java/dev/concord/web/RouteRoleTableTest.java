package dev.concord.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every route × {anonymous, labeler (member), labeler of another project, SME, admin} with its
 * expected status, from one table; a second test fails when an endpoint is missing from the
 * table. The test admin has ADMIN and SME. The project is members-only, so "another project's labeler"
 * is a LABELER who is not a member: they must get 404 for everything in it.
 */
@QuarkusTest
class RouteRoleTableTest {

    /** A route, an optional JSON body, and the expected status for each caller, in {@link #CALLERS} order. */
    record Route(String method, String path, String jsonBody, int anonymous, int labeler, int outsider, int sme, int admin) {}

    /** Marks routes that take a multipart upload: they are called with a form lacking the file. */
    static final String MULTIPART = "multipart";
    /** Marks routes that take an HTML form post: they are called with an empty-ish form. */
    static final String FORM = "form";

    static final List<String> CALLERS = List.of("anonymous", "labeler", "outsider", "sme", "admin");

    static final List<Route> ROUTES = List.of(
            // API: projects
            new Route("GET", "/api/projects", null, 401, 200, 200, 200, 200),
            new Route("GET", "/api/projects/{slug}", null, 401, 200, 404, 200, 200),
            new Route("POST", "/api/projects", "{}", 401, 403, 403, 403, 400),
            new Route("PUT", "/api/projects/{slug}/members/nobody-here", null, 401, 403, 403, 403, 404),
            new Route("DELETE", "/api/projects/{slug}/members/nobody-here", null, 401, 403, 403, 403, 404),
            // API: examples
            new Route("GET", "/api/projects/{slug}/examples", null, 401, 403, 403, 200, 200),
            new Route("POST", "/api/projects/{slug}/examples", MULTIPART, 401, 403, 403, 403, 400),
            new Route("GET", "/api/projects/{slug}/examples/{key}/media", null, 401, 200, 404, 200, 200),
            new Route("GET", "/api/projects/{slug}/examples/no-such-key/media", null, 401, 404, 404, 404, 404),
            new Route("POST", "/api/projects/{slug}/annotations", MULTIPART, 401, 403, 403, 403, 400),
            // API: users and me
            new Route("GET", "/api/users", null, 401, 403, 403, 403, 200),
            new Route("POST", "/api/users", "{}", 401, 403, 403, 403, 400),
            new Route("PUT", "/api/users/nobody-here/enabled", "{\"enabled\":true}", 401, 403, 403, 403, 404),
            new Route("GET", "/api/me", null, 401, 200, 200, 200, 200),
            new Route("GET", "/api/me/tokens", null, 401, 200, 200, 200, 200),
            new Route("POST", "/api/me/tokens", "{}", 401, 201, 201, 201, 201),
            new Route("DELETE", "/api/me/tokens/999999", null, 401, 404, 404, 404, 404),
            new Route("PUT", "/api/me/password", "{}", 401, 400, 400, 400, 400),
            // Pages (anonymous visitors are sent to the login page)
            new Route("GET", "/", null, 303, 200, 200, 200, 200),
            new Route("GET", "/projects/{slug}", null, 303, 200, 404, 200, 200),
            new Route("GET", "/projects/{slug}/guide", null, 303, 200, 404, 200, 200),
            new Route("GET", "/projects/no-such-project", null, 303, 404, 404, 404, 404),
            new Route("GET", "/login", null, 200, 200, 200, 200, 200),
            new Route("GET", "/account", null, 303, 200, 200, 200, 200),
            new Route("GET", "/admin/users", null, 303, 403, 403, 403, 200),
            new Route("GET", "/admin/projects/new", null, 303, 403, 403, 403, 200),
            new Route("POST", "/admin/projects", FORM, 303, 403, 403, 403, 400),
            new Route("GET", "/projects/{slug}/import", null, 303, 403, 403, 403, 200),
            new Route("GET", "/projects/{slug}/import/999999", null, 303, 403, 403, 403, 404),
            new Route("POST", "/projects/{slug}/import", MULTIPART, 303, 403, 403, 403, 400),
            new Route("GET", "/projects/{slug}/import/999999/status", null, 303, 403, 403, 403, 404),
            new Route("POST", "/projects/{slug}/import/999999/run", FORM, 303, 403, 403, 403, 404),
            new Route("POST", "/projects/{slug}/import/999999/cancel", FORM, 303, 403, 403, 403, 404),
            // Login and logout (a caller with Basic credentials has no session to end: back to the login page)
            new Route("POST", "/login", FORM, 401, 401, 401, 401, 401),
            new Route("POST", "/logout", FORM, 303, 303, 303, 303, 303),
            // Account page forms
            new Route("POST", "/account/password", FORM, 303, 400, 400, 400, 400),
            new Route("POST", "/account/tokens", FORM, 303, 303, 303, 303, 303),
            new Route("POST", "/account/tokens/999999/revoke", FORM, 303, 404, 404, 404, 404),
            // User administration page forms
            new Route("POST", "/admin/users", FORM, 303, 403, 403, 403, 400),
            new Route("POST", "/admin/users/nobody-here/enabled", FORM, 303, 403, 403, 403, 404),
            new Route("POST", "/admin/users/nobody-here/password", FORM, 303, 403, 403, 403, 404),
            new Route("POST", "/admin/users/nobody-here/roles", FORM, 303, 403, 403, 403, 400),
            new Route("POST", "/admin/users/cohort", MULTIPART, 303, 403, 403, 403, 400),
            new Route("POST", "/admin/users/credentials.csv", FORM, 303, 403, 403, 403, 400),
            // Labeling
            new Route("GET", "/api/projects/{slug}/queue/next", null, 401, 200, 404, 403, 403),
            new Route("GET", "/api/projects/{slug}/labels/me", null, 401, 200, 404, 403, 403),
            new Route("PUT", "/api/projects/{slug}/examples/{key}/labels/me", "{\"label\":\"nope\"}", 401, 400, 404, 403, 403),
            new Route("DELETE", "/api/projects/{slug}/examples/{key}/labels/me", null, 401, 404, 404, 403, 403),
            new Route("POST", "/api/projects/{slug}/examples/no-such-key/skip", null, 401, 404, 404, 403, 403),
            new Route("GET", "/api/projects/{slug}/progress/me", null, 401, 200, 404, 200, 200),
            new Route("GET", "/projects/{slug}/label", null, 303, 200, 404, 200, 200),
            // Review and guides
            new Route("GET", "/api/projects/{slug}/reviews", null, 401, 403, 403, 200, 200),
            new Route("GET", "/api/projects/{slug}/reviews/{key}", null, 401, 403, 403, 404, 404),
            new Route("PUT", "/api/projects/{slug}/reviews/{key}/resolution", "{\"label\":\"none\",\"version\":1}", 401, 403, 403, 404, 404),
            new Route("POST", "/api/projects/{slug}/rounds", "{}", 401, 403, 403, 400, 400),
            new Route("POST", "/api/projects/{slug}/rounds?dryRun=true", "{\"examples\":\"disputed\"}", 401, 403, 403, 200, 200),
            new Route("GET", "/api/projects/{slug}/examples/{key}/outcome", null, 401, 404, 404, 403, 403),
            new Route("GET", "/api/projects/{slug}/guides", null, 401, 200, 404, 200, 200),
            new Route("POST", "/api/projects/{slug}/guides", "{\"markdown\":\"\"}", 401, 403, 403, 400, 400),
            new Route("GET", "/api/projects/{slug}/guides/1", null, 401, 200, 404, 200, 200),
            new Route("GET", "/api/projects/{slug}/reviews/{key}/comments", null, 401, 404, 404, 404, 404),
            new Route("POST", "/api/projects/{slug}/reviews/{key}/comments", "{\"text\":\"hello\"}", 401, 404, 404, 404, 404),
            new Route("GET", "/api/projects/{slug}/outcomes/me", null, 401, 200, 404, 403, 403),
            new Route("GET", "/projects/{slug}/feedback", null, 303, 200, 404, 403, 403),
            new Route("GET", "/projects/{slug}/review", null, 303, 403, 403, 200, 200),
            new Route("GET", "/projects/{slug}/review/{key}", null, 303, 403, 403, 404, 404),
            new Route("POST", "/projects/{slug}/review/{key}/resolution", FORM, 303, 403, 403, 404, 404),
            new Route("POST", "/projects/{slug}/review/{key}/comments", FORM, 303, 404, 404, 404, 404),
            new Route("POST", "/projects/{slug}/guide", FORM, 303, 403, 403, 400, 400),
            // Datasets
            new Route("GET", "/api/projects/{slug}/datasets", null, 401, 403, 403, 200, 200),
            new Route("POST", "/api/projects/{slug}/datasets", "{}", 401, 403, 403, 400, 400),
            new Route("GET", "/api/projects/{slug}/datasets/latest/data.csv", null, 401, 403, 403, 404, 404),
            new Route("GET", "/projects/{slug}/datasets", null, 303, 403, 403, 200, 200),
            new Route("POST", "/projects/{slug}/datasets", FORM, 303, 403, 403, 400, 400),
            new Route("GET", "/api/projects/{slug}/datasets/9/predictions", null, 401, 403, 403, 404, 404),
            new Route("POST", "/api/projects/{slug}/datasets/9/predictions", MULTIPART, 401, 403, 403, 400, 400),
            new Route("GET", "/api/projects/{slug}/datasets/9/predictions/1/analysis", null, 401, 403, 403, 404, 404),
            new Route("GET", "/api/projects/{slug}/datasets/9/predictions/1/contradictions", null, 401, 403, 403, 404, 404),
            new Route("POST", "/api/projects/{slug}/datasets/9/predictions/1/review", "{\"keys\":[\"x\"]}", 401, 403, 403, 404, 404),
            new Route("GET", "/projects/{slug}/datasets/9/analysis", null, 303, 403, 403, 404, 404),
            new Route("POST", "/projects/{slug}/datasets/9/analysis/review", FORM, 303, 403, 403, 404, 404),
            new Route("POST", "/projects/{slug}/datasets/9/analysis/predictions", MULTIPART, 303, 403, 403, 404, 404),
            // Deleting (the project itself is not deleted here: every call is refused or finds nothing)
            new Route("DELETE", "/api/projects/{slug}/examples/nope", null, 401, 403, 403, 403, 404),
            new Route("POST", "/api/projects/{slug}/examples/delete", "{\"keys\":[\"nope\"]}", 401, 403, 403, 403, 400),
            new Route("DELETE", "/api/projects/no-such-project", null, 401, 403, 403, 403, 404),
            new Route("POST", "/projects/{slug}/delete", FORM, 303, 403, 403, 403, 303),
            new Route("POST", "/projects/{slug}/import/999999999/examples/delete", FORM, 303, 403, 403, 403, 303),
            new Route("GET", "/projects/{slug}/import/999999999/preview/0", null, 303, 403, 403, 403, 404),
            // Agreement
            new Route("GET", "/api/projects/{slug}/agreement", null, 401, 403, 403, 200, 200),
            new Route("GET", "/api/projects/{slug}/agreement/trend", null, 401, 403, 403, 200, 200),
            new Route("GET", "/api/projects/{slug}/agreement/rounds", null, 401, 403, 403, 200, 200),
            new Route("GET", "/projects/{slug}/agreement", null, 303, 403, 403, 200, 200),
            // Operations
            new Route("GET", "/q/health", null, 200, 200, 200, 200, 200));

    /** The table must list every endpoint the application declares (method and path template). */
    @Test
    void theTableListsEveryEndpoint() throws Exception {
        List<String> declared = new ArrayList<>();
        for (Class<?> type : SecurityAnnotationTest.applicationClasses()) {
            jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null) continue;
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                String verb = java.util.stream.Stream.of(jakarta.ws.rs.GET.class, jakarta.ws.rs.POST.class, jakarta.ws.rs.PUT.class,
                                jakarta.ws.rs.DELETE.class, jakarta.ws.rs.PATCH.class)
                        .filter(method::isAnnotationPresent).map(a -> a.getSimpleName()).findFirst().orElse(null);
                if (verb == null) continue;
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                declared.add(verb + " " + join(base.value(), sub == null ? "" : sub.value()));
            }
        }
        assertTrue(declared.size() > 60, "the scan found the endpoints: " + declared);
        List<String> unlisted = declared.stream()
                .filter(d -> ROUTES.stream().noneMatch(r -> d.startsWith(r.method() + " ") && matches(d.substring(d.indexOf(' ') + 1), r.path())))
                .sorted().toList();
        assertEquals(List.of(), unlisted, "endpoints missing from the route table");
    }

    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** A template segment {name} or {name: regex} matches any one segment of the table's path. */
    static boolean matches(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) return false;
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") && t[i].endsWith("}")) && !t[i].equals(p[i])) return false;
        }
        return true;
    }

    String slug;
    String key = "a.png";
    Map<String, String> users;

    void setUp() {
        String labeler = Api.user("LABELER");
        String sme = Api.user("SME");
        String outsider = Api.user("LABELER");
        slug = Api.project("image", 2, List.of(labeler, sme), "scratch", "none");
        Api.admin().multiPart("file", key, Api.png(1), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        users = Map.of("labeler", labeler, "sme", sme, "outsider", outsider);
    }

    private RequestSpecification as(String caller) {
        RequestSpecification spec = given().redirects().follow(false);
        return switch (caller) {
            case "anonymous" -> spec;
            case "admin" -> spec.auth().preemptive().basic("admin", Api.ADMIN_PASSWORD);
            default -> spec.auth().preemptive().basic(users.get(caller), Api.PASSWORD);
        };
    }

    @Test
    void everyRouteAnswersEachCallerAsTheTableSays() {
        setUp();
        List<String> wrong = new ArrayList<>();
        for (Route route : ROUTES) {
            int[] expected = {route.anonymous(), route.labeler(), route.outsider(), route.sme(), route.admin()};
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                RequestSpecification spec = as(caller);
                if (MULTIPART.equals(route.jsonBody())) spec = spec.multiPart("other", "x");
                else if (FORM.equals(route.jsonBody())) spec = spec.contentType(ContentType.URLENC).formParam("name", "");
                else if (route.jsonBody() != null) spec = spec.contentType(ContentType.JSON).body(route.jsonBody());
                String path = route.path().replace("{slug}", slug).replace("{key}", key);
                int status = spec.request(route.method(), path).statusCode();
                if (status != expected[i]) {
                    wrong.add(route.method() + " " + route.path() + " as " + caller + ": expected " + expected[i] + ", got " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
