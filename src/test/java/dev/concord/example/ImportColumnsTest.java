package dev.concord.example;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import dev.concord.project.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How an import chooses and bounds its columns: the preview's offers, the key and text choices, the column limit. */
@QuarkusTest
class ImportColumnsTest {

    /** Uploads a file on the import page and answers the preview page's HTML. */
    private static String preview(String slug, String fileName, byte[] content) {
        String location = admin().redirects().follow(false).multiPart("file", fileName, content, "text/csv")
                .post("/projects/" + slug + "/import").then().statusCode(303).extract().header("Location");
        return admin().get(location).then().statusCode(200).extract().asString();
    }

    /** The value of the selected option of a select, by its id. */
    private static String selected(String html, String selectId) {
        Matcher select = Pattern.compile("(?s)<select id=\"" + selectId + "\".*?</select>").matcher(html);
        assertTrue(select.find(), "the page has #" + selectId);
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\"\\s+selected").matcher(select.group());
        assertTrue(option.find(), "#" + selectId + " has a selected option: " + select.group());
        return option.group(1);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() {
        String slug = Api.project("text", 1, "pos", "neg");
        byte[] csv = ("\uFEFFid,text\na1,first\na2,second\n").getBytes(StandardCharsets.UTF_8);
        String html = preview(slug, "data.csv", csv);
        assertFalse(html.contains("\uFEFF"), "the preview shows no byte order mark");
        assertEquals("id", selected(html, "key-column"));
        assertEquals("text", selected(html, "text-column"));
    }

    @Test
    void theLineNumberChoiceKeysByLineNumberEvenWithAnIdColumn() {
        String slug = Api.project("text", 1, "pos", "neg");
        String csv = "id,text\na1,first\na2,second\n";
        String html = preview(slug, "data.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertTrue(html.contains("<option value=\"" + ExampleImporter.KEY_BY_LINE + "\""), "the form offers the line number");
        admin().queryParam("keyColumn", ExampleImporter.KEY_BY_LINE)
                .multiPart("file", "data.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201);
        admin().get("/api/projects/" + slug + "/examples").then().body("items.key", equalTo(List.of("2", "3")));
    }

    @Test
    void theTextColumnIsNeverTheKeyColumn() {
        String slug = Api.project("text", 1, "pos", "neg");
        String csv = "id,body\na1,first\na2,second\n";
        String html = preview(slug, "data.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals("id", selected(html, "key-column"));
        assertEquals("body", selected(html, "text-column"), "the text defaults to a column that is not the key");
        admin().queryParam("keyColumn", "id").queryParam("textColumn", "id")
                .multiPart("file", "data.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400)
                .body("error", equalTo("bad_request")).body("message", containsString("both 'id'"));
        assertEquals(0, Api.count(slug, "examples"));
    }

    @Test
    void aFileWithMoreThanAThousandColumnsIsRefusedAndOneWithAThousandIsNot() {
        String slug = Api.project("row", 1, "spam", "ham");
        StringBuilder jsonl = new StringBuilder();
        // Every line brings new fields: the columns are the union over all lines.
        for (int line = 0; line < 1001; line++) jsonl.append("{\"id\": \"r").append(line).append("\", \"f").append(line).append("\": 1}\n");
        admin().multiPart("file", "wide.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400)
                .body("message", containsString("more than 1000 columns"));
        assertEquals(0, Api.count(slug, "examples"));
        StringBuilder csvHeader = new StringBuilder("id");
        for (int c = 1; c <= 1000; c++) csvHeader.append(",c").append(c);
        admin().multiPart("file", "wide.csv", (csvHeader + "\n").getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(400).body("message", containsString("more than 1000 columns"));
        // A thousand columns with names of the longest allowed length are kept.
        String longName = "n".repeat(120);
        StringBuilder ok = new StringBuilder();
        for (int line = 0; line < 3; line++) {
            ok.append("{\"id\": \"r").append(line).append('"');
            for (int f = 0; f < 333; f++) ok.append(", \"").append(longName).append(line * 333 + f).append("\": 1");
            ok.append("}\n");
        }
        admin().multiPart("file", "ok.jsonl", ok.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201).body("imported", equalTo(3));
        String other = Api.project("row", 1, "spam", "ham");
        admin().multiPart("file", "long.jsonl", ("{\"id\": \"a\", \"" + "x".repeat(129) + "\": 1}\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + other + "/examples").then().statusCode(400).body("message", containsString("at most 128 characters"));
    }

    @Test
    void aJsonLinesRowIsStoredAsItsLineHadItAndShownWithEveryColumn() {
        String labeler = Api.user("LABELER");
        String slug = Api.project("row", 1, List.of(labeler), "spam", "ham");
        // One wide line, then many short ones: filling each row with every column would cost rows × columns.
        StringBuilder jsonl = new StringBuilder("{\"id\": \"wide\"");
        for (int f = 1; f < ExampleImporter.MAX_COLUMNS; f++) jsonl.append(", \"f").append(f).append("\": \"v").append(f).append('"');
        jsonl.append("}\n");
        for (int line = 0; line < 1000; line++) jsonl.append("{\"id\": \"r").append(line).append("\", \"f1\": \"short\"}\n");
        admin().multiPart("file", "wide-then-short.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201).body("imported", equalTo(1001));

        String stored = QuarkusTransaction.requiringNew().call(() ->
                Example.require(Project.<Project>find("slug", slug).firstResult().id, "r7").payload);
        assertEquals("{\"id\":\"r7\",\"f1\":\"short\"}", stored, "a row keeps the fields its line had");

        // A labeler sees every column of any row, empty where its line had none.
        Map<String, String> data = as(labeler).get("/api/projects/" + slug + "/queue/next").then().statusCode(200).extract().path("data");
        assertEquals(ExampleImporter.MAX_COLUMNS, data.size());
        assertEquals("id", data.keySet().iterator().next());
        if (!"wide".equals(data.get("id"))) assertEquals("", data.get("f999"));
    }

    @Test
    void thePreviewOfAFileWithTooManyColumnsSaysSoInsteadOfListingThem() {
        String slug = Api.project("text", 1, "pos", "neg");
        StringBuilder csv = new StringBuilder("id,text");
        for (int c = 1; c <= ExampleImporter.MAX_COLUMNS; c++) csv.append(",c").append(c);
        String html = preview(slug, "wide.csv", (csv + "\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(html.contains(ExampleImporter.TOO_MANY_COLUMNS), html);
        assertFalse(html.contains("<option value=\"c1000\""), "the form does not offer a thousand columns");

        // One JSON line with many fields: the preview stops at the limit.
        StringBuilder line = new StringBuilder("{\"id\": \"a\"");
        for (int f = 0; f < 20_000; f++) line.append(", \"f").append(f).append("\": 1");
        html = preview(slug, "wide.jsonl", (line + "}\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(html.contains(ExampleImporter.TOO_MANY_COLUMNS), html);
        assertFalse(html.contains("<th>f999</th>"));
    }
}
