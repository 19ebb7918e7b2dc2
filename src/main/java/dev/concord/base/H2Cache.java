package dev.concord.base;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sizes embedded H2's page cache from the heap at start: a sixteenth of the maximum heap, at least
 * 8 MiB and at most 256 MiB. A fixed 8 MiB kept the labeling path's young collections short but
 * made the first full agreement read of a million labels a page read per few rows (913–1,280 ms;
 * 359 ms with 256 MiB); a sixteenth keeps 8 MiB at {@code -Xmx128m} and grows with the memory the
 * process was given (BENCHMARKS.md, "Agreement"). A JDBC URL that names CACHE_SIZE itself is left as
 * it says.
 */
@ApplicationScoped
class H2Cache {
    private static final Logger LOG = Logger.getLogger(H2Cache.class);
    static final long MIN_KIB = 8 << 10;
    static final long MAX_KIB = 256 << 10;

    /** The cache for a maximum heap of {@code maxHeapBytes}, in KiB (H2's unit). */
    static long kib(long maxHeapBytes) {
        return Math.max(MIN_KIB, Math.min(MAX_KIB, maxHeapBytes / 16 / 1024));
    }

    void size(@Observes StartupEvent start, Database database, AgroalDataSource dataSource,
              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) throws SQLException {
        if (!database.inProcess() || url.toUpperCase(Locale.ROOT).contains("CACHE_SIZE=")) return;
        long kib = kib(Runtime.getRuntime().maxMemory());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET CACHE_SIZE " + kib);
        }
        LOG.debugf("H2 page cache: %d MiB", kib >> 10);
    }
}
