package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An SME settles disputes without the mouse, loses a race without losing their words, and starts a consistency round. */
@QuarkusTest
class SmeFlowJourneyTest extends BrowserTest {

    /**
     * A text project (spam, ham, promo; three labelers an example) whose first {@code disputed}
     * examples are disputed and the rest agreed on; returns its slug.
     */
    private static String projectWithDisputes(int examples, int disputed) {
        String slug = Api.textProjectWith(3, examples, "spam", "ham", "promo");
        String tag = slug.substring(slug.length() - 8);
        StringBuilder csv = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= examples; i++) {
            csv.append("ex").append(i).append(",ana-").append(tag).append(",spam\n");
            csv.append("ex").append(i).append(",ben-").append(tag).append(i <= disputed ? ",ham\n" : ",spam\n");
            csv.append("ex").append(i).append(",cy-").append(tag).append(",spam\n");
        }
        annotate(slug, csv.toString());
        return slug;
    }

    private static void annotate(String slug, String csv) {
        Api.admin().multiPart("file", "labels.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
    }

    private String currentCase() {
        return page.locator("main > h1").textContent().replaceAll(".*review of ", "").trim();
    }

    @Test
    void anSmeResolvesThreeCasesWithTheKeyboardOnly() throws Exception {
        String sme = Api.user("SME");
        String slug = projectWithDisputes(3, 3);
        List<String> queue = Api.as(sme).get("/api/projects/" + slug + "/reviews").then().statusCode(200)
                .extract().jsonPath().getList("items.key", String.class);
        assertEquals(3, queue.size());

        logIn(sme);
        page.navigate("/projects/" + slug + "/review/" + queue.get(0));
        assertThat(page.locator("#key-legend")).containsText("Ctrl+Enter");
        // n and p walk the queue in its order.
        page.keyboard().press("n");
        page.waitForURL(url -> url.endsWith("/review/" + queue.get(1)));
        page.keyboard().press("p");
        page.waitForURL(url -> url.endsWith("/review/" + queue.get(0)));
        // g takes the SME to the guide panel.
        page.keyboard().press("g");
        assertEquals("guide-panel", page.evaluate("() => document.activeElement.id"));

        // Key per case, and a rationale full of letters that are keys elsewhere on the page.
        String[] keys = {"2", "u", "3"};
        String[] expected = {"ham", "uncertain", "promo"};
        Map<String, String[]> chosen = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String key = currentCase();
            String rationale = "Case " + key + ": rule 1 puts a promo link under spam; not unsure, go by the guide";
            page.keyboard().press(keys[i]);
            assertThat(page.locator("input[name=label][value=" + expected[i] + "]")).isChecked();
            page.keyboard().press("r");
            page.keyboard().type(rationale);
            assertThat(page.locator("input[name=label][value=" + expected[i] + "]")).isChecked();
            if (i == 0) screenshot("sme-keyboard");
            chosen.put(key, new String[] {expected[i], rationale});
            String before = page.url();
            page.keyboard().press("Control+Enter");
            page.waitForURL(url -> !url.equals(before));
            // Wherever the SME lands, the case just resolved keeps its link to a new guide version.
            assertThat(page.locator("#settled")).containsText("Resolved " + key + " as " + expected[i]);
            assertThat(page.locator("#settled a").first()).hasAttribute("href",
                    "/projects/" + slug + "/guide?edit=true&example=" + key);
            if (i < 2) assertTrue(page.url().contains("/review/ex"), "the next open case, not the queue: " + page.url());
        }
        page.waitForURL(url -> url.contains("/review?resolved="));
        assertThat(page.locator(".review-queue tbody")).containsText("Nothing here");
        screenshot("sme-queue-done");

        JsonPath resolved = Api.as(sme).get("/api/projects/" + slug + "/reviews?status=resolved").then().statusCode(200).extract().jsonPath();
        assertEquals(3, resolved.getInt("total"));
        for (Map.Entry<String, String[]> c : chosen.entrySet()) {
            assertEquals(c.getValue()[0], resolved.getString("items.find { it.key == '" + c.getKey() + "' }.resolution"), c.getKey());
            assertEquals(c.getValue()[1], resolved.getString("items.find { it.key == '" + c.getKey() + "' }.rationale"), c.getKey());
        }
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aResolutionThatLostARaceKeepsWhatTheSmeTyped() throws Exception {
        String sme = Api.user("SME"), other = Api.user("SME");
        String slug = projectWithDisputes(1, 1);
        logIn(sme);
        page.navigate("/projects/" + slug + "/review/ex1");
        page.keyboard().press("2");
        page.keyboard().press("r");
        String typed = "Ham: the link is to the poster's own channel, which the guide allows.";
        page.keyboard().type(typed);

        // Meanwhile another SME resolves the same case.
        int version = Api.as(other).get("/api/projects/" + slug + "/reviews/ex1").then().extract().path("review.version");
        Api.as(other).contentType(ContentType.JSON).body(Map.of("label", "spam", "rationale", "Any link is spam.", "version", version))
                .put("/api/projects/" + slug + "/reviews/ex1/resolution").then().statusCode(200);

        page.keyboard().press("Control+Enter");
        assertThat(page.locator("#resolve-error")).containsText("changed since you opened it");
        assertThat(page.locator("#resolve-error")).containsText("spam");
        assertThat(page.locator("#resolve-error")).containsText(other);
        assertThat(page.locator("#resolve-error")).containsText("Any link is spam.");
        assertThat(page.locator("#rationale")).hasValue(typed);
        assertThat(page.locator("input[name=label][value=ham]")).isChecked();
        screenshot("sme-conflict");

        // Having read theirs, the SME stands by their own answer: it replaces the other one.
        page.keyboard().press("Control+Enter");
        page.waitForURL(url -> url.contains("/review?resolved=ex1"));
        Api.as(sme).get("/api/projects/" + slug + "/reviews/ex1").then().statusCode(200)
                .body("review.resolution", equalTo("ham")).body("review.rationale", equalTo(typed))
                .body("review.resolvedBy", equalTo(sme));
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aConsistencyRoundStartedFromTheAgreementPage() throws Exception {
        String sme = Api.user("SME");
        String slug = projectWithDisputes(6, 2);
        logIn(sme);
        page.navigate("/projects/" + slug + "/agreement");
        assertThat(page.locator("#no-rounds")).isVisible();
        page.check("#round-form input[name=examples][value=both]");
        page.fill("#round-sample-size", "2");
        assertThat(page.locator("#round-start")).isDisabled();
        page.click("#round-preview");
        assertThat(page.locator("#round-status")).containsText("re-queues");
        Matcher preview = Pattern.compile("re-queues (\\d+) example").matcher(page.locator("#round-status").textContent());
        assertTrue(preview.find(), page.locator("#round-status").textContent());
        int previewed = Integer.parseInt(preview.group(1));
        assertEquals(4, previewed, "the two disputed examples and a sample of two others");
        // The preview changed nothing.
        assertEquals(0, roundTwoKeys(slug).size());
        screenshot("round-preview");

        page.click("#round-start");
        assertThat(page.locator("#round-status")).containsText("Round started: " + previewed + " examples");
        List<String> requeued = roundTwoKeys(slug);
        assertEquals(previewed, requeued.size());
        assertTrue(requeued.containsAll(List.of("ex1", "ex2")), "the disputed examples are in the round: " + requeued);

        // The labelers agree this time; the page sets round 2 beside the same examples' round 1.
        String tag = slug.substring(slug.length() - 8);
        StringBuilder csv = new StringBuilder("example,labeler,label\n");
        for (String key : requeued) {
            String label = key.equals("ex1") || key.equals("ex2") ? "ham" : "spam";
            for (String who : List.of("ana-", "ben-", "cy-")) csv.append(key).append(',').append(who).append(tag).append(',').append(label).append('\n');
        }
        annotate(slug, csv.toString());
        JsonPath rounds = Api.as(sme).get("/api/projects/" + slug + "/agreement/rounds").then().statusCode(200).extract().jsonPath();
        assertEquals(4, rounds.getInt("rounds[1].figures.examples"));
        assertEquals(4, rounds.getInt("rounds[1].previousOfSameExamples.examples"));
        double before = rounds.getDouble("rounds[1].previousOfSameExamples.percentAgreement");
        assertEquals(1.0, rounds.getDouble("rounds[1].figures.percentAgreement"), 1e-9);
        assertTrue(before < 1.0, "the disputed examples disagreed in round 1: " + before);

        page.navigate("/projects/" + slug + "/agreement");
        assertThat(page.locator("#round-2 td").nth(1)).hasText("1.000");
        assertThat(page.locator("#round-2 td").nth(3)).hasText(String.format(java.util.Locale.ROOT, "%.3f", before));
        assertThat(page.locator("#round-1")).containsText("first labeling");
        page.locator("#rounds").scrollIntoViewIfNeeded();
        screenshot("round-agreement");
        assertEquals(List.of(), pageErrors);
    }

    private static List<String> roundTwoKeys(String slug) {
        JsonPath examples = Api.admin().get("/api/projects/" + slug + "/examples").then().statusCode(200).extract().jsonPath();
        return examples.getList("items.findAll { it.round == 2 }.key", String.class);
    }
}
