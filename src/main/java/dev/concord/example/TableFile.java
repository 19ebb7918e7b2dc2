package dev.concord.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * The one way Concord opens an uploaded table (CSV or JSON lines) — for the import preview, the
 * import itself and imported annotations alike: strictly UTF-8 (a malformed byte is an error, not
 * a replacement character), without the byte order mark spreadsheets write at the start of
 * "CSV UTF-8" files (it would otherwise stick to the first column's name).
 */
public final class TableFile {
    private TableFile() {}

    /** A reader of the file's text: UTF-8, reporting malformed input, byte order mark dropped. */
    public static BufferedReader open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** As {@link #open(Path)}, for a stream (closed with the reader). */
    public static BufferedReader open(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        InputStream withoutBom = BOMInputStream.builder().setInputStream(in).setByteOrderMarks(ByteOrderMark.UTF_8).get();
        return new BufferedReader(new InputStreamReader(withoutBom, decoder));
    }

    /**
     * The CSV dialect of every upload: RFC 4180, the first line names the columns, each name once
     * (a name given twice would hide one of the columns) and none empty.
     */
    public static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setAllowMissingColumnNames(false).get();

    /** A CSV reader of the file (as {@link #open(Path)}) in the {@link #CSV} dialect; the header is read at once. */
    public static CSVParser csv(Path file) throws IOException {
        return CSVParser.builder().setReader(open(file)).setFormat(CSV).get();
    }

    /** A problem with one line of an uploaded table. */
    public interface LineProblem {
        void at(int line, String message);
    }

    /**
     * Each record of {@code parser} with its line number (the header is line 1). A record whose
     * number of values differs from the header's goes to {@code problem} instead, and so does a
     * malformed spot (an unclosed quote), after which nothing more can be read.
     */
    public static void forEachCsvRow(CSVParser parser, java.util.function.ObjIntConsumer<CSVRecord> row, LineProblem problem) {
        int columns = parser.getHeaderNames().size();
        java.util.Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) return;
                record = records.next();
            } catch (java.io.UncheckedIOException | IllegalStateException e) {
                problem.at((int) parser.getCurrentLineNumber(),
                        "The CSV is malformed here (an unclosed quote or stray character?); nothing after it could be read.");
                return;
            }
            int line = (int) record.getRecordNumber() + 1;
            if (record.size() != columns) {
                problem.at(line, "This row has " + record.size() + " values; the header has " + columns + ".");
                continue;
            }
            row.accept(record, line);
        }
    }

    /** What to do with one line of a JSON-lines file. */
    public interface JsonLine {
        /** {@code object} is the line's JSON object, or null when the line is none; {@code notJson}: not even JSON. */
        void accept(int line, ObjectNode object, boolean notJson);
    }

    /**
     * Reads a JSON-lines file line by line (as {@link #open(Path)} does), skipping blank lines: each
     * other line goes to {@code each} with its number, as an object, or as a line that is not one.
     */
    public static void forEachJsonLine(Path file, ObjectMapper json, JsonLine each) throws IOException {
        try (BufferedReader reader = open(file)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                JsonNode node;
                try {
                    node = json.readTree(text);
                } catch (JsonProcessingException e) {
                    each.accept(line, null, true);
                    continue;
                }
                each.accept(line, node instanceof ObjectNode object ? object : null, false);
            }
        }
    }

    /**
     * Whether the upload holds JSON lines rather than CSV: by its name (.jsonl, .ndjson, .json;
     * .csv, .tsv, .txt are CSV), else by its first character after any byte order mark and blanks.
     */
    public static boolean isJsonLines(String fileName, Path file) throws IOException {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return true;
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) return false;
        try (BufferedReader reader = open(file)) {
            int c;
            do {
                c = reader.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c == '{';
        } catch (java.nio.charset.CharacterCodingException e) {
            return false; // not UTF-8 text at all: the CSV reader will say so
        }
    }
}
