package dev.concord.web;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Numbers in pages: {@code {share.percentText}} reads 0.9425 as "94.3%". */
@TemplateExtension
public class NumberExtensions {
    static String percentText(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
