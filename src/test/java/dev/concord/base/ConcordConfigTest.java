package dev.concord.base;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The settings as application.properties and the mapping's defaults give them, per profile, read without
 * the environment (no variable may decide the outcome); and the mapping's check of its whole prefix.
 */
class ConcordConfigTest {

    private static ConcordConfig config(String profile, Map<String, String> extra) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(ConcordConfigTest.class.getResource("/application.properties"), 100))
                .withSources(new PropertiesConfigSource(extra, "system properties", 400))
                .withMapping(ConcordConfig.class)
                .build().getConfigMapping(ConcordConfig.class);
    }

    private static ConcordConfig config(String profile) throws IOException {
        return config(profile, Map.of());
    }

    @Test
    void aPackagedStartKeepsItsDataInDataAndCreatesNoAccounts() throws IOException {
        ConcordConfig prod = config("prod");
        assertEquals(Path.of("data").toAbsolutePath(), prod.dataDir());
        assertEquals(Optional.empty(), prod.adminPassword());
        assertFalse(prod.demo());
        assertEquals(Path.of("sample-data").toAbsolutePath(), prod.sampleDataDir());
        assertEquals(Path.of("label-guides").toAbsolutePath(), prod.guidesDir());
        assertEquals(Duration.ofHours(12), prod.session().timeout());
        assertFalse(prod.session().cookieSecure());
        assertEquals(50, prod.login().maxFailuresPerAddress());
        assertEquals(1L << 30, prod.upload().maxInflatedBytes());
        assertEquals(100_000, prod.upload().maxZipEntries());
        assertEquals(Duration.ofMinutes(10), prod.queue().lease());
        assertEquals(64, prod.queue().groupCommit().max());
        assertEquals(1, prod.queue().groupCommit().writers());
    }

    @Test
    void devModeIsADemoInItsOwnFolderAndTestsHaveTheirsWithSmallerUploads() throws IOException {
        ConcordConfig dev = config("dev");
        assertEquals(Path.of("data-dev").toAbsolutePath(), dev.dataDir());
        assertTrue(dev.demo());

        ConcordConfig test = config("test");
        assertEquals(Path.of("target", "test-data").toAbsolutePath(), test.dataDir());
        assertEquals(Optional.of("test-admin-password"), test.adminPassword());
        assertEquals(10L << 20, test.upload().maxInflatedBytes());
    }

    @Test
    void anyKeyCanBeSetAsAnEnvironmentVariable() throws IOException {
        ConcordConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(ConcordConfigTest.class.getResource("/application.properties"), 100))
                .withSources(new EnvConfigSource(Map.of("CONCORD_DATA_DIR", "/srv/concord", "CONCORD_QUEUE_LEASE", "PT5M",
                        "CONCORD_SESSION_COOKIE_SECURE", "true", "CONCORD_QUEUE_GROUP_COMMIT_WRITERS", "2"), 300))
                .withMapping(ConcordConfig.class)
                .build().getConfigMapping(ConcordConfig.class);
        assertEquals(Path.of("/srv/concord"), config.dataDir());
        assertEquals(Duration.ofMinutes(5), config.queue().lease());
        assertTrue(config.session().cookieSecure());
        assertEquals(2, config.queue().groupCommit().writers());
    }

    @Test
    void theDataDirectoryIsResolvedToOneAbsoluteNormalizedPath() throws IOException {
        ConcordConfig config = config("prod", Map.of("concord.data-dir", "./runs/../shared/./data "));
        assertEquals(Path.of("shared", "data").toAbsolutePath(), config.dataDir());
        assertTrue(config.dataDir().isAbsolute());
    }

    @Test
    void aMisspelledSettingStopsTheStartButTheTestSwitchesDoNot() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> config("prod", Map.of("concord.sesion.timeout", "PT1H")));
        assertTrue(refused.getMessage().contains("concord.sesion.timeout"), refused.getMessage());

        assertDoesNotThrow(() -> config("test", Map.of("concord.e2e.skip", "true", "concord.screenshots.publish", "true",
                "concord.excludedGroups", "e2e")));
    }
}
