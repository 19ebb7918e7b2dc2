package dev.concord.example;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExampleImportTest {

    static byte[] png(int seed) {
        return Api.png(seed);
    }

    static byte[] zip(Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                zip.write((byte[]) nameThenBytes[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void csvRowsKeepTheirColumnsAndQuotedNewlines() {
        String slug = Api.project("row", 2, "spam", "not_spam");
        String csv = "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n"
                + "c1,Ann,2014-11-07T12:37:15,\"Check out my channel, it's great\",1\n"
                + "c2,Bob,2014-11-08T10:00:00,\"Love this song\nso much\",0\n";
        admin().multiPart("file", "comments.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples?keyColumn=COMMENT_ID")
                .then().statusCode(201).body("imported", equalTo(2));
        admin().get("/api/projects/" + slug + "/examples").then().body("items.key", hasItem("c2")).body("total", equalTo(2));
    }

    @Test
    void jsonLinesImportForText() {
        String slug = Api.project("text", 1, "pos", "neg");
        String jsonl = "{\"id\": \"a\", \"text\": \"good\", \"lang\": \"en\"}\n{\"id\": 7, \"text\": \"bad\"}\n";
        admin().multiPart("file", "data.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201).body("imported", equalTo(2));
        admin().get("/api/projects/" + slug + "/examples").then().body("items.key", hasItem("7"));
    }

    @Test
    void withoutAKeyColumnTheLineNumberIsTheKey() {
        String slug = Api.project("text", 1, "pos", "neg");
        Api.importCsv(slug, "text\nfirst\nsecond\n");
        admin().get("/api/projects/" + slug + "/examples").then().body("items.key", equalTo(java.util.List.of("2", "3")));
    }

    @Test
    void everyBadLineIsListedAndNothingIsStored() {
        String slug = Api.project("text", 1, "pos", "neg");
        Api.importCsv(slug, "id,text\nold,already here\n");
        String csv = "id,text\nx1,fine\nx1,duplicate in file\nold,already in project\nx4,\nx5,too,many\n";
        admin().multiPart("file", "bad.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples")
                .then().statusCode(400).body("error", equalTo("bad_rows"))
                .body("details.line", equalTo(java.util.List.of(3, 4, 5, 6)))
                .body("message", containsString("nothing was imported"));
        assertEquals(1, Api.count(slug, "examples"));
    }

    @Test
    void malformedCsvIs400AndStoresNothing() {
        String slug = Api.project("text", 1, "pos", "neg");
        String csv = "id,text\na,fine\nb,\"never closed\nc,more\n";
        admin().multiPart("file", "bad.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples")
                .then().statusCode(400).body("details[0].message", containsString("malformed"));
        assertEquals(0, Api.count(slug, "examples"));
    }

    @Test
    void wrongTypesInJsonLinesAre400() {
        String slug = Api.project("text", 1, "pos", "neg");
        String jsonl = "{\"id\": \"a\", \"text\": \"ok\"}\n[1,2]\n{\"id\": \"c\", \"text\": {\"nested\": true}}\nnot json\n";
        admin().multiPart("file", "data.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + slug + "/examples")
                .then().statusCode(400).body("details.line", equalTo(java.util.List.of(2, 3, 4)));
        assertEquals(0, Api.count(slug, "examples"));
    }

    @Test
    void textProjectsNeedTheirTextColumn() {
        String slug = Api.project("text", 1, "pos", "neg");
        admin().multiPart("file", "d.csv", "id,body\n1,x\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400).body("message", containsString("textColumn"));
        admin().multiPart("file", "d.csv", "id,body\n1,x\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples?textColumn=body").then().statusCode(201);
    }

    @Test
    void imagesAreCheckedByContentAndServedWithTheirType() throws IOException {
        String slug = Api.project("image", 1, "scratch", "none");
        byte[] image = png(1);
        admin().multiPart("file", "a.png", image, "image/png").post("/api/projects/" + slug + "/examples")
                .then().statusCode(201).body("imported", equalTo(1));
        String labeler = Api.user("LABELER");
        byte[] served = as(labeler).get("/api/projects/" + slug + "/examples/a.png/media")
                .then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertArrayEquals(image, served);
    }

    @Test
    void nonImageBytesNamedPngAreRefused() throws IOException {
        String slug = Api.project("image", 1, "scratch", "none");
        byte[] archive = zip("good.png", png(2), "evil.png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        admin().multiPart("file", "batch.zip", archive, "application/zip").post("/api/projects/" + slug + "/examples")
                .then().statusCode(400).body("details", hasSize(1)).body("details[0].file", containsString("evil.png"));
        assertEquals(0, Api.count(slug, "examples"));
    }

    @Test
    void zipSlipEntriesAreRefusedAndNothingIsWrittenOutside() throws IOException {
        String slug = Api.project("image", 1, "scratch", "none");
        // Seeds no other test uses: their bytes must be found nowhere afterwards.
        byte[] archive = zip("ok.png", png(51_101), "../../escape.png", png(51_102), "/abs/path.png", png(51_103));
        admin().multiPart("file", "slip.zip", archive, "application/zip").post("/api/projects/" + slug + "/examples")
                .then().statusCode(400).body("details.file", hasItem("../../escape.png")).body("details.file", hasItem("/abs/path.png"));
        assertEquals(0, Api.count(slug, "examples"));
        // Whatever name an entry would have been written under, its bytes are nowhere: not in the
        // data dir (test-data), not beside it in target/, not in the working directory.
        for (int seed : new int[] {51_101, 51_102, 51_103}) {
            assertEquals(java.util.List.of(), filesHolding(png(seed)), "the bytes of entry " + seed + " were written");
        }
    }

    /** Files under target/ (and directly in the working directory) whose content is exactly {@code bytes}. */
    static java.util.List<java.nio.file.Path> filesHolding(byte[] bytes) throws IOException {
        java.util.List<java.nio.file.Path> found = new java.util.ArrayList<>();
        java.util.List<java.nio.file.Path> candidates = new java.util.ArrayList<>();
        try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of("target"))) {
            walk.filter(java.nio.file.Files::isRegularFile).forEach(candidates::add);
        }
        try (var here = java.nio.file.Files.list(java.nio.file.Path.of("."))) {
            here.filter(java.nio.file.Files::isRegularFile).forEach(candidates::add);
        }
        for (java.nio.file.Path file : candidates) {
            try {
                if (java.nio.file.Files.size(file) == bytes.length && java.util.Arrays.equals(java.nio.file.Files.readAllBytes(file), bytes)) {
                    found.add(file);
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // a temporary file of the running app, removed while we looked
            }
        }
        return found;
    }

    @Test
    void zipBombsAre413() throws IOException {
        String slug = Api.project("image", 1, "scratch", "none");
        // 11 MiB of zeros after a PNG header compresses to a few KiB; the test limit is 10 MiB inflated.
        byte[] big = new byte[11 * 1024 * 1024];
        System.arraycopy(png(6), 0, big, 0, 16);
        admin().multiPart("file", "bomb.zip", zip("bomb.png", big), "application/zip").post("/api/projects/" + slug + "/examples")
                .then().statusCode(413).body("error", equalTo("too_large"));
        assertEquals(0, Api.count(slug, "examples"));
    }

    @Test
    void aZipWhoseFilesTogetherUnpackPastTheLimitIs413() throws IOException {
        String slug = Api.project("image", 1, "scratch", "none");
        // Each 6 MiB picture is under the 10 MiB test limit; the two together are not.
        byte[] first = new byte[6 * 1024 * 1024];
        byte[] second = new byte[6 * 1024 * 1024];
        System.arraycopy(png(7), 0, first, 0, 16);
        System.arraycopy(png(8), 0, second, 0, 16);
        second[100] = 1;
        admin().multiPart("file", "two.zip", zip("a.png", first, "b.png", second), "application/zip").post("/api/projects/" + slug + "/examples")
                .then().statusCode(413).body("error", equalTo("too_large"))
                .body("message", org.hamcrest.Matchers.containsString("unpacks to more than the allowed size"));
        assertEquals(0, Api.count(slug, "examples"));
        // One of them alone is fine.
        admin().multiPart("file", "one.zip", zip("a.png", first), "application/zip").post("/api/projects/" + slug + "/examples")
                .then().statusCode(201);
    }

    @Test
    void oversizedBodiesAre413WithTheErrorBody() {
        String slug = Api.project("text", 1, "pos", "neg");
        byte[] body = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        // A declared Content-Length over the limit: refused before the body is read, with the JSON body.
        admin().contentType("multipart/form-data; boundary=x").body(body).post("/api/projects/" + slug + "/examples")
                .then().statusCode(413).body("error", equalTo("too_large"));
        // A chunked multipart upload: Vert.x stops reading at the limit.
        admin().multiPart("file", "huge.csv", body, "text/csv").post("/api/projects/" + slug + "/examples")
                .then().statusCode(413);
        assertEquals(0, Api.count(slug, "examples"));
    }

    /** Regular files under a directory of the test data dir (none when it does not exist). */
    static java.util.List<java.nio.file.Path> filesUnder(String dir) throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of("target", "test-data", dir);
        if (!java.nio.file.Files.exists(root)) return java.util.List.of();
        try (var walk = java.nio.file.Files.walk(root)) {
            return walk.filter(java.nio.file.Files::isRegularFile).toList();
        }
    }

    @Test
    void refusedUploadsLeaveNoFilesBehind() throws Exception {
        String slug = Api.project("image", 1, "scratch", "none");
        java.util.List<java.nio.file.Path> mediaBefore = filesUnder("media");
        byte[] big = new byte[11 * 1024 * 1024];
        System.arraycopy(png(16), 0, big, 0, 16);
        admin().multiPart("file", "bomb.zip", zip("bomb.png", big), "application/zip").post("/api/projects/" + slug + "/examples")
                .then().statusCode(413);
        admin().multiPart("file", "slip.zip", zip("fine.png", png(17), "../../escape.png", png(18)), "application/zip")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400);
        admin().multiPart("file", "not-an-image.png", "just some text, not a picture".getBytes(StandardCharsets.UTF_8), "image/png")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400);
        byte[] huge = new byte[9 * 1024 * 1024];
        admin().multiPart("file", "huge.png", huge, "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(413);
        assertEquals(0, Api.count(slug, "examples"));
        // Vert.x deletes a request's uploaded files when the request ends; give it a moment.
        long deadline = System.currentTimeMillis() + 5000;
        while ((!filesUnder("uploads").isEmpty() || !filesUnder("incoming").isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(java.util.List.of(), filesUnder("uploads"), "uploaded request bodies are removed");
        assertEquals(java.util.List.of(), filesUnder("incoming"), "partial media files are removed");
        assertEquals(mediaBefore, filesUnder("media"), "nothing of a refused upload is kept");
    }

    @Test
    void mediaOfAnotherProjectIs404() throws IOException {
        String member = Api.user("LABELER");
        String outsider = Api.user("LABELER");
        String slug = Api.project("image", 1, java.util.List.of(member), "scratch", "none");
        admin().multiPart("file", "m.png", png(7), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        as(member).get("/api/projects/" + slug + "/examples/m.png/media").then().statusCode(200);
        as(outsider).get("/api/projects/" + slug + "/examples/m.png/media").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void importNeedsAMultipartFile() {
        String slug = Api.project("text", 1, "pos", "neg");
        admin().contentType("application/json").body("{}").post("/api/projects/" + slug + "/examples").then().statusCode(415);
        admin().multiPart("other", "x").post("/api/projects/" + slug + "/examples").then().statusCode(400);
    }
}
