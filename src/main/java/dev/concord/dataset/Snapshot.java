package dev.concord.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * What a version released, stored compactly (table dataset_snapshot, V9): every example that has a
 * split — released in this version, or in an earlier one and still in the project — ordered by
 * example id, with its split and the version that first gave it that split, and, when released
 * in this version, its label, source (RESOLUTION, MAJORITY, DAWID_SKENE) and agreement.
 *
 * <p>The previous version's snapshot is all a release needs of the past: the splits examples keep
 * (stable splits) and the labels to diff against. Stored in chunks of {@value #CHUNK} examples,
 * each a deflated binary record in base64 text (portable to H2 and PostgreSQL): a first release of
 * 200,000 examples writes about 50 rows instead of 400,000.
 */
final class Snapshot {
    static final int CHUNK = 4096;
    private static final int FORMAT = 1;

    final int size;
    final long[] ids;
    final String[] split;
    final int[] firstVersion;
    /** null: not released in this version (kept for its split). */
    final String[] label;
    final String[] source;
    /** NaN: no agreement. */
    final double[] agreement;

    Snapshot(int capacity) {
        this(0, new long[capacity], new String[capacity], new int[capacity], new String[capacity], new String[capacity], new double[capacity]);
    }

    private Snapshot(int size, long[] ids, String[] split, int[] firstVersion, String[] label, String[] source, double[] agreement) {
        this.size = size;
        this.ids = ids;
        this.split = split;
        this.firstVersion = firstVersion;
        this.label = label;
        this.source = source;
        this.agreement = agreement;
    }

    static final Snapshot EMPTY = new Snapshot(0);

    /** Index of {@code exampleId}, or a negative number if it has no entry. */
    int indexOf(long exampleId) {
        return Arrays.binarySearch(ids, 0, size, exampleId);
    }

    /** Appends entries in increasing example id order. */
    static final class Builder {
        private int n;
        private long[] ids;
        private String[] split;
        private int[] firstVersion;
        private String[] label;
        private String[] source;
        private double[] agreement;

        Builder(int capacity) {
            int c = Math.max(16, capacity);
            ids = new long[c];
            split = new String[c];
            firstVersion = new int[c];
            label = new String[c];
            source = new String[c];
            agreement = new double[c];
        }

        void add(long id, String splitName, int first, String labelName, String sourceName, double agreementValue) {
            if (n > 0 && id <= ids[n - 1]) throw new IllegalStateException("snapshot entries must be in increasing example id order");
            if (n == ids.length) {
                int c = n * 2;
                ids = Arrays.copyOf(ids, c);
                split = Arrays.copyOf(split, c);
                firstVersion = Arrays.copyOf(firstVersion, c);
                label = Arrays.copyOf(label, c);
                source = Arrays.copyOf(source, c);
                agreement = Arrays.copyOf(agreement, c);
            }
            ids[n] = id;
            split[n] = splitName;
            firstVersion[n] = first;
            label[n] = labelName;
            source[n] = sourceName;
            agreement[n] = agreementValue;
            n++;
        }

        Snapshot build() {
            return new Snapshot(n, ids, split, firstVersion, label, source, agreement);
        }
    }

    /**
     * The snapshot of a new version: its released examples with the splits they got, merged in id
     * order with the examples released before and not now, which keep their split for later
     * versions while they are in the project.
     *
     * @param split each released example's split, as {@link Splits#assign} gave it
     * @param first the version that first gave it that split
     */
    static Snapshot next(Snapshot previous, Released released, String[] split, int[] first, java.util.function.LongPredicate inProject) {
        Builder snapshot = new Builder(released.size + previous.size / 8);
        for (int r = 0, p = 0; r < released.size || p < previous.size; ) {
            if (p < previous.size && (r == released.size || previous.ids[p] < released.ids[r])) {
                if (inProject.test(previous.ids[p])) snapshot.add(previous.ids[p], previous.split[p], previous.firstVersion[p], null, null, Double.NaN);
                p++;
            } else {
                if (p < previous.size && previous.ids[p] == released.ids[r]) p++;
                snapshot.add(released.ids[r], split[r], first[r], released.label[r], released.source[r], released.agreement[r]);
                r++;
            }
        }
        return snapshot.build();
    }

    // ---- storage ----

    /** Writes this snapshot as the rows of {@code versionId}. */
    void store(Connection c, long versionId) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("insert into dataset_snapshot (dataset_version_id, chunk, entries, data) values (?, ?, ?, ?)")) {
            int chunk = 0;
            for (int from = 0; from < size; from += CHUNK) {
                int to = Math.min(size, from + CHUNK);
                ins.setLong(1, versionId);
                ins.setInt(2, chunk++);
                ins.setInt(3, to - from);
                ins.setString(4, encode(from, to));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** The snapshot of version {@code version} of the project, or {@link #EMPTY} if there is no such version. */
    static Snapshot load(Connection c, long projectId, int version) throws SQLException {
        Long versionId = null;
        try (PreparedStatement q = c.prepareStatement("select id from dataset_version where project_id = ? and version = ?")) {
            q.setLong(1, projectId);
            q.setInt(2, version);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) versionId = r.getLong(1);
            }
        }
        if (versionId == null) return EMPTY;
        List<String> chunks = new ArrayList<>();
        int total = 0;
        try (PreparedStatement q = c.prepareStatement("select entries, data from dataset_snapshot where dataset_version_id = ? order by chunk")) {
            q.setLong(1, versionId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    total += r.getInt(1);
                    chunks.add(r.getString(2));
                }
            }
        }
        Builder b = new Builder(total);
        for (String chunk : chunks) decode(chunk, b);
        return b.build();
    }

    /** Entries {@code from..to} as one stored chunk. */
    String encode(int from, int to) {
        Map<String, Integer> strings = new HashMap<>();
        List<String> table = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (String s : new String[] {split[i], label[i], source[i]}) {
                if (s != null && strings.putIfAbsent(s, table.size()) == null) table.add(s);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new DeflaterOutputStream(bytes, deflater, 8192), 8192))) {
            out.writeByte(FORMAT);
            writeVar(out, table.size());
            for (String s : table) out.writeUTF(s);
            writeVar(out, to - from);
            long previous = 0;
            for (int i = from; i < to; i++) {
                writeVar(out, ids[i] - previous);
                previous = ids[i];
                writeVar(out, strings.get(split[i]));
                writeVar(out, firstVersion[i]);
                if (label[i] == null) {
                    writeVar(out, 0);
                    continue;
                }
                writeVar(out, 1 + strings.get(label[i]));
                writeVar(out, strings.get(source[i]));
                if (Double.isNaN(agreement[i])) {
                    out.writeByte(0);
                } else {
                    out.writeByte(1);
                    out.writeDouble(agreement[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Appends the entries of a stored chunk. */
    static void decode(String chunk, Builder b) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new InflaterInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(chunk)), inflater, 8192), 8192))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) throw new IllegalStateException("unknown dataset snapshot format " + format);
            String[] table = new String[(int) readVar(in)];
            for (int i = 0; i < table.length; i++) table[i] = in.readUTF();
            int count = (int) readVar(in);
            long id = 0;
            for (int i = 0; i < count; i++) {
                id += readVar(in);
                String splitName = table[(int) readVar(in)];
                int first = (int) readVar(in);
                int labelRef = (int) readVar(in);
                if (labelRef == 0) {
                    b.add(id, splitName, first, null, null, Double.NaN);
                    continue;
                }
                String sourceName = table[(int) readVar(in)];
                double a = in.readUnsignedByte() == 0 ? Double.NaN : in.readDouble();
                b.add(id, splitName, first, table[labelRef - 1], sourceName, a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inflater.end();
        }
    }

    private static void writeVar(DataOutputStream out, long v) throws IOException {
        if (v < 0) throw new IllegalArgumentException("negative " + v);
        while (v >= 0x80) {
            out.writeByte((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVar(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) return v;
        }
    }
}
