package dev.concord.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A guide's images show the project's own examples only: never another site, an app page or another project. */
class GuideRendererImagesTest {
    private final GuideRenderer renderer = new GuideRenderer();

    private static long images(String html) {
        return Pattern.compile("<img ").matcher(html).results().count();
    }

    @Test
    void onlyImagesOfTheProjectsOwnExamplesAreKept() {
        String markdown = """
                ![own](/api/projects/phones/examples/img-0019.png/media)
                ![external](https://tracker.example/pixel.png)
                ![diff](/projects/phones/guide?diff=2)
                ![other project](/api/projects/secret/examples/a.png/media)
                ![climbing](/api/projects/phones/examples/../../secret/examples/a.png/media)
                ![query](/api/projects/phones/examples/a.png/media?x=1)
                ![dots](/api/projects/phones/examples/../media)
                ![encoded dots](/api/projects/phones/examples/%2E%2e/media)
                ![one dot](/api/projects/phones/examples/./media)
                """;
        String html = renderer.toSafeHtml(markdown, "phones");
        assertEquals(1, images(html), html);
        Matcher src = Pattern.compile("<img src=\"([^\"]*)\"").matcher(html);
        assertTrue(src.find(), html);
        assertEquals("/api/projects/phones/examples/img-0019.png/media", src.group(1));
        assertFalse(html.contains("tracker.example"), html);
        assertFalse(html.contains("guide?diff"), "an image cannot call the diff page: " + html);
        assertTrue(html.contains("external"), "a dropped image leaves its description: " + html);
        assertEquals(1, Pattern.compile("/media").matcher(html).results().count(),
                "a '.' or '..' key, which the browser resolves to another address, is dropped: " + html);
    }

    @Test
    void withoutAProjectNoImageIsKeptAndTextStays() {
        String html = renderer.toSafeHtml("Look: ![own](/api/projects/phones/examples/a.png/media) **bold**", null);
        assertEquals(0, images(html), html);
        assertTrue(html.contains("<strong>bold</strong>"), html);
    }
}
