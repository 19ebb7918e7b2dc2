package dev.concord.labeling;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LabelQueueTest {
    @Inject
    EntityManager em;

    static Response next(String user, String slug) {
        return as(user).get("/api/projects/" + slug + "/queue/next");
    }

    static Response label(String user, String slug, String key, String value) {
        return as(user).contentType(ContentType.JSON).body(Map.of("label", value, "durationMs", 1200))
                .put("/api/projects/" + slug + "/examples/" + key + "/labels/me");
    }

    /** Lets the project's leases run out (only this project's: other tests' leases are left alone). */
    void expireLeases(String slug) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update Lease l set l.expiresAt = ?1 where l.exampleId in "
                        + "(select e.id from Example e, Project p where e.projectId = p.id and p.slug = ?2)")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, slug).executeUpdate());
    }

    @Test
    void aLabelerGetsAnExampleLabelsItAndNeverGetsItAgain() {
        String slug = Api.textProjectWith(2, 3, "pos", "neg");
        String alice = Api.user("LABELER");
        Response first = next(alice, slug);
        first.then().statusCode(200).body("modality", equalTo("text"))
                .body("guideVersion", equalTo(1)).body("$", not(hasKey("labels")));
        String key = first.path("key");
        assertEquals("Example text number " + key.substring(2), first.path("text"), "the text of the example handed out");
        next(alice, slug).then().body("key", equalTo(key)).body("guideVersion", equalTo(1)); // the lease holds the same example
        label(alice, slug, key, "pos").then().statusCode(201).body("label", equalTo("pos")).body("guideVersion", equalTo(1));
        label(alice, slug, key, "neg").then().statusCode(200).body("label", equalTo("neg")); // idempotent replace
        assertEquals(1, Api.count(slug, "labels"));
        List<String> seen = new ArrayList<>(List.of(key));
        for (int i = 0; i < 2; i++) {
            String k = next(alice, slug).then().statusCode(200).extract().path("key");
            assertTrue(!seen.contains(k), "never the same example twice");
            seen.add(k);
            label(alice, slug, k, "pos").then().statusCode(201);
        }
        next(alice, slug).then().statusCode(204);
        as(alice).get("/api/projects/" + slug + "/labels/me").then().body("total", equalTo(3));
    }

    @Test
    void labelAndNextInOneRequest() {
        String slug = Api.textProjectWith(1, 3, "pos", "neg");
        String alice = Api.user("LABELER");
        String first = next(alice, slug).path("key");
        List<String> seen = new ArrayList<>(List.of(first));
        String key = first;
        for (int i = 0; i < 2; i++) {
            Response r = as(alice).contentType(ContentType.JSON).body(Map.of("label", "pos"))
                    .put("/api/projects/" + slug + "/examples/" + key + "/labels/me?next=true");
            r.then().statusCode(201).body("key", equalTo(key)).body("label", equalTo("pos")).body("next.modality", equalTo("text"));
            key = r.path("next.key");
            assertTrue(!seen.contains(key), "the next example is a new one");
            seen.add(key);
            next(alice, slug).then().body("key", equalTo(key)); // and it is leased to me
        }
        // With ?progress=true the example comes with the counts (read after the lease's commit).
        as(alice).get("/api/projects/" + slug + "/queue/next?progress=true").then().statusCode(200)
                .body("key", equalTo(key)).body("progress.myLabels", equalTo(2)).body("progress.examples", equalTo(3))
                .body("progress.completeExamples", equalTo(2)).body("progress.labels", equalTo(2)).body("progress.labelsNeeded", equalTo(3));
        next(alice, slug).then().body("progress", equalTo(null));
        // A skip list is honoured; the last example answered with nothing left: next is null.
        as(alice).contentType(ContentType.JSON).body(Map.of("label", "neg"))
                .put("/api/projects/" + slug + "/examples/" + key + "/labels/me?next=true&skip=" + first)
                .then().statusCode(201).body("label", equalTo("neg")).body("next", equalTo(null)).body("$", hasKey("next"));
        // A refused label brings no next example and stores nothing.
        as(alice).contentType(ContentType.JSON).body(Map.of("label", "maybe"))
                .put("/api/projects/" + slug + "/examples/" + key + "/labels/me?next=true")
                .then().statusCode(400).body("error", equalTo("bad_request")).body("$", not(hasKey("next")));
        assertEquals(3, Api.count(slug, "labels"));
        as(alice).get("/api/projects/" + slug + "/labels/me").then().body("total", equalTo(3));
    }

    @Test
    void aCompleteRoundIsFlaggedOnlyWhenItsLabelsDisagree() {
        String slug = Api.textProjectWith(2, 2, "pos", "neg");
        String a = Api.user("LABELER");
        String b = Api.user("LABELER");
        for (String who : List.of(a, b)) {
            for (int i = 0; i < 2; i++) {
                String key = next(who, slug).path("key");
                // ex1: both say pos; ex2: a says pos, b says neg.
                label(who, slug, key, key.equals("ex1") || who.equals(a) ? "pos" : "neg").then().statusCode(201);
            }
        }
        as(Api.user("SME")).get("/api/projects/" + slug + "/reviews").then().statusCode(200)
                .body("items.key", equalTo(List.of("ex2"))).body("items[0].reasons", equalTo(List.of("disagreement")));
    }

    @Test
    void examplesCloseToCompletionComeFirst() {
        String slug = Api.textProjectWith(3, 5, "pos", "neg");
        String a = Api.user("LABELER");
        String b = Api.user("LABELER");
        String key = next(a, slug).path("key");
        label(a, slug, key, "pos").then().statusCode(201);
        next(b, slug).then().body("key", equalTo(key));
    }

    @Test
    void overlapIsHonouredUnder32ConcurrentLabelers() throws Exception {
        int examples = 40;
        int overlap = 3;
        String slug = Api.textProjectWith(overlap, examples, "pos", "neg");
        List<String> labelers = new ArrayList<>();
        for (int i = 0; i < 32; i++) labelers.add(Api.user("LABELER"));
        Map<String, List<String>> byExample = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> results = new ArrayList<>();
        for (String labeler : labelers) {
            results.add(pool.submit((Callable<Integer>) () -> {
                int done = 0;
                while (true) {
                    Response r = next(labeler, slug);
                    if (r.statusCode() == 204) return done;
                    assertEquals(200, r.statusCode());
                    String key = r.path("key");
                    int status = label(labeler, slug, key, done % 2 == 0 ? "pos" : "neg").statusCode();
                    assertEquals(201, status, "a handed-out example can always be labeled");
                    byExample.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(labeler);
                    done++;
                }
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) total += f.get();
        pool.shutdown();
        assertEquals(examples * overlap, total);
        assertEquals(examples, byExample.size());
        byExample.forEach((key, who) -> {
            assertEquals(overlap, who.size(), key + " has exactly overlap labelers");
            assertEquals(overlap, new java.util.HashSet<>(who).size(), key + " is never labeled twice by one labeler");
        });
        // And the database agrees.
        assertEquals(examples * overlap, Api.count(slug, "labels"));
        assertEquals(examples, Api.count(slug, "completeExamples"));
        QueueInvariant.assertKept(slug);
    }

    @Test
    void anExpiredLeaseReturnsTheExampleToThePool() {
        String slug = Api.textProjectWith(1, 1, "pos", "neg");
        String a = Api.user("LABELER");
        String b = Api.user("LABELER");
        String key = next(a, slug).path("key");
        next(b, slug).then().statusCode(204); // overlap 1: the only example is leased by a
        QueueInvariant.assertKept(slug);
        expireLeases(slug);
        next(b, slug).then().statusCode(200).body("key", equalTo(key));
        QueueInvariant.assertKept(slug);
        label(b, slug, key, "neg").then().statusCode(201);
        // a's lease is gone and the example is full: a late submission from a is refused.
        label(a, slug, key, "pos").then().statusCode(409).body("error", equalTo("conflict"));
        assertEquals(1, Api.count(slug, "labels"));
        QueueInvariant.assertKept(slug);
    }

    @Test
    void anExpiredLeasesSlotIsSweptBackForAnotherLabeler() {
        String slug = Api.textProjectWith(2, 1, "pos", "neg");
        String a = Api.user("LABELER");
        String b = Api.user("LABELER");
        String c = Api.user("LABELER");
        String key = next(a, slug).path("key");
        expireLeases(slug);
        // b takes the free slot, then c the one a's expired lease held (given back by a sweep).
        next(b, slug).then().statusCode(200).body("key", equalTo(key));
        next(c, slug).then().statusCode(200).body("key", equalTo(key));
        QueueInvariant.assertKept(slug);
        label(b, slug, key, "neg").then().statusCode(201);
        label(c, slug, key, "neg").then().statusCode(201);
        label(a, slug, key, "pos").then().statusCode(409);
        QueueInvariant.assertKept(slug);
        assertEquals(1, Api.count(slug, "completeExamples"));
        assertEquals(2, Api.count(slug, "labels"));
    }

    @Test
    void skipAndUndo() {
        String slug = Api.textProjectWith(2, 2, "pos", "neg");
        String a = Api.user("LABELER");
        String first = next(a, slug).path("key");
        String second = as(a).get("/api/projects/" + slug + "/queue/next?skip=" + first).path("key");
        assertNotEquals(first, second);
        label(a, slug, second, "pos").then().statusCode(201);
        as(a).delete("/api/projects/" + slug + "/examples/" + second + "/labels/me").then().statusCode(204);
        assertEquals(0, Api.count(slug, "labels"));
        as(a).delete("/api/projects/" + slug + "/examples/" + second + "/labels/me").then().statusCode(404);
        as(a).post("/api/projects/" + slug + "/examples/" + second + "/skip").then().statusCode(204);
        QueueInvariant.assertKept(slug);
    }

    @Test
    void aLabelCanBeReplacedOrTakenBackOnlyUntilItsRoundIsComplete() {
        String slug = Api.textProjectWith(2, 1, "pos", "neg");
        String a = Api.user("LABELER");
        String b = Api.user("LABELER");
        label(a, slug, "ex1", "pos").then().statusCode(201);
        label(a, slug, "ex1", "neg").then().statusCode(200).body("label", equalTo("neg"));
        label(a, slug, "ex1", "pos").then().statusCode(200);
        label(b, slug, "ex1", "neg").then().statusCode(201);
        // Complete: the same answer is still fine (idempotent), a different one or taking it back is not.
        label(a, slug, "ex1", "pos").then().statusCode(200).body("label", equalTo("pos"));
        label(a, slug, "ex1", "neg").then().statusCode(409).body("error", equalTo("conflict"))
                .body("message", containsString("can no longer change"));
        label(b, slug, "ex1", "pos").then().statusCode(409);
        as(a).delete("/api/projects/" + slug + "/examples/ex1/labels/me").then().statusCode(409);
        as(Api.user("SME")).get("/api/projects/" + slug + "/reviews").then().body("items.key", equalTo(List.of("ex1")))
                .body("items[0].labels.label", containsInAnyOrder("pos", "neg"));
        QueueInvariant.assertKept(slug);
    }

    @Test
    void aLabelerAloneOnAnExampleKeepsTheirUndo() {
        // Overlap 1: the label completes the round at once, but nobody else answered, so there is
        // no disagreement to hide and the keyboard undo must keep working.
        String slug = Api.textProjectWith(1, 2, "pos", "neg");
        String a = Api.user("LABELER");
        label(a, slug, "ex1", "pos").then().statusCode(201);
        label(a, slug, "ex1", "neg").then().statusCode(200).body("label", equalTo("neg"));
        as(a).delete("/api/projects/" + slug + "/examples/ex1/labels/me").then().statusCode(204);
        assertEquals(0, Api.count(slug, "labels"));
        label(a, slug, "ex1", "pos").then().statusCode(201);
        QueueInvariant.assertKept(slug);
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        String slug = Api.textProjectWith(2, 2, "pos", "neg");
        String other = Api.textProjectWith(2, 2, "pos", "neg");
        String a = Api.user("LABELER");
        String key = next(a, slug).path("key");
        // The message names the label set in its order (read with the project on every request).
        label(a, slug, key, "maybe").then().statusCode(400).body("error", equalTo("bad_request"))
                .body("message", equalTo("'maybe' is not one of this project's labels [pos, neg] or 'uncertain'."));
        label(a, slug, "no-such-key", "pos").then().statusCode(404).body("error", equalTo("not_found"));
        label(a, "no-such-project", key, "pos").then().statusCode(404).body("error", equalTo("not_found"));
        next(a, "no-such-project").then().statusCode(404).body("error", equalTo("not_found"));
        as(a).contentType(ContentType.JSON).body(Map.of("comment", "x")).put("/api/projects/" + slug + "/examples/" + key + "/labels/me")
                .then().statusCode(400);
        // A key that exists only in the other project is not this project's: 404, and nothing stored there either.
        Api.importCsv(other, "id,text\nonly-there,elsewhere\n");
        label(a, slug, "only-there", "pos").then().statusCode(404).body("message", containsString("only-there"));
        assertEquals(0, Api.count(other, "labels"));
        label(a, other, "only-there", "pos").then().statusCode(201); // it does exist, in its own project
        // Another project's example through its own path, when the project is hidden from the labeler.
        String member = Api.user("LABELER");
        String hidden = Api.project("text", 1, List.of(member), "pos", "neg");
        Api.importCsv(hidden, "id,text\nh1,hidden\n");
        label(a, hidden, "h1", "pos").then().statusCode(404);
        next(a, hidden).then().statusCode(404);
        // A labeler on admin routes.
        as(a).contentType(ContentType.JSON).body(Map.of()).post("/api/projects").then().statusCode(403);
        assertEquals(0, Api.count(slug, "labels"));
        assertEquals(0, Api.count(hidden, "labels"));
        // Its member labels it.
        label(member, hidden, next(member, hidden).path("key"), "neg").then().statusCode(201);
        assertEquals(1, Api.count(hidden, "labels"));
    }

    @Test
    void onlyLabelersUseTheQueue() {
        String slug = Api.textProjectWith(1, 1, "pos", "neg");
        as(Api.user("SME")).get("/api/projects/" + slug + "/queue/next").then().statusCode(403);
        admin().get("/api/projects/" + slug + "/queue/next").then().statusCode(403);
    }
}
