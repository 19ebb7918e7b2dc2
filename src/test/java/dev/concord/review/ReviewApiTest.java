package dev.concord.review;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import dev.concord.labeling.QueueInvariant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewApiTest {

    static void annotate(String slug, String csv) {
        admin().multiPart("file", "labels.csv", ("example,labeler,label\n" + csv).getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
    }

    /** overlap 3, threshold 0.5: ex1 agree, ex2 2-1 split, ex3 three ways with an uncertain, ex4 incomplete but uncertain, ex5 incomplete. */
    static String flaggedProject(String... labelers) {
        String slug = Api.textProjectWith(3, 5, "cat", "dog", "bird");
        String a = labelers[0], b = labelers[1], c = labelers[2];
        annotate(slug, String.join("\n",
                "ex1," + a + ",cat", "ex1," + b + ",cat", "ex1," + c + ",cat",
                "ex2," + a + ",cat", "ex2," + b + ",dog", "ex2," + c + ",cat",
                "ex3," + a + ",dog", "ex3," + b + ",uncertain", "ex3," + c + ",bird",
                "ex4," + a + ",uncertain",
                "ex5," + a + ",bird", "ex5," + b + ",dog") + "\n");
        return slug;
    }

    @Test
    void theOpenQueueIsExactlyTheFlaggedSet() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        as(sme).get("/api/projects/" + slug + "/reviews?status=open").then().statusCode(200)
                .body("items.key", containsInAnyOrder("ex2", "ex3", "ex4"))
                .body("items.find { it.key == 'ex2' }.reasons", equalTo(List.of("disagreement")))
                .body("items.find { it.key == 'ex3' }.reasons", containsInAnyOrder("disagreement", "uncertain", "low-agreement"))
                .body("items.find { it.key == 'ex4' }.reasons", equalTo(List.of("uncertain")))
                .body("items[0].key", equalTo("ex3")); // most divided first
        as(sme).get("/api/projects/" + slug + "/reviews?reason=uncertain").then().body("items.key", containsInAnyOrder("ex3", "ex4"));
        as(sme).get("/api/projects/" + slug + "/reviews?pair=cat,dog").then().body("items.key", equalTo(List.of("ex2")));
        as(sme).get("/api/projects/" + slug + "/reviews?status=nonsense").then().statusCode(400);
        assertEquals(3, Api.count(slug, "openReviews"));
    }

    @Test
    void twoSmesResolvingFromTheSameVersionGetOne200AndOne409() throws Exception {
        String sme1 = Api.user("SME");
        String sme2 = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        int version = as(sme1).get("/api/projects/" + slug + "/reviews/ex2").then().statusCode(200).extract().path("review.version");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (String[] call : new String[][] {{sme1, "cat"}, {sme2, "dog"}}) {
            results.add(pool.submit(() -> {
                start.await();
                return as(call[0]).contentType(ContentType.JSON)
                        .body(Map.of("label", call[1], "rationale", "whiskers", "version", version))
                        .put("/api/projects/" + slug + "/reviews/ex2/resolution").statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) statuses.add(f.get());
        pool.shutdown();
        statuses.sort(null);
        assertEquals(List.of(200, 409), statuses);
        // The loser sees what changed, and can resolve again from the new version.
        var conflict = as(sme2).contentType(ContentType.JSON).body(Map.of("label", "dog", "version", version))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution");
        conflict.then().statusCode(409).body("details[0].status", equalTo("resolved")).body("details[0].version", equalTo(version + 1));
        as(sme2).contentType(ContentType.JSON).body(Map.of("label", "dog", "rationale", "on reflection", "version", version + 1))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(200).body("resolution", equalTo("dog"));
        as(sme1).get("/api/projects/" + slug + "/reviews/ex2").then()
                .body("history.action", hasItem("flagged")).body("history.findAll { it.action == 'resolved' }.size()", equalTo(2));
        as(sme1).get("/api/projects/" + slug + "/reviews?status=resolved").then().body("items.key", equalTo(List.of("ex2")));
    }

    @Test
    void labelersCannotResolveAndBadLabelsAre400() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        as(who[0]).contentType(ContentType.JSON).body(Map.of("label", "cat", "version", 1))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(403);
        as(who[0]).get("/api/projects/" + slug + "/reviews").then().statusCode(403);
        as(sme).contentType(ContentType.JSON).body(Map.of("label", "fish", "version", 1))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(400);
        as(sme).contentType(ContentType.JSON).body(Map.of("label", "cat"))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(400);
        as(sme).get("/api/projects/" + slug + "/reviews?status=resolved").then().body("total", equalTo(0));
    }

    @Test
    void aLabelerNeverReadsOthersLabelsBeforeResolution() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        String a = who[0];
        // Before the resolution nothing names another labeler, and nothing about ex2 (a said cat, b dog) says "dog".
        // (TwoWorldsTest compares every route's whole answer; this reads the obvious places.)
        for (String path : List.of("/api/projects/" + slug + "/reviews", "/api/projects/" + slug + "/outcomes/me",
                "/api/projects/" + slug + "/labels/me", "/api/projects/" + slug + "/queue/next", "/api/projects/" + slug + "/agreement",
                "/api/projects/" + slug + "/examples", "/api/projects/" + slug)) {
            String body = as(a).get(path).then().extract().asString();
            org.hamcrest.MatcherAssert.assertThat(path, body, not(containsString(who[1])));
            org.hamcrest.MatcherAssert.assertThat(path, body, not(containsString(who[2])));
        }
        for (String path : List.of("/api/projects/" + slug + "/examples/ex2/outcome", "/api/projects/" + slug + "/reviews/ex2",
                "/api/projects/" + slug + "/reviews/ex2/comments")) {
            String body = as(a).get(path).then().extract().asString();
            org.hamcrest.MatcherAssert.assertThat(path, body, not(containsString(who[1])));
            org.hamcrest.MatcherAssert.assertThat(path, body, not(containsString("dog")));
        }
        as(a).get("/api/projects/" + slug + "/examples/ex2/outcome").then().statusCode(404);
        int version = as(sme).get("/api/projects/" + slug + "/reviews/ex2").then().extract().path("review.version");
        as(sme).contentType(ContentType.JSON).body(Map.of("label", "cat", "rationale", "pointy ears", "version", version))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(200);
        // After the resolution, a labeler of the example learns the outcome; one who did not label it does not.
        as(a).get("/api/projects/" + slug + "/examples/ex2/outcome").then().statusCode(200)
                .body("resolution", equalTo("cat")).body("rationale", equalTo("pointy ears")).body("labels.labeler", hasItem(who[1]));
        as(Api.user("LABELER")).get("/api/projects/" + slug + "/examples/ex2/outcome").then().statusCode(404);
        // Resolved: the labeler's same answer again is a harmless retry (200), another one is refused.
        as(a).contentType(ContentType.JSON).body(Map.of("label", "cat")).put("/api/projects/" + slug + "/examples/ex2/labels/me")
                .then().statusCode(200).body("label", equalTo("cat"));
        as(a).contentType(ContentType.JSON).body(Map.of("label", "dog")).put("/api/projects/" + slug + "/examples/ex2/labels/me")
                .then().statusCode(409).body("message", containsString("resolved"));
        as(a).get("/api/projects/" + slug + "/outcomes/me").then().body("total", equalTo(1)).body("items.key", equalTo(List.of("ex2")))
                .body("items[0].myAnswer", equalTo("cat")).body("items[0].resolution", equalTo("cat"))
                .body("items[0].rationale", equalTo("pointy ears")).body("items[0].discussion", equalTo(List.of()));
    }

    @Test
    void aLabelerJoinsTheDiscussionOnlyOnceTheExampleIsResolved() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        as(sme).contentType(ContentType.JSON).body(Map.of("text", "Is the tail visible?"))
                .post("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(201);
        as(sme).contentType(ContentType.JSON).body(Map.of("text", ""))
                .post("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(400);
        // Before the resolution a labeler of ex2 (flagged) gets what a labeler of ex1 (all agreed) gets.
        for (String key : List.of("ex1", "ex2")) {
            var read = as(who[0]).get("/api/projects/" + slug + "/reviews/" + key + "/comments").then().statusCode(404).extract();
            assertEquals("No resolved review of '" + key + "' that you labeled; its outcome and discussion open to you once an SME resolves it.",
                    read.path("message"));
            as(who[1]).contentType(ContentType.JSON).body(Map.of("text", "Only the ears."))
                    .post("/api/projects/" + slug + "/reviews/" + key + "/comments").then().statusCode(404);
        }
        int version = as(sme).get("/api/projects/" + slug + "/reviews/ex2").then().extract().path("review.version");
        as(sme).contentType(ContentType.JSON).body(Map.of("label", "cat", "rationale", "ears", "version", version))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(200);
        as(who[1]).contentType(ContentType.JSON).body(Map.of("text", "Only the ears."))
                .post("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(201);
        as(Api.user("LABELER")).contentType(ContentType.JSON).body(Map.of("text", "drive-by"))
                .post("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(404);
        as(who[0]).get("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(200)
                .body("items.text", equalTo(List.of("Is the tail visible?", "Only the ears."))).body("total", equalTo(2));
        as(who[0]).get("/api/projects/" + slug + "/examples/ex2/outcome").then().statusCode(200)
                .body("discussion.text", equalTo(List.of("Is the tail visible?", "Only the ears."))).body("myAnswer", equalTo("cat"));
    }

    @Test
    void aLabelerOfRoundOneDoesNotReadRoundTwosOpenDiscussion() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        int version = as(sme).get("/api/projects/" + slug + "/reviews/ex2").then().extract().path("review.version");
        as(sme).contentType(ContentType.JSON).body(Map.of("label", "cat", "rationale", "round one", "version", version))
                .put("/api/projects/" + slug + "/reviews/ex2/resolution").then().statusCode(200);
        as(sme).contentType(ContentType.JSON).body(Map.of("keys", List.of("ex2"))).post("/api/projects/" + slug + "/rounds").then().statusCode(201);
        // Round 2: two labelers disagree, the SME discusses it before who[0] has labeled round 2.
        for (String[] l : new String[][] {{who[1], "cat"}, {who[2], "uncertain"}}) {
            as(l[0]).contentType(ContentType.JSON).body(Map.of("label", l[1])).put("/api/projects/" + slug + "/examples/ex2/labels/me")
                    .then().statusCode(201);
        }
        as(sme).contentType(ContentType.JSON).body(Map.of("text", "Round two: look at the whiskers"))
                .post("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(201);
        // who[0] sees round 1's settled thread (they labeled it), never round 2's open one.
        as(who[0]).get("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(200).body("items", equalTo(List.of()));
        as(who[0]).get("/api/projects/" + slug + "/examples/ex2/outcome").then().statusCode(200)
                .body("round", equalTo(1)).body("rationale", equalTo("round one"));
        as(who[1]).get("/api/projects/" + slug + "/reviews/ex2/comments").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void aLabelerIsNotToldHowManyReviewsAreOpen() {
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        as(who[0]).get("/api/projects/" + slug).then().statusCode(200).body("counts.openReviews", equalTo(null))
                .body("counts.labels", equalTo(12));
        as(Api.user("SME")).get("/api/projects/" + slug).then().body("counts.openReviews", equalTo(3));
        String page = as(who[0]).get("/projects/" + slug).then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("Open reviews")));
    }

    @Test
    void aRoundNeedsRealKeys() {
        String slug = flaggedProject(new String[] {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")});
        as(Api.user("SME")).contentType(ContentType.JSON).body("{\"keys\":[null]}").post("/api/projects/" + slug + "/rounds")
                .then().statusCode(400).body("error", equalTo("bad_request"));
        as(Api.user("SME")).contentType(ContentType.JSON).body("{\"keys\":[\"ex1\",\"\"]}").post("/api/projects/" + slug + "/rounds")
                .then().statusCode(400);
    }

    @Test
    void aDryRunRoundNamesWhatTheRoundWouldRequeueAndChangesNothing() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        String rounds = "/api/projects/" + slug + "/rounds";
        as(sme).contentType(ContentType.JSON).body(Map.of("examples", "both", "sampleSize", 1, "seed", 7))
                .post(rounds + "?dryRun=true").then().statusCode(200).body("examples", equalTo(4));
        // Nothing moved: every example is still in round 1.
        admin().get("/api/projects/" + slug + "/examples").then().body("items.round", org.hamcrest.Matchers.everyItem(equalTo(1)));
        // The same body starts the very round previewed.
        List<String> previewed = as(sme).contentType(ContentType.JSON).body(Map.of("examples", "both", "sampleSize", 1, "seed", 7))
                .post(rounds + "?dryRun=true").then().statusCode(200).extract().path("keys");
        as(sme).contentType(ContentType.JSON).body(Map.of("examples", "both", "sampleSize", 1, "seed", 7))
                .post(rounds).then().statusCode(201).body("keys", equalTo(previewed));
        // A preview of nothing is an answer, not an error; bad options and a misspelt dryRun are 400s and start nothing.
        String empty = Api.textProjectWith(3, 2, "cat", "dog");
        as(sme).contentType(ContentType.JSON).body(Map.of("examples", "disputed")).post("/api/projects/" + empty + "/rounds?dryRun=true")
                .then().statusCode(200).body("examples", equalTo(0));
        as(sme).contentType(ContentType.JSON).body(Map.of("examples", "sample")).post(rounds + "?dryRun=true").then().statusCode(400);
        as(sme).contentType(ContentType.JSON).body(Map.of("examples", "disputed")).post(rounds + "?dryRun=yes")
                .then().statusCode(400).body("message", containsString("dryRun"));
        admin().get("/api/projects/" + slug + "/examples").then()
                .body("items.findAll { it.round == 2 }.key", containsInAnyOrder(previewed.toArray()));
    }

    @Test
    void aConsistencyRoundRequeuesExactlyTheChosenExamplesAndKeepsEarlierLabels() {
        String sme = Api.user("SME");
        String[] who = {Api.user("LABELER"), Api.user("LABELER"), Api.user("LABELER")};
        String slug = flaggedProject(who);
        as(sme).contentType(ContentType.JSON).body(Map.of("markdown", "# v2\nA bird flies.", "note", "clarify birds", "exampleKey", "ex2"))
                .post("/api/projects/" + slug + "/guides").then().statusCode(201).body("version", equalTo(2));
        as(sme).contentType(ContentType.JSON).body(Map.of("examples", "disputed"))
                .post("/api/projects/" + slug + "/rounds").then().statusCode(201)
                .body("keys", containsInAnyOrder("ex2", "ex3", "ex4"));
        assertEquals(12, Api.count(slug, "labels")); // earlier labels remain
        QueueInvariant.assertKept(slug); // the re-queued examples' entries start the new round empty
        // The same labeler now gets exactly the re-queued examples (ex1 and ex5 stay labeled by them).
        List<String> handedOut = new ArrayList<>();
        while (true) {
            var r = as(who[0]).get("/api/projects/" + slug + "/queue/next");
            if (r.statusCode() == 204) break;
            String key = r.path("key");
            assertEquals(2, (int) r.path("round"));
            assertEquals(2, (int) r.path("guideVersion"));
            handedOut.add(key);
            as(who[0]).contentType(ContentType.JSON).body(Map.of("label", "cat")).put("/api/projects/" + slug + "/examples/" + key + "/labels/me").then().statusCode(201);
        }
        handedOut.sort(null);
        assertEquals(List.of("ex2", "ex3", "ex4"), handedOut);
        assertEquals(15, Api.count(slug, "labels"));
        QueueInvariant.assertKept(slug);
        as(sme).contentType(ContentType.JSON).body(Map.of("keys", List.of("nope"))).post("/api/projects/" + slug + "/rounds").then().statusCode(400);
        as(who[0]).contentType(ContentType.JSON).body(Map.of("examples", "disputed")).post("/api/projects/" + slug + "/rounds").then().statusCode(403);
    }

    @Test
    void guideVersionsAreListedReadAndRenderedInert() {
        String slug = Api.textProjectWith(1, 1, "a", "b");
        String sme = Api.user("SME");
        String evil = "# Guide\n<script>alert(1)</script>\n[x](javascript:alert(2))\n<img src=x onerror=alert(3)>\n<a href=\"javascript:alert(4)\" onclick=\"alert(5)\">y</a>";
        as(sme).contentType(ContentType.JSON).body(Map.of("markdown", evil, "note", "xss")).post("/api/projects/" + slug + "/guides")
                .then().statusCode(201).body("version", equalTo(2));
        as(Api.user("LABELER")).get("/api/projects/" + slug + "/guides").then().body("items.version", equalTo(List.of(2, 1)));
        admin().get("/api/projects/" + slug + "/guides/2").then().body("markdown", equalTo(evil));
        String html = as(sme).get("/projects/" + slug + "/guide").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(html, not(containsString("<script>alert")));
        org.hamcrest.MatcherAssert.assertThat(html, not(containsString("href=\"javascript")));
        org.hamcrest.MatcherAssert.assertThat(html, not(containsString("onerror=alert")));
        org.hamcrest.MatcherAssert.assertThat(html, not(containsString("onclick=\"")));
        as(Api.user("LABELER")).contentType(ContentType.JSON).body(Map.of("markdown", "x")).post("/api/projects/" + slug + "/guides").then().statusCode(403);
        as(sme).contentType(ContentType.JSON).body(Map.of("markdown", " ")).post("/api/projects/" + slug + "/guides").then().statusCode(400);
    }
}
