package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An SME works the review queue: resolves a dispute, then turns it into a guide change. */
@QuarkusTest
class ReviewJourneyTest extends BrowserTest {

    @Test
    void anSmeResolvesADisputeAndEditsTheGuide() throws Exception {
        String sme = Api.user("SME");
        String a = Api.user("LABELER"), b = Api.user("LABELER"), c = Api.user("LABELER");
        String slug = Api.project("image", 3, "scratch", "dent", "pit_mark", "none");
        Api.admin().multiPart("file", "img-7.png", Api.png(7), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        String csv = "example,labeler,label\nimg-7.png," + a + ",dent\nimg-7.png," + b + ",pit_mark\nimg-7.png," + c + ",uncertain\n";
        Api.admin().multiPart("file", "l.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").post("/api/projects/" + slug + "/annotations").then().statusCode(201);

        logIn(sme);
        page.navigate("/projects/" + slug + "/review");
        assertThat(page.locator(".review-queue tbody tr")).hasCount(1);
        page.click("text=img-7.png");
        assertThat(page.locator(".labels tbody tr")).hasCount(3);
        assertThat(page.locator(".example-image")).isVisible();
        page.fill("#comment-text", "Round edge, no shading: a pit mark?");
        page.click("#discussion button[type=submit]");
        assertThat(page.locator(".thread")).containsText("Round edge");
        page.check("input[name=label][value=pit_mark]");
        page.fill("#rationale", "Round and under 5 px: pit mark, per section 2.");
        screenshot("review");
        page.click("#resolution button[type=submit]");
        page.waitForLoadState();
        screenshot("review-after");
        page.waitForURL(url -> url.contains("/review?resolved="));
        assertThat(page.locator(".review-queue tbody")).containsText("Nothing here");
        Api.as(sme).get("/api/projects/" + slug + "/reviews?status=resolved").then().body("items[0].resolution", org.hamcrest.Matchers.equalTo("pit_mark"));

        // From the case, a new guide version that links it as a worked example.
        page.navigate("/projects/" + slug + "/guide?edit=true&example=img-7.png");
        page.fill("#markdown", "# Phone defects\n\n## pit_mark\nRound, under 5 px, no shading. See img-7.png.\n");
        page.click("button[value=preview]");
        assertThat(page.locator(".guide-preview h2")).hasText("pit_mark");
        page.click("button[value=save]");
        page.waitForURL(url -> url.endsWith("/guide?diff=2"));
        assertThat(page.locator(".diff pre.ins").first()).containsText("# Phone defects");
        Api.as(a).get("/api/projects/" + slug + "/guides/2").then().body("exampleKey", org.hamcrest.Matchers.equalTo("img-7.png"));
        // The labeler who took part learns the outcome.
        Api.as(b).get("/api/projects/" + slug + "/examples/img-7.png/outcome").then().statusCode(200).body("resolution", org.hamcrest.Matchers.equalTo("pit_mark"));
        assertEquals(List.of(), pageErrors);
        publishScreenshots("review");
    }
}
