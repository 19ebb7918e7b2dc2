package dev.concord.base;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sizes embedded H2's page cache from the heap at start: a thirty-second of the maximum heap, at
 * least 8 MiB and at most 256 MiB. A fixed 8 MiB kept the labeling path's young collections short
 * and large imports fast in a small heap (a 16 MiB cache at {@code -Xmx256m} made them 10–25%
 * slower), but made the first full agreement read of a million labels a page read per few rows
 * (913–1,280 ms; 359 ms with 256 MiB). A thirty-second keeps 8 MiB up to {@code -Xmx256m} and
 * grows with the memory the process was given: 192 MiB at the default heap of a 24 GiB machine
 * (BENCHMARKS.md, "Agreement"). A JDBC URL that names CACHE_SIZE itself is left as
 * it says.
 */
@ApplicationScoped
class H2Cache {
    private static final Logger LOG = Logger.getLogger(H2Cache.class);
    static final long MIN_KIB = 8 << 10;
    static final long MAX_KIB = 256 << 10;
    /** The URL's own CACHE_SIZE setting (not QUERY_CACHE_SIZE). */
    static final java.util.regex.Pattern NAMES_CACHE_SIZE = java.util.regex.Pattern.compile("(?i);CACHE_SIZE=");

    /** The cache for a maximum heap of {@code maxHeapBytes}, in KiB (H2's unit). */
    static long kib(long maxHeapBytes) {
        return Math.max(MIN_KIB, Math.min(MAX_KIB, maxHeapBytes / 32 / 1024));
    }

    void size(@Observes StartupEvent start, Database database, AgroalDataSource dataSource,
              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) throws SQLException {
        if (!database.inProcess() || NAMES_CACHE_SIZE.matcher(url).find()) return;
        long kib = kib(Runtime.getRuntime().maxMemory());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET CACHE_SIZE " + kib);
        }
        LOG.debugf("H2 page cache: %d MiB", kib >> 10);
    }
}
