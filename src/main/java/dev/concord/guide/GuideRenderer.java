package dev.concord.guide;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Markdown to safe HTML: commonmark renders (raw HTML escaped, unsafe link schemes dropped),
 * then the OWASP sanitizer allows only formatting, tables, http(s)/relative links and images of
 * the project's own examples — so guide text can never run script, whoever wrote it, and an image
 * can never make every reader's browser call another address (an app page such as the guide's
 * diff, or another site).
 */
@ApplicationScoped
public class GuideRenderer {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();
    private final PolicyFactory text = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a").allowUrlProtocols("http", "https").allowAttributes("href", "title").onElements("a")
                    .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                    .allowElements("pre", "code", "hr", "del", "s", "sup", "sub")
                    .toFactory());

    /**
     * The guide of project {@code slug} as safe HTML. Its images may show the project's own
     * examples ({@code ![a dent](/api/projects/<slug>/examples/img-0019.png/media)}); any other
     * image is dropped. Without a slug (a project not created yet) no image is kept.
     */
    public String toSafeHtml(String markdown, String slug) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        Pattern own = slug == null ? null : ownMedia(slug);
        List<Image> others = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                if (own == null || !own.matcher(image.getDestination()).matches()) others.add(image);
            }
        });
        for (Image image : others) {
            // Its description stays, as text.
            for (Node child = image.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                image.insertBefore(child);
                child = next;
            }
            image.unlink();
        }
        String html = renderer.render(document);
        PolicyFactory policy = slug == null ? text : text.and(new HtmlPolicyBuilder()
                .allowElements("img").allowAttributes("alt", "title").onElements("img")
                .allowAttributes("src").matching(ownMedia(slug)).onElements("img")
                .allowUrlProtocols("http", "https")
                .toFactory());
        return policy.sanitize(html);
    }

    /**
     * Addresses of the project's own examples' media, and nothing else (no query, fragment or other
     * path; no '.' or '..' as the key, which a browser resolves to another address, encoded or not).
     */
    static Pattern ownMedia(String slug) {
        return Pattern.compile("/api/projects/" + Pattern.quote(slug) + "/examples/(?!(?:\\.|%2[eE]){1,2}/)[^/?#\\\\]+/media");
    }
}
