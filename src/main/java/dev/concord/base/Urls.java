package dev.concord.base;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** User text (example keys above all) put into addresses: each piece encoded for where it goes. */
public final class Urls {
    private Urls() {}

    /** As one path segment: '/', '?', '#', '%' and spaces are encoded ("a b/c" → "a%20b%2Fc"). */
    public static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** As a query parameter's value. */
    public static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
