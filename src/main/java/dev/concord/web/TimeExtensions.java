package dev.concord.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages show times: to the minute, in UTC, e.g. 2026-11-22 11:13 UTC. */
@TemplateExtension
public class TimeExtensions {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }
}
