package dev.concord.web;

import dev.concord.base.Urls;
import io.quarkus.qute.TemplateExtension;

/**
 * Addresses in pages: {@code href="/projects/{slug}/review/{item.key.pathSegment}"} and
 * {@code ?example={item.key.queryValue}}, so a key with '/', '?', '#', '%' or spaces links to itself.
 */
@TemplateExtension
public class UrlExtensions {
    static String pathSegment(String value) {
        return value == null ? "" : Urls.pathSegment(value);
    }

    static String queryValue(String value) {
        return value == null ? "" : Urls.queryValue(value);
    }
}
