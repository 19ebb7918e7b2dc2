package dev.concord.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Dev mode (demo users, public password) and the packaged jar never share a data folder, so following the
 * README in order cannot carry the demo accounts into a real start. Read from application.properties alone:
 * no environment variable may decide the outcome.
 */
class DataDirsTest {

    private static SmallRyeConfig profile(String profile) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(DataDirsTest.class.getResource("/application.properties"), 100))
                .build();
    }

    @Test
    void devModeHasItsOwnDataFolderAndDatabase() throws IOException {
        SmallRyeConfig prod = profile("prod");
        SmallRyeConfig dev = profile("dev");
        assertEquals("./data", prod.getValue("concord.data-dir", String.class));
        assertEquals("./data-dev", dev.getValue("concord.data-dir", String.class));
        assertNotEquals(prod.getValue("quarkus.datasource.jdbc.url", String.class), dev.getValue("quarkus.datasource.jdbc.url", String.class));
        assertEquals("./data-dev/uploads", dev.getValue("quarkus.http.body.uploads-directory", String.class));
    }
}
