package dev.concord.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** H2's page cache follows the heap: a thirty-second, between 8 and 256 MiB. */
@QuarkusTest
class H2CacheTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Database database;

    @Test
    void aThirtySecondOfTheHeapBetween8And256MiB() {
        assertEquals(8 * 1024, H2Cache.kib(64L << 20));
        assertEquals(8 * 1024, H2Cache.kib(256L << 20));
        assertEquals(32 * 1024, H2Cache.kib(1L << 30));
        assertEquals(192 * 1024, H2Cache.kib(6L << 30));
        assertEquals(256 * 1024, H2Cache.kib(16L << 30));
        // a URL's own setting is kept; QUERY_CACHE_SIZE is another setting
        org.junit.jupiter.api.Assertions.assertTrue(H2Cache.NAMES_CACHE_SIZE.matcher("jdbc:h2:file:x;WRITE_DELAY=0;CACHE_SIZE=8192").find());
        org.junit.jupiter.api.Assertions.assertFalse(H2Cache.NAMES_CACHE_SIZE.matcher("jdbc:h2:file:x;QUERY_CACHE_SIZE=64").find());
    }

    @Test
    void theRunningDatabaseHasIt() throws Exception {
        Assumptions.assumeTrue(database.inProcess(), "embedded H2 only");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select setting_value from information_schema.settings where setting_name = 'CACHE_SIZE'")) {
            if (!rs.next()) {
                try (ResultSet all = s.executeQuery("select setting_name, setting_value from information_schema.settings")) {
                    StringBuilder b = new StringBuilder();
                    while (all.next()) b.append(all.getString(1)).append('=').append(all.getString(2)).append(' ');
                    throw new AssertionError("no CACHE_SIZE among " + b);
                }
            }
            assertEquals(H2Cache.kib(Runtime.getRuntime().maxMemory()), Long.parseLong(rs.getString(1)));
        }
    }
}
