package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A learner learns from their settled disputes: an empty feedback page that says what will come,
 * then, once an SME resolves, their answer, the final one, the reasons, a notice on the home page
 * that goes away after the visit, their match rate per guide version, and a reply in the thread.
 */
@QuarkusTest
class FeedbackJourneyTest extends BrowserTest {

    private static void label(String slug, String labeler, String key, String label) {
        Api.as(labeler).contentType(ContentType.JSON).body(Map.of("label", label))
                .put("/api/projects/" + slug + "/examples/" + key + "/labels/me").then().statusCode(201);
    }

    private static void resolve(String slug, String sme, String key, String label, String rationale) {
        int version = Api.as(sme).get("/api/projects/" + slug + "/reviews/" + key).then().statusCode(200).extract().path("review.version");
        Api.as(sme).contentType(ContentType.JSON).body(Map.of("label", label, "rationale", rationale, "version", version))
                .put("/api/projects/" + slug + "/reviews/" + key + "/resolution").then().statusCode(200);
    }

    @Test
    void aLearnerSeesWhyTheirDisputesWentTheWayTheyDid() throws Exception {
        String learner = Api.user("LABELER"), other = Api.user("LABELER"), sme = Api.user("SME");
        String slug = Api.project("image", 2, List.of(learner, other, sme), "scratch", "dent", "pit_mark", "none");
        for (int i = 1; i <= 4; i++) {
            Api.admin().multiPart("file", "img-" + i + ".png", Api.png(i), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        }
        // Under guide v1: a dispute on img-1 and an agreement on img-2.
        label(slug, learner, "img-1.png", "dent");
        label(slug, other, "img-1.png", "pit_mark");
        label(slug, learner, "img-2.png", "scratch");
        label(slug, other, "img-2.png", "scratch");
        // Under guide v2: two more disputes, img-3 (to be resolved) and img-4 (left open).
        Api.as(sme).contentType(ContentType.JSON).body(Map.of("markdown", "# Defects\n\nRound and small: pit_mark.\n", "note", "pit marks"))
                .post("/api/projects/" + slug + "/guides").then().statusCode(201);
        label(slug, learner, "img-3.png", "none");
        label(slug, other, "img-3.png", "dent");
        label(slug, learner, "img-4.png", "none");
        label(slug, other, "img-4.png", "dent");

        logIn(learner);
        assertThat(page.locator(".settled-notice")).hasCount(0);
        // Other tests' public projects may be on the home page too: this project's card.
        page.click(".project-card:has(a[href='/projects/" + slug + "']) >> text=Overview");
        page.click("text=Feedback on my labels");
        assertThat(page.locator(".feedback-empty")).containsText("When an SME settles an example you labeled");
        assertThat(page.locator("article.outcome")).hasCount(0);
        assertThat(page.locator(".projectnav [aria-current=page]")).hasText("Feedback");
        screenshot("feedback-empty");

        resolve(slug, sme, "img-1.png", "pit_mark", "Round, under 5 px, no shading: a pit mark (guide, section 2).");
        resolve(slug, sme, "img-3.png", "none", "A reflection of the lamp, not a dent.");
        Api.as(sme).contentType(ContentType.JSON).body(Map.of("text", "Dents cast a shadow; this one does not."))
                .post("/api/projects/" + slug + "/reviews/img-1.png/comments").then().statusCode(201);

        page.navigate("/");
        assertThat(page.locator(".settled-notice")).hasText(java.util.regex.Pattern.compile(
                "2 of your disputed examples in Test " + slug + " were settled — see why\\."));
        screenshot("feedback-home-notice");
        page.click(".settled-notice >> text=see why");
        page.waitForURL(url -> url.endsWith("/projects/" + slug + "/feedback"));

        assertThat(page.locator("article.outcome")).hasCount(2);
        var first = page.locator("article.outcome").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("img-1.png"));
        assertThat(first.locator(".my-answer")).hasText("dent");
        assertThat(first.locator(".final-answer")).containsText("pit_mark");
        assertThat(first.locator(".final-answer")).containsText("differs from yours");
        assertThat(first.locator(".rationale")).hasText("Round, under 5 px, no shading: a pit mark (guide, section 2).");
        assertThat(first.locator(".thread")).containsText("Dents cast a shadow");
        assertThat(first.locator(".badge.news")).hasText("new");
        var third = page.locator("article.outcome").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("img-3.png"));
        assertThat(third.locator(".final-answer")).containsText("matches yours");
        // The open dispute and the agreed example are not there, not even by name.
        assertFalse(page.content().contains("img-4.png"), "the page mentions an example still under review");
        assertFalse(page.content().contains("img-2.png"));
        // Own match rate per guide version, with counts: v1 0 of 1, v2 1 of 1.
        assertThat(page.locator(".match-rate-table tbody tr")).hasCount(2);
        assertThat(page.locator(".match-rate-table tbody tr").nth(0)).containsText("v1");
        assertThat(page.locator(".match-rate-table tbody tr").nth(0)).containsText("0% (0 of 1)");
        assertThat(page.locator(".match-rate-table tbody tr").nth(1)).containsText("v2");
        assertThat(page.locator(".match-rate-table tbody tr").nth(1)).containsText("100% (1 of 1)");
        screenshot("feedback");

        // A reply goes into the example's thread and brings the learner back to it on this page.
        first.locator("textarea[name=text]").fill("So a round mark without shadow is never a dent?");
        first.locator("button[type=submit]").click();
        page.waitForURL(url -> url.contains("/projects/" + slug + "/feedback#example-img-1.png"));
        var replied = page.locator("article.outcome").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("img-1.png"));
        assertThat(replied.locator(".thread")).containsText("So a round mark without shadow is never a dent?");
        // Seen now: no longer new, and the home page's notice is gone.
        assertThat(replied.locator(".badge.news")).hasCount(0);
        Api.as(sme).get("/api/projects/" + slug + "/reviews/img-1.png/comments").then()
                .body("items.text", org.hamcrest.Matchers.hasItem("So a round mark without shadow is never a dent?"));
        page.navigate("/");
        assertThat(page.locator(".project-card:has(a[href='/projects/" + slug + "'])")).hasCount(1);
        assertThat(page.locator(".settled-notice")).hasCount(0);
        screenshot("feedback-home-after");
        assertEquals(List.of(), pageErrors);
    }
}
