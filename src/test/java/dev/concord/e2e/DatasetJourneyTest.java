package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff release a dataset version from the page and see its counts, files and snippet. */
@QuarkusTest
class DatasetJourneyTest extends BrowserTest {

    @Test
    void anSmeReleasesAVersionFromThePage() throws Exception {
        String sme = Api.user("SME");
        String slug = Api.textProjectWith(1, 20, "pos", "neg");
        StringBuilder csv = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= 20; i++) csv.append("ex").append(i).append(",ext-1,").append(i % 2 == 0 ? "pos" : "neg").append('\n');
        Api.admin().multiPart("file", "l.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv").post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        logIn(sme);
        page.navigate("/projects/" + slug + "/datasets");
        assertThat(page.locator(".versions")).containsText("No version released yet");
        page.fill("#train", "0.7");
        page.fill("#dev", "0.3");
        page.click(".release-form button[type=submit]");
        // The sum as a person writes it (0.7 + 0.3 + 0.1 is 1.0999999999999999 in floating point).
        assertThat(page.locator(".flash.error")).containsText("they add up to 1.1.");
        page.fill("#train", "0.7");
        page.fill("#dev", "0.1");
        page.fill("#test", "0.2");
        page.fill("#label-column", "sentiment");
        page.click(".release-form button[type=submit]");
        assertThat(page.locator(".flash")).containsText("Version 1 was released: 20 examples.");
        // The next release offers the same label column.
        assertThat(page.locator("#label-column")).hasValue("sentiment");
        assertThat(page.locator(".versions tbody tr")).hasCount(1);
        assertThat(page.locator(".versions")).containsText("v1");
        assertThat(page.locator(".versions")).containsText("data.csv");
        assertThat(page.locator(".snippet").first()).containsText("read_csv");
        screenshot("datasets");
        Api.as(sme).get("/api/projects/" + slug + "/datasets/latest/manifest.json").then().body("examples", org.hamcrest.Matchers.equalTo(20));
        assertEquals(List.of(), pageErrors);
        publishScreenshots("datasets");
    }
}
