package dev.concord.example;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The rows of an import, kept in a temporary file under the data directory while the import runs
 * (deleted when it is closed): appended in the file's order, read back by number in any order.
 * Memory holds twelve bytes per row (where it starts, how long it is), never the rows.
 */
final class Spill implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private FileChannel channel;
    private long[] starts = new long[1024];
    private int[] lengths = new int[1024];
    private int size;
    private long written;
    private ByteBuffer buffer = ByteBuffer.allocate(4096);

    Spill(Path dir) {
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "rows-", ".spill");
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(String row) {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        starts[size] = written;
        lengths[size++] = bytes.length;
        written += bytes.length;
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row {@code i} (0-based, in the order added). */
    String get(int i) {
        try {
            if (channel == null) {
                out.close();
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            if (buffer.capacity() < lengths[i]) buffer = ByteBuffer.allocate(Math.max(lengths[i], buffer.capacity() * 2));
            buffer.clear().limit(lengths[i]);
            long at = starts[i];
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) throw new IOException("The import's temporary file ended early");
            }
            return new String(buffer.array(), 0, lengths[i], StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) channel.close();
            else out.close();
        } catch (IOException ignored) {
            // deleted below all the same
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
