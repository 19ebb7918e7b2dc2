package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A labeler labels every modality with the keyboard only; what was stored is checked through the API. */
@QuarkusTest
class LabelingJourneyTest extends BrowserTest {

    /** A short 16 kHz mono WAV: a tone whose pitch depends on the seed. */
    static byte[] wav(int seed) {
        int rate = 16000, samples = rate / 4;
        ByteBuffer data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) data.putShort((short) (8000 * Math.sin(2 * Math.PI * (300 + 40 * seed) * i / rate)));
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private List<Double> labelWithKeys(String slug, String screenshotName, String... keys) {
        page.navigate("/projects/" + slug + "/label");
        assertThat(page.locator("#example-key")).not().hasText("…");
        screenshot(screenshotName);
        List<Double> latencies = new ArrayList<>();
        for (String key : keys) {
            String before = page.locator("#example-key").textContent();
            latencies.add(pressUntilShown(key));
            if (!page.locator("#done").isVisible()) {
                assertTrue(!before.equals(page.locator("#example-key").textContent()) || key.equals("z"), "a new example is on screen");
            }
        }
        return latencies;
    }

    @Test
    void aLabelerLabelsEveryModalityWithTheKeyboard() throws Exception {
        String labeler = Api.user("LABELER");
        List<Double> latencies = new ArrayList<>();

        String text = Api.project("text", 1, "positive", "negative");
        Api.importCsv(text, "id,text,source\nt1,\"Great battery.\n\nWould buy again.\",shop\nt2,Broke in a week,forum\nt3,Fine I guess,shop\n");
        // The image project uses the sample phone pictures and their real guide, so the screenshot shows the real page.
        String images = Api.unique("phones");
        Api.admin().contentType(ContentType.JSON).body(Map.of("slug", images, "name", "Phone surface defects", "modality", "image",
                        "labels", List.of("scratch", "dent", "none"), "overlap", 1,
                        "guide", java.nio.file.Files.readString(java.nio.file.Path.of("label-guides/phone-defects.md"))))
                .post("/api/projects").then().statusCode(201);
        for (int i = 1; i <= 3; i++) {
            byte[] picture = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("sample-data/phone-defects/images/img-000" + i + ".png"));
            Api.admin().multiPart("file", "img" + i + ".png", picture, "image/png").post("/api/projects/" + images + "/examples").then().statusCode(201);
        }
        String audio = Api.project("audio", 1, "yes", "no");
        for (int i = 1; i <= 2; i++) {
            Api.admin().multiPart("file", "clip" + i + ".wav", wav(i), "audio/wav").post("/api/projects/" + audio + "/examples").then().statusCode(201);
        }
        String rows = Api.project("row", 1, "spam", "not_spam");
        Api.importCsv(rows, "COMMENT_ID,AUTHOR,CONTENT\nc1,Ann,\"Subscribe to my channel, free stuff\"\nc2,Bob,Love this song\n");

        logIn(labeler);
        // Text: label 1, then uncertain with a comment, undo it, label 2, then the last.
        page.navigate("/projects/" + text + "/label");
        assertThat(page.locator(".text-example")).isVisible();
        latencies.addAll(labelWithKeys(text, "label-text", "1"));
        page.keyboard().press("c");
        page.keyboard().type("sarcasm?");
        page.keyboard().press("Escape");
        latencies.addAll(labelWithKeys(text, "label-text-2", "u", "z", "2", "1"));
        assertThat(page.locator("#done")).isVisible();
        Api.as(labeler).get("/api/projects/" + text + "/labels/me").then().body("total", org.hamcrest.Matchers.equalTo(3));

        latencies.addAll(labelWithKeys(images, "label-image", "1", "3", "2"));
        latencies.addAll(labelWithKeys(audio, "label-audio", "1", "2"));
        latencies.addAll(labelWithKeys(rows, "label-row", "1", "2"));

        Map<String, String> stored = new java.util.HashMap<>();
        for (String slug : List.of(images, audio, rows)) {
            List<Map<String, Object>> items = Api.as(labeler).get("/api/projects/" + slug + "/labels/me").then().extract().path("items");
            items.forEach(m -> stored.put(slug + "/" + m.get("key"), (String) m.get("label")));
            assertTrue(items.stream().allMatch(m -> ((Number) m.get("durationMs")).longValue() >= 0));
        }
        assertEquals(7, stored.size());
        assertEquals(List.of("dent", "none", "scratch"), stored.entrySet().stream().filter(e -> e.getKey().startsWith(images))
                .map(Map.Entry::getValue).sorted().toList());
        assertEquals(List.of("no", "yes"), stored.entrySet().stream().filter(e -> e.getKey().startsWith(audio)).map(Map.Entry::getValue).sorted().toList());
        assertEquals(List.of(), pageErrors);

        reportLatency("label-latency.txt", "key press -> next example on screen", latencies);
        publishScreenshots("label-image", "label-audio", "label-text", "label-row");
    }
}
