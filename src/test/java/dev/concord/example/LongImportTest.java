package dev.concord.example;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mechanism that lets imports of any size run to the end (issue 25), at sizes a test can
 * afford: a transaction timeout of one second here, imports that outlive it, and bad rows at the
 * very end of long files. An import runs in a database transaction of its own, outside JTA, so no
 * timeout ends it; it is all or nothing because that one transaction is.
 */
@QuarkusTest
@TestProfile(LongImportTest.ShortTransactions.class)
class LongImportTest {
    public static class ShortTransactions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.transaction-manager.default-transaction-timeout", "1s");
        }
    }

    private static final int ROWS = 20_000;
    private static final int LABELERS = 3;

    private static String rows(int n, String lastKey) {
        StringBuilder csv = new StringBuilder("id,text,source\n");
        for (int i = 1; i <= n; i++) {
            String key = i == n && lastKey != null ? lastKey : "row-" + i;
            csv.append(key).append(",Some words to label in row number ").append(i).append(",shop-").append(i % 7).append('\n');
        }
        return csv.toString();
    }

    private static String labels(int n, String labeler, String lastLabel) {
        StringBuilder csv = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= n; i++) {
            for (int l = 1; l <= LABELERS; l++) {
                boolean last = i == n && l == LABELERS;
                csv.append("row-").append(i).append(',').append(labeler).append(l).append(',')
                        .append(last && lastLabel != null ? lastLabel : (i + l) % 3 == 0 ? "no" : "yes").append('\n');
            }
        }
        return csv.toString();
    }

    private static ValidatableResponse upload(String slug, String what, String csv) {
        return Api.admin().multiPart("file", "data.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/" + what).then();
    }

    private static int count(String slug, String what) {
        return Api.admin().get("/api/projects/" + slug).then().statusCode(200).extract().path("counts." + what);
    }

    @Test
    void importsThatOutliveTheTransactionTimeoutStillCommit() {
        String slug = Api.project("text", LABELERS, "yes", "no");
        long started = System.nanoTime();
        upload(slug, "examples", rows(ROWS, null)).statusCode(201).body("imported", equalTo(ROWS));
        long examplesMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        upload(slug, "annotations", labels(ROWS, "outlives-", null)).statusCode(201).body("imported", equalTo(ROWS * LABELERS));
        long labelsMs = (System.nanoTime() - started) / 1_000_000;
        // Without these the test would show nothing: each import must run longer than the 1 s timeout.
        assertTrue(examplesMs > 1000, "the examples' import took " + examplesMs + " ms, not more than the 1 s timeout; make the file larger");
        assertTrue(labelsMs > 1000, "the labels' import took " + labelsMs + " ms, not more than the 1 s timeout; make the file larger");
        assertEquals(ROWS, count(slug, "examples"));
        assertEquals(ROWS * LABELERS, count(slug, "labels"));
        // Every round is complete (overlap 3, three labelers) and none is unanimous ((i + l) % 3 == 0 gives
        // "no" for exactly one labeler of each row): each is flagged, as labels made here would be.
        Api.admin().get("/api/projects/" + slug + "/reviews").then().statusCode(200).body("counts.open", equalTo(ROWS));
    }

    @Test
    void aBadRowAtTheVeryEndStoresNothingAndTheDatabaseGoesOn() {
        String slug = Api.project("text", LABELERS, "yes", "no");
        upload(slug, "examples", rows(ROWS, "")).statusCode(400)
                .body("error", equalTo("bad_rows"))
                .body("details.line", equalTo(List.of(ROWS + 1)))
                .body("details.message", hasItem(containsString("The key is empty")));
        assertEquals(0, count(slug, "examples"));

        upload(slug, "examples", rows(ROWS, null)).statusCode(201).body("imported", equalTo(ROWS));
        upload(slug, "annotations", labels(ROWS, "bad-end-", "maybe")).statusCode(400)
                .body("error", equalTo("bad_rows"))
                .body("details.line", equalTo(List.of(ROWS * LABELERS + 1)))
                .body("details.message", hasItem(containsString("'maybe' is not one of this project's labels")));
        assertEquals(0, count(slug, "labels"));
        // The labelers the failed file named were not created either.
        Api.admin().get("/api/users").then().statusCode(200).body("items.username", not(hasItem("bad-end-1")));

        // The database answers as before: the same file, corrected, goes in whole.
        upload(slug, "annotations", labels(ROWS, "bad-end-", null)).statusCode(201).body("imported", equalTo(ROWS * LABELERS));
        assertEquals(ROWS * LABELERS, count(slug, "labels"));
        Api.admin().get("/api/users").then().statusCode(200).body("items.username", hasItem("bad-end-1"));
    }
}
