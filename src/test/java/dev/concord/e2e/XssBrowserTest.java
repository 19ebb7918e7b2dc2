package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In the real browser, hostile row cells, column names, keys and comments show as text: no
 * element is created from them and no handler runs, on the labeling page (rendered by script)
 * and on the SME's review page (rendered by the server).
 */
@QuarkusTest
class XssBrowserTest extends BrowserTest {
    static final String IMG = "<img src=x onerror=\"window.__xss=1\">";
    static final String SVG = "\"><svg onload=\"window.__xss=2\">";

    @Test
    void hostileDataStaysText() {
        String labeler = Api.user("LABELER"), other = Api.user("LABELER"), sme = Api.user("SME");
        String slug = Api.unique("xss-browser");
        Api.admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Rows " + SVG, "modality", "row", "labels", List.of("ok", "bad"), "overlap", 2))
                .post("/api/projects").then().statusCode(201);
        String key = "k<i>1";
        Api.importCsv(slug, "id,\"note" + SVG.replace("\"", "\"\"") + "\",other\n"
                + "\"" + key + "\",\"" + IMG.replace("\"", "\"\"") + "\",\"" + SVG.replace("\"", "\"\"") + "\"\n");

        logIn(labeler);
        page.navigate("/projects/" + slug + "/label");
        assertThat(page.locator(".row-table")).containsText(IMG);
        assertThat(page.locator(".row-table")).containsText("note" + SVG);
        assertThat(page.locator("#example-key")).hasText(key);
        assertEquals(0, page.locator("main img[src=x], main svg[onload], #example-key i").count());
        page.fill("#comment", IMG);
        page.keyboard().press("Escape");
        page.keyboard().press("1");
        assertThat(page.locator("#done")).isVisible();

        Api.as(other).contentType(ContentType.JSON).body(Map.of("label", "bad", "comment", SVG))
                .put("/api/projects/{slug}/examples/{key}/labels/me", slug, key).then().statusCode(201);
        context.clearCookies();
        logIn(sme);
        page.navigate("/projects/" + slug + "/review");
        page.click(".review-queue tbody a");
        assertThat(page.locator(".labels")).containsText(IMG);
        assertThat(page.locator(".labels")).containsText(SVG);
        assertEquals(0, page.locator("main img[src=x], main svg[onload]").count());
        screenshot("xss-review");
        assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : window.__xss"));
        assertEquals(List.of(), pageErrors);
    }
}
