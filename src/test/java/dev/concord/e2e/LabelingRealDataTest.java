package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The labeling page with real data: a 33 KB text, a row with long column names on a phone, 20 MB
 * pictures, and a session that ends mid-labeling. Uploads up to 64 MB are allowed here (the test
 * profile's 8 MB would refuse the pictures).
 */
@QuarkusTest
@TestProfile(LabelingRealDataTest.BigUploads.class)
class LabelingRealDataTest extends BrowserTest {

    public static class BigUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "64M", "concord.upload.max-inflated-bytes", String.valueOf(64L << 20));
        }
    }

    /** Checks that the answer bar (and every label button) lies inside the viewport, and the page stays a few screens tall. */
    private void answerBarOnScreen(int width, int height) {
        BoundingBox bar = page.locator("#answer").boundingBox();
        assertTrue(bar.y >= 0 && bar.y + bar.height <= height, "answer bar inside the " + height + " px viewport: y=" + bar.y + " h=" + bar.height);
        assertTrue(bar.x >= 0 && bar.x + bar.width <= width, "answer bar inside the " + width + " px width: x=" + bar.x + " w=" + bar.width);
        for (Locator button : page.locator(".label-button").all()) {
            BoundingBox b = button.boundingBox();
            assertTrue(b.y >= 0 && b.y + b.height <= height && b.x + b.width <= width, "label button on screen: " + button.textContent());
        }
        double pageHeight = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).doubleValue();
        assertTrue(pageHeight < 3 * height, "the page stays under 3 viewports tall: " + pageHeight);
    }

    private String labelOf(String labeler, String slug, String key) {
        List<Map<String, Object>> items = Api.as(labeler).get("/api/projects/" + slug + "/labels/me").then().statusCode(200).extract().path("items");
        return items.stream().filter(m -> key.equals(m.get("key"))).map(m -> (String) m.get("label")).findFirst().orElse(null);
    }

    @Test
    void aLongTextScrollsInsideItsBoxAndTheAnswerBarStaysOnScreen() {
        String labeler = Api.user("LABELER");
        String slug = Api.project("text", 1, "positive", "negative");
        StringBuilder longText = new StringBuilder();
        for (int i = 1; longText.length() < 33_000; i++) {
            longText.append("Paragraph ").append(i).append(": the battery lasted two days, the screen scratched in a week, ")
                    .append("and support answered after a month, politely but without a fix.\n\n");
        }
        Api.importCsv(slug, "id,text\nlong,\"" + longText + "\"\n");
        logIn(labeler);
        page.navigate("/projects/" + slug + "/label");
        assertThat(page.locator("#example-key")).hasText("long");
        answerBarOnScreen(1366, 800);
        Locator box = page.locator("#example");
        assertTrue(box.boundingBox().height <= 0.6 * 800, "the example box is bounded: " + box.boundingBox().height);
        assertTrue((Boolean) page.evaluate("() => { const b = document.getElementById('example'); return b.scrollHeight > 10 * b.clientHeight; }"),
                "the 33 KB text scrolls inside the box");
        page.keyboard().press("ArrowDown");
        page.waitForFunction("() => document.getElementById('example').scrollTop > 0");
        screenshot("label-long-text", false);

        // Undo pressed while the answer is on its way is carried out, not dropped.
        page.keyboard().press("1");
        page.keyboard().press("z");
        assertThat(page.locator("#status")).containsText("taken back");
        assertThat(page.locator("#example-key")).hasText("long");
        assertEquals(null, labelOf(labeler, slug, "long"), "the undone label is gone");

        page.keyboard().press("2");
        assertThat(page.locator("#done")).isVisible();
        assertEquals("negative", labelOf(labeler, slug, "long"));
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aPictureFitsAPhoneWithItsGuideAndAnswers() throws Exception {
        String labeler = Api.user("LABELER");
        String slug = Api.unique("phones");
        Api.admin().contentType(io.restassured.http.ContentType.JSON).body(Map.of("slug", slug, "name", "Phone surface defects",
                        "modality", "image", "labels", List.of("scratch", "dent", "none"), "overlap", 1,
                        "guide", java.nio.file.Files.readString(java.nio.file.Path.of("label-guides/phone-defects.md"))))
                .post("/api/projects").then().statusCode(201);
        byte[] picture = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("sample-data/phone-defects/images/img-0002.png"));
        Api.admin().multiPart("file", "img2.png", picture, "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        page.setViewportSize(390, 844);
        logIn(labeler);

        page.navigate("/projects/" + slug + "/label");

        assertThat(page.locator("img.example-image")).isVisible();
        BoundingBox image = page.locator("img.example-image").boundingBox();
        assertTrue(image.x >= 0 && image.x + image.width <= 390, "the picture fits the phone's width: " + image.x + " + " + image.width);
        answerBarOnScreen(390, 844);
        screenshot("label-phone", false);
        publishScreenshots("label-phone");
        page.keyboard().press("2");
        assertThat(page.locator("#status")).containsText("Saved");
        assertEquals("dent", labelOf(labeler, slug, "img2.png"));
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aRowWithLongColumnNamesReadsAsStackedPairsOnAPhone() {
        String labeler = Api.user("LABELER");
        String slug = Api.project("row", 1, "spam", "not_spam", "unsure_needs_context");
        String names = "customer_account_identifier_hash_sha256,free_text_comment_from_the_support_ticket_body,"
                + "time_of_purchase_in_coordinated_universal_time_iso8601,COMMENT_ID";
        String comment = "I bought it for my daughter. ".repeat(60);
        Api.importCsv(slug, names + "\nab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56abcd,\"" + comment
                + "\",2024-03-01T12:00:00Z,c1\nx,\"" + comment + "\",2024-03-02T12:00:00Z,c2\n");
        page.setViewportSize(390, 844);
        logIn(labeler);
        page.navigate("/projects/" + slug + "/label");
        assertThat(page.locator(".row-table")).isVisible();
        answerBarOnScreen(390, 844);
        for (Locator row : page.locator(".row-table tr").all()) {
            BoundingBox name = row.locator("th").boundingBox();
            BoundingBox value = row.locator("td").boundingBox();
            assertTrue(name.width > 250, "a column name gets the row's width, not a sliver: " + name.width);
            assertTrue(name.height < 70, "a column name takes at most a few lines: " + name.height);
            assertTrue(value.y >= name.y + name.height - 1 && Math.abs(value.x - name.x) < 2, "the value sits under its name");
            assertTrue(value.width > 250, "a value gets the row's width: " + value.width);
        }
        screenshot("label-row-phone", false);
        page.keyboard().press("1");
        assertThat(page.locator("#status")).containsText("Saved");
        assertEquals(List.of("spam"), Api.as(labeler).get("/api/projects/" + slug + "/labels/me").then().extract().path("items.label"));
        assertEquals(List.of(), pageErrors);
    }

    /** A PNG of random pixels (so it does not compress) of at least 20 MB, stored uncompressed. */
    static byte[] bigNoisePng(long seed) throws IOException {
        int side = 2600;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        int[] row = new int[side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) row[x] = random.nextInt(1 << 24);
            image.setRGB(0, y, side, 1, row, 0, side);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(21 << 20);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1.0f); // no deflate effort: noise would not shrink anyway
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void twentyMegabytePicturesAreFetchedAheadAndZoomPans() throws Exception {
        String labeler = Api.user("LABELER");
        String slug = Api.project("image", 1, "scratch", "dent", "none");
        int pictures = 6;
        for (int i = 0; i < pictures; i++) {
            byte[] png = bigNoisePng(i);
            assertTrue(png.length >= 20_000_000, "a 20 MB picture: " + png.length);
            Api.admin().multiPart("file", "big" + i + ".png", png, "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        }
        // Remembers the page's last "the next example is in the browser" news, from before the page's own script runs.
        page.addInitScript("document.addEventListener('concord:ahead', e => { window.__ahead = e.detail; })");
        logIn(labeler);
        page.navigate("/projects/" + slug + "/label");
        List<Double> latencies = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < pictures; i++) {
            assertThat(page.locator("#example-key")).not().hasText("…");
            page.waitForFunction("() => { const i = document.querySelector('#example .example-image'); return i && i.complete && i.naturalWidth === 2600; }");
            String key = page.locator("#example-key").textContent();
            seen.add(key);
            if (i == 1) {
                page.keyboard().press("+");
                assertThat(page.locator("#zoom-level")).containsText("150 %");
                assertTrue((Boolean) page.evaluate("() => { const f = document.getElementById('image-frame').getBoundingClientRect();"
                        + " const i = document.querySelector('#image-frame .example-image').getBoundingClientRect();"
                        + " return Math.abs((i.left + i.right) / 2 - (f.left + f.right) / 2) < 2 && Math.abs((i.top + i.bottom) / 2 - (f.top + f.bottom) / 2) < 2"
                        + " && i.height > f.height; }"), "zooming keeps the picture's centre in the middle of the frame, not its top-left corner");
                page.keyboard().press("+");
                page.keyboard().press("+");
                assertThat(page.locator("#zoom-level")).containsText("338 %");
                double left = ((Number) frameScroll().get("left")).doubleValue();
                page.keyboard().press("ArrowRight");
                page.waitForFunction("left => document.getElementById('image-frame').scrollLeft > left", left);
                BoundingBox frame = page.locator("#image-frame").boundingBox();
                page.mouse().move(frame.x + frame.width / 2, frame.y + frame.height / 2);
                page.mouse().down();
                page.mouse().move(frame.x + frame.width / 2 - 80, frame.y + frame.height / 2 - 60, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
                page.mouse().up();
                Map<String, Object> dragged = frameScroll();
                assertTrue(((Number) dragged.get("left")).doubleValue() > left, "dragging moves the picture: " + dragged);
                answerBarOnScreen(1366, 800);
                screenshot("label-image-zoomed", false);
                for (int out = 0; out < 3; out++) page.keyboard().press("-");
                assertThat(page.locator("#zoom-level")).hasText("fit");
            }
            // The labeler looks at the picture for as long as the next one takes to arrive (the page says when).
            page.waitForFunction("key => window.__ahead && window.__ahead.after === key", key);
            Object following = page.evaluate("() => window.__ahead.key");
            double latency = pressUntilShown("1");
            if (i < pictures - 1) {
                assertEquals(following, page.locator("#example-key").textContent(), "the example fetched ahead is the one shown");
                latencies.add(latency);
            }
        }
        assertThat(page.locator("#done")).isVisible();
        assertEquals(pictures, seen.stream().distinct().count());
        Api.as(labeler).get("/api/projects/" + slug + "/labels/me").then().body("total", equalTo(pictures));
        assertEquals(List.of(), pageErrors);
        reportLatency("label-latency-big-image.txt", "key press -> next 20 MB picture on screen (fetched ahead)", latencies);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> frameScroll() {
        return (Map<String, Object>) page.evaluate("() => { const f = document.getElementById('image-frame'); return { left: f.scrollLeft, top: f.scrollTop }; }");
    }

    @Test
    void anAnswerGivenAfterTheSessionEndedIsSentAfterLoggingInAgain() {
        String labeler = Api.user("LABELER");
        String slug = Api.textProjectWith(1, 3, "pos", "neg");
        logIn(labeler);
        page.navigate("/projects/" + slug + "/label");
        assertThat(page.locator("#example-key")).not().hasText("…");
        String key = page.locator("#example-key").textContent();

        context.clearCookies(); // the session ends (as after a logout in another tab, or a restart of the browser's cookie jar)
        page.keyboard().press("c");
        page.keyboard().type("kept across the login");
        page.keyboard().press("Escape");
        page.keyboard().press("2");
        Locator status = page.locator("#status");
        assertThat(status).containsText("Your session ended");
        assertThat(status).hasClass(java.util.regex.Pattern.compile("field-error"));
        assertEquals("rgb(253, 236, 236)", page.evaluate("() => getComputedStyle(document.getElementById('status')).backgroundColor"),
                "the error looks like an error");
        answerBarOnScreen(1366, 800);
        screenshot("label-session-ended", false);
        assertEquals(0, (int) Api.as(labeler).get("/api/projects/" + slug + "/labels/me").then().extract().path("total"), "nothing stored yet");

        page.click("#login-again");
        page.waitForURL(url -> url.contains("/login"));
        page.fill("#username", labeler);
        page.fill("#password", Api.PASSWORD);
        page.press("#password", "Enter");
        page.waitForURL("**/projects/" + slug + "/label");
        assertThat(status).containsText("is saved");
        assertNotEquals(key, page.locator("#example-key").textContent(), "the next example follows");
        List<Map<String, Object>> items = Api.as(labeler).get("/api/projects/" + slug + "/labels/me").then().extract().path("items");
        assertEquals(1, items.size());
        assertEquals(key, items.get(0).get("key"));
        assertEquals("neg", items.get(0).get("label"));
        assertEquals("kept across the login", items.get(0).get("comment"));
        assertEquals(null, page.evaluate("() => sessionStorage.getItem('concord.unsent." + slug + "')"), "sent once, then forgotten");
        assertEquals(List.of(), pageErrors);
    }
}
