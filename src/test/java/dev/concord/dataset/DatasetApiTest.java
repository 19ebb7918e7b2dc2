package dev.concord.dataset;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import dev.concord.base.CsvCells;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatasetApiTest {
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    static final Map<String, Object> SPEC = Map.of("splits", Map.of("train", 0.8, "dev", 0.1, "test", 0.1), "seed", 42);

    static void annotate(String slug, StringBuilder csv) {
        admin().multiPart("file", "l.csv", ("example,labeler,label\n" + csv).getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** n examples, 3 labelers each agreeing: the first third 'a', then 'b', then 'c'. */
    static String labeledProject(int n, int from, String slug) {
        String[] who = {"ds-l1", "ds-l2", "ds-l3"};
        StringBuilder csv = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            String label = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c";
            for (String w : who) csv.append("ex").append(i).append(',').append(w).append(',').append(label).append('\n');
        }
        annotate(slug, csv);
        return slug;
    }

    static Map<String, String> splitsOf(String slug, int version) throws Exception {
        String csv = admin().get("/api/projects/" + slug + "/datasets/" + version + "/data.csv").then().statusCode(200).extract().asString();
        Map<String, String> splits = new HashMap<>();
        try (CSVParser p = CSVParser.builder().setReader(new java.io.StringReader(csv)).setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (CSVRecord r : p) splits.put(r.get("key"), r.get("split"));
        }
        return splits;
    }

    @Test
    void aReleaseHasChecksummedImmutableFilesStableSplitsAndADiff() throws Exception {
        String slug = Api.textProjectWith(3, 200, "a", "b", "c");
        labeledProject(150, 1, slug);
        admin().contentType(ContentType.JSON).body(SPEC).post("/api/projects/" + slug + "/datasets").then().statusCode(201)
                .body("version", equalTo(1)).body("examples", equalTo(150)).body("leftOut.incomplete", equalTo(null));
        Map<String, Object> manifest = admin().get("/api/projects/" + slug + "/datasets/1/manifest.json").then().statusCode(200).extract().path("");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) manifest.get("files");
        byte[] v1csv = null;
        for (String name : List.of("data.csv", "data.jsonl")) {
            Response r = admin().get("/api/projects/" + slug + "/datasets/1/" + name);
            r.then().statusCode(200).header("ETag", "\"" + files.get(name).get("sha256") + "\"")
                    .header("Cache-Control", org.hamcrest.Matchers.containsString("immutable"));
            byte[] bytes = r.asByteArray();
            assertEquals(files.get(name).get("sha256"), sha256(bytes), "the checksum matches the bytes of " + name);
            assertEquals(((Number) files.get(name).get("size")).longValue(), bytes.length);
            if (name.equals("data.csv")) v1csv = bytes;
        }
        // Per-class shares within rounding of the ratios: 50 per class -> 40/5/5.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Integer>> counts = (Map<String, Map<String, Integer>>) manifest.get("countsPerSplit");
        for (String label : List.of("a", "b", "c")) {
            assertEquals(40, counts.get("train").get(label));
            assertEquals(5, counts.get("dev").get(label));
            assertEquals(5, counts.get("test").get(label));
        }
        Map<String, String> before = splitsOf(slug, 1);

        // More labels arrive; v2 adds the new examples and keeps everyone's split.
        labeledProject(50, 151, slug);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 0.8, "dev", 0.1, "test", 0.1), "seed", 7))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201)
                .body("version", equalTo(2)).body("examples", equalTo(200))
                .body("diff.added.count", equalTo(50)).body("diff.removed.count", equalTo(0));
        Map<String, String> after = splitsOf(slug, 2);
        before.forEach((key, split) -> assertEquals(split, after.get(key), key + " keeps its split"));
        assertArrayEquals(v1csv, admin().get("/api/projects/" + slug + "/datasets/1/data.csv").asByteArray(), "v1 never changes");
        admin().get("/api/projects/" + slug + "/datasets/latest/manifest.json").then().body("version", equalTo(2))
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-cache"));
        String etag = admin().get("/api/projects/" + slug + "/datasets/1/data.csv").header("ETag");
        admin().header("If-None-Match", etag).get("/api/projects/" + slug + "/datasets/1/data.csv").then().statusCode(304);
        admin().get("/api/projects/" + slug + "/datasets").then().body("total", equalTo(2)).body("items[0].version", equalTo(2));
    }

    @Test
    void theCourseLabCsvRoundTripsWithCodesInItsOwnColumn() throws Exception {
        String slug = Api.unique("spam");
        admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Spam", "modality", "row", "overlap", 1,
                "labels", List.of(Map.of("name", "spam", "code", "1"), Map.of("name", "not_spam", "code", "0")))).post("/api/projects").then().statusCode(201);
        String lab = "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\nc1,Ann,2014-11-07T12:37:15,\"Check my channel, =HYPERLINK(1)\",\nc2,Bob,2014-11-08T10:00:00,Nice song,\n";
        admin().multiPart("file", "lab.csv", lab.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples?keyColumn=COMMENT_ID").then().statusCode(201);
        annotate(slug, new StringBuilder("c1,ds-l1,spam\nc2,ds-l1,not_spam\n"));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 0.5, "test", 0.5), "seed", 1, "labelColumn", "CLASS"))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        String csv = admin().get("/api/projects/" + slug + "/datasets/latest/data.csv").asString();
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.builder().setReader(new java.io.StringReader(csv)).setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertEquals(List.of("COMMENT_ID", "AUTHOR", "DATE", "CONTENT", "CLASS", "split"), p.getHeaderNames());
            rows = p.getRecords();
        }
        assertEquals("1", rows.get(0).get("CLASS"));
        assertEquals("0", rows.get(1).get("CLASS"));
        assertEquals("2014-11-07T12:37:15", rows.get(0).get("DATE"));
        // And the released file imports again as a project of its own.
        String again = Api.project("row", 1, "spam", "not_spam");
        admin().multiPart("file", "released.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + again + "/examples?keyColumn=COMMENT_ID").then().statusCode(201).body("imported", equalTo(2));
    }

    @Test
    void cellsThatLookLikeFormulasAreInert() {
        assertEquals("'=SUM(A1)", CsvCells.inert("=SUM(A1)"));
        assertEquals("'@cmd", CsvCells.inert("@cmd"));
        assertEquals("-12.5", CsvCells.inert("-12.5"));
        assertEquals("hello", CsvCells.inert("hello"));
    }

    @Test
    void aJsonLineThatOmittedFieldsIsReleasedWithEveryColumn() throws Exception {
        String slug = Api.project("row", 1, "a", "b");
        String jsonl = "{\"id\": \"ex1\", \"colour\": \"red\", \"size\": \"L\"}\n{\"id\": \"ex2\", \"size\": \"S\"}\n";
        admin().multiPart("file", "d.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201);
        annotate(slug, new StringBuilder("ex1,ds-l1,a\nex2,ds-l1,b\n"));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        String lines = admin().get("/api/projects/" + slug + "/datasets/latest/data.jsonl").then().statusCode(200).extract().asString();
        Map<String, Map<String, String>> dataByKey = new HashMap<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines.split("\n")) {
            com.fasterxml.jackson.databind.JsonNode node = json.readTree(line);
            dataByKey.put(node.get("key").asText(), json.convertValue(node.get("data"),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() {}));
        }
        assertEquals(List.of("id", "colour", "size"), List.copyOf(dataByKey.get("ex1").keySet()));
        assertEquals(Map.of("id", "ex2", "size", "S", "colour", ""), dataByKey.get("ex2"), "every line of data.jsonl has every column");
        String csv = admin().get("/api/projects/" + slug + "/datasets/latest/data.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("\r\nex2,b,train,1.0000,b,ex2,,S\r\n"), csv);
    }

    @Test
    void columnNamesThatLookLikeFormulasAreInertInTheReleasedHeader() {
        String slug = Api.project("text", 1, "a", "b");
        Api.importCsv(slug, "id,text,=HYPERLINK(\"http://evil\")\nex1,one,x\nex2,two,y\n");
        annotate(slug, new StringBuilder("ex1,ds-l1,a\nex2,ds-l1,b\n"));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1, "labelColumn", "@label"))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        String csv = admin().get("/api/projects/" + slug + "/datasets/latest/data.csv").then().statusCode(200).extract().asString();
        String header = csv.lines().findFirst().orElseThrow();
        assertEquals("key,'@label,split,agreement,labels,id,text,\"'=HYPERLINK(\"\"http://evil\"\")\"", header);
    }

    @Test
    void mediaProjectsGetAZipOfClassFolders() throws Exception {
        String slug = Api.project("image", 1, "scratch", "none");
        for (int i = 1; i <= 4; i++) {
            admin().multiPart("file", "p" + i + ".png", Api.png(300 + i), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        }
        annotate(slug, new StringBuilder("p1.png,ds-l1,scratch\np2.png,ds-l1,none\np3.png,ds-l1,scratch\np4.png,ds-l1,none\n"));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 0.5, "dev", 0.5), "seed", 3, "splitNames", Map.of("dev", "eval")))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        byte[] zip = admin().get("/api/projects/" + slug + "/datasets/1/files.zip").then().statusCode(200).extract().asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                if (e.getName().endsWith("p1.png")) assertArrayEquals(Api.png(301), in.readAllBytes());
            }
        }
        names.sort(null);
        assertEquals(4, names.size());
        assertTrue(names.stream().allMatch(n -> n.matches("(train|eval)/(scratch|none)/p\\d\\.png")), names.toString());
        assertEquals(2, names.stream().filter(n -> n.startsWith("eval/")).count());
    }

    @Test
    void tokensAreRequiredAndLabelersMayNotPull() {
        String slug = Api.textProjectWith(1, 3, "a", "b");
        annotate(slug, new StringBuilder("ex1,ds-l1,a\nex2,ds-l1,b\nex3,ds-l1,a\n"));
        admin().contentType(ContentType.JSON).body(SPEC).post("/api/projects/" + slug + "/datasets").then().statusCode(201);
        given().get("/api/projects/" + slug + "/datasets/1/data.csv").then().statusCode(401);
        as(Api.user("LABELER")).get("/api/projects/" + slug + "/datasets/1/data.csv").then().statusCode(403);
        String sme = Api.user("SME");
        String token = as(sme).contentType(ContentType.JSON).body(Map.of("name", "pull")).post("/api/me/tokens").then().extract().path("token");
        given().header("Authorization", "Bearer " + token).get("/api/projects/" + slug + "/datasets/latest/data.csv").then().statusCode(200);
        as(Api.user("LABELER")).contentType(ContentType.JSON).body(SPEC).post("/api/projects/" + slug + "/datasets").then().statusCode(403);
    }

    @Test
    void badSpecsAre400AndStoreNothing() {
        String slug = Api.textProjectWith(1, 2, "a", "b");
        annotate(slug, new StringBuilder("ex1,ds-l1,a\nex2,ds-l1,b\n"));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("splits", Map.of("train", 0.8, "test", 0.1), "seed", 1),
                Map.of("splits", Map.of("train", 1.0)),
                Map.of("splits", Map.of("train", -0.5, "test", 1.5), "seed", 1),
                Map.of("splits", Map.of("train", 1.0), "seed", 1, "consensus", "vibes"),
                Map.of("splits", Map.of("train", 1.0), "seed", 1, "labelCodes", Map.of("zebra", "9")))) {
            admin().contentType(ContentType.JSON).body(bad).post("/api/projects/" + slug + "/datasets").then().statusCode(400);
        }
        admin().get("/api/projects/" + slug + "/datasets").then().body("total", equalTo(0));
        admin().get("/api/projects/" + slug + "/datasets/latest/data.csv").then().statusCode(404);
        // Nothing to release says why in words: a project without examples, or how many were left out for what.
        String empty = Api.project("text", 1, "a", "b");
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + empty + "/datasets").then().statusCode(400)
                .body("message", equalTo("No example has a consensus yet (no example has been labeled yet); label more or resolve reviews before releasing."));
        String started = Api.textProjectWith(2, 3, "a", "b");
        annotate(started, new StringBuilder("ex1,ds-l1,a\nex2,ds-l1,b\n"));
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + started + "/datasets").then().statusCode(400)
                .body("message", equalTo("No example has a consensus yet (2 incomplete); label more or resolve reviews before releasing."));
    }

    @Test
    void theDiffListsAddedRemovedAndRelabeledExamplesInImportOrder() {
        String slug = Api.textProjectWith(3, 13, "a", "b", "c");
        labeledProject(12, 1, slug);
        admin().contentType(ContentType.JSON).body(SPEC).post("/api/projects/" + slug + "/datasets").then().statusCode(201)
                .body("examples", equalTo(12)).body("diff.previousVersion", equalTo(null));
        // ex1 ('b' x3) gets three 'c': a tie, left out; ex2 ('c' x3) gets four 'a': relabeled; ex13 is new.
        StringBuilder csv = new StringBuilder();
        for (String w : List.of("ds-l4", "ds-l5", "ds-l6")) csv.append("ex1,").append(w).append(",c\n");
        for (String w : List.of("ds-l4", "ds-l5", "ds-l6", "ds-l7")) csv.append("ex2,").append(w).append(",a\n");
        for (String w : List.of("ds-l1", "ds-l2", "ds-l3")) csv.append("ex13,").append(w).append(",b\n");
        annotate(slug, csv);
        admin().contentType(ContentType.JSON).body(SPEC).post("/api/projects/" + slug + "/datasets").then().statusCode(201)
                .body("examples", equalTo(12)).body("leftOut.tie", equalTo(1))
                .body("diff.previousVersion", equalTo(1))
                .body("diff.added.count", equalTo(1)).body("diff.added.keys", equalTo(List.of("ex13")))
                .body("diff.removed.count", equalTo(1)).body("diff.removed.keys", equalTo(List.of("ex1")))
                .body("diff.relabeled.count", equalTo(1)).body("diff.relabeled.items[0].key", equalTo("ex2"))
                .body("diff.relabeled.items[0].from", equalTo("c")).body("diff.relabeled.items[0].to", equalTo("a"))
                .body("diff.relabeled.items[0].reason", equalTo("new labels"))
                .body("lineage.labelsByLabeler.ds-l7", equalTo(1));
        // Nothing changed: an empty diff.
        admin().contentType(ContentType.JSON).body(SPEC).post("/api/projects/" + slug + "/datasets").then().statusCode(201)
                .body("diff.added.count", equalTo(0)).body("diff.removed.count", equalTo(0)).body("diff.relabeled.count", equalTo(0));
    }

    /**
     * A version released before snapshots (V9) has its rows in dataset_example and the project's
     * splits in example_split: the next version keeps those splits and diffs against those rows.
     */
    /** The app's own Flyway (Quarkus finds Java migrations at build time) ran V20 before V21 dropped its tables. */
    @Test
    void theAppRanTheSnapshotMigration() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement q = c.prepareStatement("select \"type\", \"success\" from \"flyway_schema_history\" where \"version\" = '20'");
             java.sql.ResultSet r = q.executeQuery()) {
            org.junit.jupiter.api.Assertions.assertTrue(r.next(), "V20 is in the schema history");
            assertEquals("JDBC", r.getString(1));
            org.junit.jupiter.api.Assertions.assertTrue(r.getBoolean(2));
        }
    }

    @Test
    void dawidSkeneIsAvailable() {
        String slug = Api.textProjectWith(3, 30, "a", "b", "c");
        labeledProject(30, 1, slug);
        admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 5, "consensus", "dawid-skene"))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("consensus", equalTo("dawid-skene")).body("examples", equalTo(30));
    }
}
