package dev.concord.guide;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Markdown to safe HTML: commonmark renders (raw HTML escaped, unsafe link schemes dropped),
 * then the OWASP sanitizer allows only formatting, tables, images from this site and http(s)/
 * relative links — so guide text can never run script, whoever wrote it.
 */
@ApplicationScoped
public class GuideRenderer {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();
    private final PolicyFactory policy = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a").allowUrlProtocols("http", "https").allowAttributes("href", "title").onElements("a")
                    .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                    .allowElements("img").allowAttributes("src", "alt", "title").onElements("img")
                    .allowElements("pre", "code", "hr", "del", "s", "sup", "sub")
                    .toFactory());

    public String toSafeHtml(String markdown) {
        String html = renderer.render(parser.parse(markdown == null ? "" : markdown));
        return policy.sanitize(html);
    }
}
