package dev.concord.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * manifest.json is a format training code reads: manifests written before {@link Manifest}
 * existed (captured in src/test/resources/dataset/golden/, from maps) read into it and write back
 * byte for byte.
 */
class ManifestTest {
    /** Configured as Quarkus configures its ObjectMapper (dates as ISO text, unknown fields ignored). */
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static String oldManifest(String name) throws Exception {
        try (InputStream in = ManifestTest.class.getResourceAsStream("/dataset/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("<project>", "gold-1a2b3c4d").replace("<created>", "2026-11-30T10:15:30.123456Z");
        }
    }

    @Test
    void manifestsWrittenAsMapsReadBackAndWriteTheSameBytes() throws Exception {
        for (String name : List.of("gold-v1-manifest.json", "gold-v2-manifest.json", "image-v1-manifest.json")) {
            String old = oldManifest(name);
            Manifest m = JSON.readValue(old, Manifest.class);
            assertEquals(old, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m), name);
        }
    }

    @Test
    void theFieldsTrainingCodeReadsAreThere() throws Exception {
        Manifest m = JSON.readValue(oldManifest("gold-v2-manifest.json"), Manifest.class);
        assertEquals(2, m.version());
        assertEquals(Instant.parse("2026-11-30T10:15:30.123456Z"), m.created());
        assertEquals("dawid-skene", m.consensus());
        assertEquals(7L, m.spec().seed());
        assertEquals("4e538ef03b82d603a4dec57cda8bdd5cf9974d6218617a22c342258fb3b21d0c", m.files().get("data.csv").sha256());
        assertEquals(1728L, m.files().get("data.csv").size());
        assertEquals(Map.of("a", 3L, "b", 3L, "c", 3L), m.countsPerSplit().get("eval"));
        assertEquals(1, m.diff().previousVersion());
        assertEquals(List.of("g32", "g33", "g34"), m.diff().added().keys());
        assertEquals(2, m.lineage().resolutionsUsed());
        Manifest first = JSON.readValue(oldManifest("gold-v1-manifest.json"), Manifest.class);
        assertNull(first.diff().previousVersion());
        assertNull(first.diff().added());
    }

    @Test
    void aManifestRoundTripsAsTheStoredCompactJsonToo() throws Exception {
        LinkedHashMap<String, Double> splits = new LinkedHashMap<>();
        splits.put("train", 0.5);
        splits.put("test", 0.5);
        DatasetSpec spec = new DatasetSpec(splits, 3, true, "majority", "label", Map.of("x", "1"), Map.of("train", "train", "test", "test"));
        Map<String, Manifest.FileInfo> files = new LinkedHashMap<>();
        files.put("data.csv", new Manifest.FileInfo("ab", 12));
        Manifest m = new Manifest("p", 3, Instant.parse("2026-12-01T00:00:00Z"), "admin", 0, "majority", spec, 1,
                Map.of("train", Map.of("x", 1L)), Map.of("tie", 2L), new Manifest.Agreement(null, 0), new Manifest.Lineage(Map.of("l", 4L), 0),
                new Manifest.Diff(2, new Manifest.Keys(1, List.of("k")), new Manifest.Keys(0, List.of()),
                        new Manifest.Relabeled(1, List.of(new Manifest.Change("k", "a", "b", "new labels")))), files)
                .withFile("manifest.json", new Manifest.FileInfo("cd", 34));
        String compact = JSON.writeValueAsString(m);
        assertEquals(m, JSON.readValue(compact, Manifest.class));
        assertEquals(List.of("data.csv", "manifest.json"), List.copyOf(m.files().keySet()));
        // an undefined mean is written as null, not left out
        assertEquals(true, compact.contains("\"meanMajorityShare\":null"));
    }
}
