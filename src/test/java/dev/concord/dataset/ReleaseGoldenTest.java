package dev.concord.dataset;

import static dev.concord.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the released bytes: the same labels, ids and seed give the same data.csv, data.jsonl,
 * files.zip and manifest.json (all but the fields that name the project or the moment) as the
 * release gave when these values were captured. Splits hang on example ids, so the examples get
 * fixed ids; the labelers are created in a fixed order, so each example's labels are read in the
 * same order. Covers majority with ties, low agreement, incomplete and uncertain examples, an SME
 * resolution, a second version with a diff, Dawid–Skene, label codes and split names, and a zip.
 */
@QuarkusTest
class ReleaseGoldenTest {
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void aTextProjectReleasesTheSameBytes() throws Exception {
        String slug = Api.unique("gold");
        admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Gold", "modality", "text", "overlap", 3,
                "agreementThreshold", 0.6, "labels", List.of("a", "b", "c"))).post("/api/projects").then().statusCode(201);
        StringBuilder examples = new StringBuilder("id,text,source\n");
        for (int i = 1; i <= 40; i++) examples.append("g").append(i).append(",Text ").append(i).append(i % 7 == 0 ? ",\"=1+2\"\n" : ",web\n");
        Api.importCsv(slug, examples.toString());
        fixIds(slug, 5_000_000_000L);
        // g1..g24: unanimous by thirds; g25..g30: 2-1; g31, g32: three-way ties; g33: two labels (incomplete);
        // g34: uncertain majority; g35: 'uncertain' once; g36..g40: a labeler who disagrees often (gd-l4 on 4 labels).
        StringBuilder csv = new StringBuilder();
        String[] abc = {"a", "b", "c"};
        for (int i = 1; i <= 24; i++) for (int w = 1; w <= 3; w++) label(csv, i, w, abc[i % 3]);
        for (int i = 25; i <= 30; i++) {
            label(csv, i, 1, abc[i % 3]);
            label(csv, i, 2, abc[i % 3]);
            label(csv, i, 3, abc[(i + 1) % 3]);
        }
        for (int i = 31; i <= 32; i++) for (int w = 1; w <= 3; w++) label(csv, i, w, abc[w - 1]);
        label(csv, 33, 1, "a");
        label(csv, 33, 2, "a");
        for (int w = 1; w <= 2; w++) label(csv, 34, w, "uncertain");
        label(csv, 34, 3, "a");
        label(csv, 35, 1, "b");
        label(csv, 35, 2, "b");
        label(csv, 35, 3, "uncertain");
        for (int i = 36; i <= 40; i++) {
            label(csv, i, 1, abc[i % 3]);
            label(csv, i, 2, abc[(i + 1) % 3]);
            label(csv, i, 4, abc[(i + 1) % 3]);
        }
        DatasetApiTest.annotate(slug, csv);
        resolve(slug, "g31", "c");
        Map<String, Object> v1 = Map.of("splits", ordered("train", 0.6, "dev", 0.2, "test", 0.2), "seed", 42);
        admin().contentType(ContentType.JSON).body(v1).post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        assertFiles(slug, 1, List.of("data.csv", "data.jsonl"));

        // v2: more labels (g33 complete, g32 relabeled by a resolution), Dawid–Skene with codes and names.
        StringBuilder more = new StringBuilder();
        label(more, 33, 3, "b");
        DatasetApiTest.annotate(slug, more);
        resolve(slug, "g32", "a");
        Map<String, Object> v2 = new LinkedHashMap<>();
        v2.put("splits", ordered("train", 0.5, "dev", 0.25, "test", 0.25));
        v2.put("seed", 7);
        v2.put("consensus", "dawid-skene");
        v2.put("includeUncertain", true);
        v2.put("labelCodes", Map.of("a", "1", "b", "2"));
        v2.put("splitNames", Map.of("dev", "eval"));
        admin().contentType(ContentType.JSON).body(v2).post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        assertFiles(slug, 2, List.of("data.csv", "data.jsonl"));
    }

    @Test
    void aMediaProjectReleasesTheSameZip() throws Exception {
        String slug = Api.project("image", 1, "scratch", "none");
        for (int i = 1; i <= 6; i++) {
            admin().multiPart("file", "q" + i + ".png", Api.png(700 + i), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        }
        fixIds(slug, 6_000_000_000L);
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 6; i++) csv.append("q").append(i).append(".png,gd-l1,").append(i % 2 == 0 ? "scratch" : "none").append('\n');
        DatasetApiTest.annotate(slug, csv);
        admin().contentType(ContentType.JSON).body(Map.of("splits", ordered("train", 0.5, "test", 0.5), "seed", 3))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        assertFiles(slug, 1, List.of("data.csv", "data.jsonl", "files.zip"));
    }

    /** Split ratios in a fixed order: the order of the splits is part of the request. */
    private static Map<String, Double> ordered(Object... nameThenRatio) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenRatio.length; i += 2) m.put((String) nameThenRatio[i], (Double) nameThenRatio[i + 1]);
        return m;
    }

    private static void label(StringBuilder csv, int example, int labeler, String label) {
        csv.append('g').append(example).append(",gd-l").append(labeler).append(',').append(label).append('\n');
    }

    private static void resolve(String slug, String key, String label) {
        int version = admin().get("/api/projects/" + slug + "/reviews/" + key).then().statusCode(200).extract().path("review.version");
        admin().contentType(ContentType.JSON).body(Map.of("label", label, "rationale", "golden", "version", version))
                .put("/api/projects/" + slug + "/reviews/" + key + "/resolution").then().statusCode(200);
    }

    /**
     * Compares manifest.json, with the project and the moment taken out, with the captured one in
     * src/test/resources/dataset/golden/ (it holds every file's SHA-256 and size), and checks each
     * file's bytes against its SHA-256. Mismatches are collected so that one run shows them all;
     * the actual manifests are written to target/golden/ to compare with.
     */
    private final List<String> mismatches = new ArrayList<>();

    private void assertFiles(String slug, int version, List<String> names) throws Exception {
        String manifest = admin().get("/api/projects/" + slug + "/datasets/" + version + "/manifest.json").then().statusCode(200).extract().asString();
        Map<String, Object> parsed = io.restassured.path.json.JsonPath.from(manifest).getMap("files");
        for (String name : names) {
            byte[] bytes = admin().get("/api/projects/" + slug + "/datasets/" + version + "/" + name).then().statusCode(200).extract().asByteArray();
            @SuppressWarnings("unchecked")
            Object sha = ((Map<String, Object>) parsed.get(name)).get("sha256");
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "golden"));
            java.nio.file.Files.write(java.nio.file.Path.of("target", "golden", slug.replaceAll("-[^-]+$", "") + "-v" + version + "-" + name), bytes);
            if (!DatasetApiTest.sha256(bytes).equals(sha)) mismatches.add(slug + " v" + version + " " + name + " does not hash to its manifest's sha256");
        }
        String normalized = manifest.replace(slug, "<project>").replaceAll("\"created\" : \"[^\"]+\"", "\"created\" : \"<created>\"");
        String name = slug.replaceAll("-[^-]+$", "") + "-v" + version + "-manifest.json";
        java.nio.file.Path out = java.nio.file.Path.of("target", "golden", name);
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, normalized);
        String golden;
        try (var in = getClass().getResourceAsStream("/dataset/golden/" + name)) {
            golden = in == null ? "(none)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!golden.equals(normalized)) mismatches.add(name + " differs from the captured one: compare " + out);
    }

    @org.junit.jupiter.api.AfterEach
    void noMismatches() {
        assertEquals(List.of(), mismatches);
    }

    /** Gives the project's examples ids base + 11·position, so splits do not depend on what else is in the database. */
    private void fixIds(String slug, long base) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long projectId;
            try (PreparedStatement q = c.prepareStatement("select id from project where slug = ?")) {
                q.setString(1, slug);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    projectId = r.getLong(1);
                }
            }
            List<long[]> rows = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select e.id, e.position, x.shuffle from example e join example_queue x on x.example_id = e.id where e.project_id = ?")) {
                q.setLong(1, projectId);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) rows.add(new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
                }
            }
            try (PreparedStatement q = c.prepareStatement("delete from example_queue where project_id = ?")) {
                q.setLong(1, projectId);
                q.executeUpdate();
            }
            try (PreparedStatement up = c.prepareStatement("update example set id = ? where id = ?")) {
                for (long[] r : rows) {
                    up.setLong(1, base + 11 * r[1]);
                    up.setLong(2, r[0]);
                    up.executeUpdate();
                }
            }
            try (PreparedStatement ins = c.prepareStatement("insert into example_queue (example_id, project_id, ex_key, label_round, round_labels, taken, shuffle)"
                    + " select id, project_id, ex_key, label_round, 0, 0, ? from example where id = ?")) {
                for (long[] r : rows) {
                    ins.setLong(1, r[2]);
                    ins.setLong(2, base + 11 * r[1]);
                    ins.executeUpdate();
                }
            }
            c.commit();
        }
    }
}
