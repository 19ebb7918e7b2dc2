package dev.concord.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Blind labeling, proved by comparison: two projects identical except for what a second labeler
 * answered (everything the first labeler answered, agreed with, in one world; disagreed with or
 * called 'uncertain', in the other). The first labeler of each world makes the same calls, in the
 * same order, to every route of {@link RouteRoleTableTest#ROUTES} (so a new route is covered as soon
 * as the route table lists it, which its own test enforces) for every example, plus the labeling
 * moves a labeler makes; each pair of answers must be equal, status and body, once the slug, the
 * user names, ids, tokens and times are taken out. An SME, meanwhile, sees the two worlds differ.
 */
@QuarkusTest
class TwoWorldsTest {

    /** e1: the first labeler answers first; e2: the other does; e3: only the other; e4: nobody until the queue hands it out. */
    static final List<String> KEYS = List.of("e1.png", "e2.png", "e3.png", "e4.png", "no-such-key.png");

    /** One world: its project, its first labeler (who calls everything) and the second labeler. */
    record World(String slug, String labeler, String other) {
        RequestSpecification asLabeler() {
            return given().redirects().follow(false).auth().preemptive().basic(labeler, Api.PASSWORD);
        }

        RequestSpecification asOther() {
            return given().auth().preemptive().basic(other, Api.PASSWORD);
        }

        /** The answer with everything that legitimately differs between the worlds replaced by placeholders. */
        String normalized(Response r) {
            String body = r.asString()
                    .replace(slug, "{slug}").replace(labeler, "{labeler}").replace(other, "{other}")
                    .replaceAll("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?", "{time}")
                    .replaceAll("\"(id|projectId|exampleId)\"\\s*:\\s*\\d+", "\"$1\":{id}")
                    .replaceAll("\"token\"\\s*:\\s*\"[^\"]*\"", "\"token\":{token}")
                    .replaceAll("cnc_[A-Za-z0-9_-]+", "{token}")
                    .replaceAll("/tokens/\\d+", "/tokens/{id}")
                    .replaceAll("\\b\\d+ (second|minute|hour)s? ago\\b", "{ago}")
                    .replaceAll("just now", "{ago}");
            String location = r.header("Location") == null ? "" : " -> " + r.header("Location").replace(slug, "{slug}");
            return r.statusCode() + location + " " + body;
        }
    }

    private World world(boolean othersAgree) {
        String labeler = Api.user("LABELER");
        String other = Api.user("LABELER");
        // Both worlds' projects have the same name: project lists are sorted by name, so each world's
        // project sits at the same place among the projects of other tests.
        String slug = Api.unique("image");
        Api.admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Two worlds", "modality", "image",
                "labels", List.of("scratch", "none"), "overlap", 2, "members", List.of(labeler, other)))
                .post("/api/projects").then().statusCode(201);
        for (int i = 1; i <= 4; i++) {
            Api.admin().multiPart("file", "e" + i + ".png", Api.png(i), "image/png").post("/api/projects/" + slug + "/examples")
                    .then().statusCode(201);
        }
        World w = new World(slug, labeler, other);
        // The other labeler's part before the first labeler starts: e2 and e3.
        otherAnswers(w, "e2.png", othersAgree ? "scratch" : "none");
        otherAnswers(w, "e3.png", othersAgree ? "scratch" : "uncertain");
        return w;
    }

    private static void otherAnswers(World w, String key, String label) {
        w.asOther().contentType(ContentType.JSON).body(Map.of("label", label))
                .put("/api/projects/" + w.slug() + "/examples/" + key + "/labels/me").then().statusCode(201);
    }

    private final List<String> differences = new ArrayList<>();
    private int calls;

    /** The same call in both worlds; their answers must not tell the worlds apart. */
    private void same(String what, World a, World b, Function<World, Response> call) {
        String left = a.normalized(call.apply(a));
        String right = b.normalized(call.apply(b));
        calls++;
        if (!left.equals(right)) {
            int at = 0;
            while (at < Math.min(left.length(), right.length()) && left.charAt(at) == right.charAt(at)) at++;
            differences.add(what + " (from character " + at + ")\n  agree:    " + around(left, at) + "\n  disagree: " + around(right, at));
        }
    }

    /** The part of an answer around its first difference. */
    private static String around(String s, int at) {
        int from = Math.max(0, at - 300);
        int to = Math.min(s.length(), at + 300);
        return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…" : "");
    }

    private static Response label(World w, String key, String label) {
        return w.asLabeler().contentType(ContentType.JSON).body(Map.of("label", label, "durationMs", 900))
                .put("/api/projects/" + w.slug() + "/examples/" + key + "/labels/me");
    }

    @Test
    void whatALabelerReceivesDependsOnlyOnTheirOwnAnswers() {
        World agree = world(true);
        World disagree = world(false);

        // e1: the first labeler answers, then the other one does (agreeing or not); e2 the other way round.
        same("PUT e1 (first)", agree, disagree, w -> label(w, "e1.png", "scratch"));
        otherAnswers(agree, "e1.png", "scratch");
        otherAnswers(disagree, "e1.png", "none");
        same("PUT e2 (completes the round)", agree, disagree, w -> label(w, "e2.png", "scratch"));
        // The queue hands out e4 (nobody has it), then e3 (the other labeler's), in both worlds.
        same("GET queue/next", agree, disagree, w -> w.asLabeler().get("/api/projects/" + w.slug() + "/queue/next?progress=true"));
        same("PUT e4 ?next=true", agree, disagree, w -> w.asLabeler().contentType(ContentType.JSON)
                .body(Map.of("label", "scratch")).put("/api/projects/" + w.slug() + "/examples/e4.png/labels/me?next=true"));
        // Complete rounds: the same answer again is fine, another one (switching to the other's) is not.
        for (String key : List.of("e1.png", "e2.png")) {
            same("PUT " + key + " same answer", agree, disagree, w -> label(w, key, "scratch"));
            same("PUT " + key + " other answer", agree, disagree, w -> label(w, key, "none"));
            same("PUT " + key + " uncertain", agree, disagree, w -> label(w, key, "uncertain"));
        }
        for (String key : KEYS) {
            same("POST comment " + key, agree, disagree, w -> w.asLabeler().contentType(ContentType.JSON)
                    .body(Map.of("text", "What did the others say?")).post("/api/projects/" + w.slug() + "/reviews/" + key + "/comments"));
            same("POST comment form " + key, agree, disagree, w -> w.asLabeler().contentType(ContentType.URLENC).formParam("text", "And now?")
                    .post("/projects/" + w.slug() + "/review/" + key + "/comments"));
        }

        // Every route of the route table, for every example.
        int routes = 0;
        for (RouteRoleTableTest.Route route : RouteRoleTableTest.ROUTES) {
            routes++;
            for (String key : route.path().contains("{key}") ? KEYS : List.of("")) {
                same(route.method() + " " + route.path() + " " + key, agree, disagree, w -> {
                    RequestSpecification spec = w.asLabeler();
                    if (RouteRoleTableTest.MULTIPART.equals(route.jsonBody())) spec = spec.multiPart("other", "x");
                    else if (RouteRoleTableTest.FORM.equals(route.jsonBody())) spec = spec.contentType(ContentType.URLENC).formParam("name", "");
                    else if (route.jsonBody() != null) spec = spec.contentType(ContentType.JSON).body(route.jsonBody());
                    return spec.request(route.method(), route.path().replace("{slug}", w.slug()).replace("{key}", key));
                });
            }
        }
        assertEquals(RouteRoleTableTest.ROUTES.size(), routes);
        assertTrue(calls > RouteRoleTableTest.ROUTES.size() + 20, "calls made: " + calls);

        assertEquals(List.of(), differences, "answers that tell a labeler what another labeler answered");

        // The worlds really differ, for those allowed to see it.
        RequestSpecification admin = Api.admin();
        assertEquals(0, (int) admin.get("/api/projects/" + agree.slug()).then().extract().path("counts.openReviews"));
        assertNotEquals(0, (int) Api.admin().get("/api/projects/" + disagree.slug()).then().extract().path("counts.openReviews"));
    }
}
