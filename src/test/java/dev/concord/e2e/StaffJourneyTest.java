package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Course staff run an exercise from the browser: project, import, cohort, first login. */
@QuarkusTest
class StaffJourneyTest extends BrowserTest {

    @Test
    void staffCreateAProjectImportDataAndOnboardACohort() throws Exception {
        String admin = Api.user("ADMIN");
        logIn(admin);

        // New project: a bad overlap is shown next to its field and the typed values stay.
        page.navigate("/admin/projects/new");
        String name = "Reviews " + Api.unique("p");
        page.fill("#name", name);
        String slug = page.inputValue("#slug");
        assertTrue(slug.startsWith("reviews-"), "the slug is suggested from the name: " + slug);
        page.selectOption("#modality", "text");
        Locator labelNames = page.locator("input[name=labelName]");
        labelNames.nth(0).fill("positive");
        labelNames.nth(1).fill("negative");
        page.click("#add-label");
        assertEquals(4, page.locator(".label-row").count());
        page.locator("input[name=labelName]").nth(3).fill("mixed");
        page.locator(".label-row").nth(3).locator(".move-up").click();
        assertThat(page.locator(".label-row").nth(2).locator("input[name=labelName]")).hasValue("mixed");
        assertThat(page.locator(".label-row").nth(2).locator(".label-key")).hasText("3");
        page.fill("#overlap", "0");
        page.fill("#guide", "# Sentiment\n\n**positive**: the reviewer would buy again.");
        screenshot("new-project");
        page.click("button[value=create]");
        assertThat(page.locator("#overlap-error")).isVisible();
        assertThat(page.locator("#name")).hasValue(name);
        Api.admin().get("/api/projects/" + slug).then().statusCode(404);
        page.fill("#overlap", "2");
        page.click("button[value=create]");
        page.waitForURL("**/projects/" + slug + "?created=1");
        Api.admin().get("/api/projects/" + slug).then().statusCode(200)
                .body("labels", org.hamcrest.Matchers.contains("positive", "negative", "mixed")).body("overlap", org.hamcrest.Matchers.equalTo(2));

        // Import: a CSV with a bad line is refused and lists the line; nothing is stored.
        page.navigate("/projects/" + slug + "/import");
        String bad = "id,body\nr1,Great phone\nr1,duplicate key\nr3,\"never closed\n";
        page.setInputFiles("#examples-file", new FilePayload("reviews.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)));
        page.click(".upload-form >> nth=0 >> button[type=submit]");
        page.waitForURL("**/import/*");
        assertThat(page.locator("table.preview th").first()).hasText("id");
        page.selectOption("#key-column", "id");
        page.selectOption("#text-column", "body");
        page.click(".run-form button[type=submit]");
        assertThat(page.locator("#job-status .badge")).hasText("FAILED");
        assertThat(page.locator("#job-status .problems")).containsText("appears twice");
        assertEquals(0, Api.count(slug, "examples"));

        StringBuilder good = new StringBuilder("id,body\n");
        for (int i = 1; i <= 1200; i++) good.append("r").append(i).append(",Review number ").append(i).append('\n');
        page.navigate("/projects/" + slug + "/import");
        page.setInputFiles("#examples-file", new FilePayload("reviews.csv", "text/csv", good.toString().getBytes(StandardCharsets.UTF_8)));
        page.click(".upload-form >> nth=0 >> button[type=submit]");
        page.waitForURL("**/import/*");
        assertThat(page.locator("#row-count")).containsText("The first 8 of 1200 rows; 2 columns detected.");
        screenshot("import");
        page.selectOption("#key-column", "id");
        page.selectOption("#text-column", "body");
        page.click(".run-form button[type=submit]");
        assertThat(page.locator("#job-status .badge")).hasText("DONE");
        assertThat(page.locator("#job-status progress")).hasAttribute("value", "100");
        assertEquals(1200, Api.count(slug, "examples"));

        // Labels made elsewhere, through the second upload form; then an upload cancelled at its preview.
        page.navigate("/projects/" + slug + "/import");
        String labels = "example,labeler,label\nr1,crowd-worker-7,positive\nr2,crowd-worker-7,negative\n";
        page.setInputFiles("#annotations-file", new FilePayload("crowd.csv", "text/csv", labels.getBytes(StandardCharsets.UTF_8)));
        page.click(".upload-form >> nth=1 >> button[type=submit]");
        page.waitForURL("**/import/*");
        assertThat(page.locator("table.preview th").nth(1)).hasText("labeler");
        page.click(".run-form button[type=submit]");
        assertThat(page.locator("#job-status .badge")).hasText("DONE");
        assertEquals(2, Api.count(slug, "labels"));
        page.navigate("/projects/" + slug + "/import");
        page.setInputFiles("#examples-file", new FilePayload("more.csv", "text/csv", "id,body\nz1,late\n".getBytes(StandardCharsets.UTF_8)));
        page.click(".upload-form >> nth=0 >> button[type=submit]");
        page.waitForURL("**/import/*");
        page.click("button:has-text('Cancel')");
        page.waitForURL(url -> url.endsWith("/import"));
        assertThat(page.locator("table")).containsText("Cancelled");
        assertEquals(1200, Api.count(slug, "examples"));

        // Cohort onboarding, then a new labeler logs in with the password shown once.
        String learner = Api.unique("learner");
        page.navigate("/admin/users");
        page.fill("#cohort-names", learner + "," + learner + "@example.edu\n" + Api.unique("learner") + "\n");
        page.click("form[action='/admin/users/cohort'] button[type=submit]");
        Locator row = page.locator(".credentials tbody tr").first();
        assertThat(row).containsText(learner);
        String password = row.locator("code.password").textContent();
        var download = page.waitForDownload(() -> page.click(".credentials button[type=submit]"));
        assertTrue(Files.readString(download.path()).contains(learner + "," + password));

        // A one-time password: the first login leads to the account page to choose one's own.
        context.clearCookies();
        logIn(learner, password);
        page.waitForURL("**/account?done=choose");
        assertThat(page.locator(".flash")).containsText("Choose your own password");
        page.fill("#current", password);
        page.fill("#new", "learner-own-password");
        page.fill("#repeat", "learner-own-password");
        page.click("form[action='/account/password'] button[type=submit]");
        page.waitForURL("**/account?done=password");
        page.navigate("/");
        assertThat(page.locator(".project-card h2", new com.microsoft.playwright.Page.LocatorOptions().setHasText(name))).isVisible();
        page.navigate("/admin/users");
        assertThat(page.locator("h1")).containsText("Not allowed");
        assertEquals(List.of(), pageErrors);
        publishScreenshots("new-project", "import");
    }
}
