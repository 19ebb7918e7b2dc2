package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginJourneyTest extends BrowserTest {

    @Test
    void labelerLogsInSeesTheirProjectsAndLogsOut() throws Exception {
        String labeler = Api.user("LABELER");
        String slug = Api.textProjectWith(2, 3, "pos", "neg");
        page.navigate("/projects/" + slug);
        assertTrue(page.url().contains("/login?next="), "an anonymous visitor is sent to the login page");
        page.fill("#username", labeler);
        page.fill("#password", "wrong password");
        page.press("#password", "Enter");
        assertThat(page.locator(".flash.error")).containsText("do not match");
        page.fill("#password", Api.PASSWORD);
        page.press("#password", "Enter");
        page.waitForURL("**/projects/" + slug);
        assertThat(page.locator("h1")).containsText("Test " + slug);
        assertThat(page.locator(".labelset")).containsText("pos");
        page.navigate("/");
        assertThat(page.locator(".project-card h2", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Test " + slug))).isVisible();
        screenshot("home");
        publishScreenshots("home");
        page.click("text=Log out");
        page.waitForURL("**/login");
        page.navigate("/");
        assertTrue(page.url().contains("/login"), "after logout the session no longer works");
        assertEquals(java.util.List.of(), pageErrors);
    }
}
