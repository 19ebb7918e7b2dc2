package dev.concord.example;

import dev.concord.base.ConcordConfig;
import dev.concord.base.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Media files, content-addressed: {@code <data-dir>/media/ab/<sha256>}. Paths are built only from
 * a hex digest, never from a client-given name, so nothing can land outside the data directory.
 */
@ApplicationScoped
public class MediaStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path incoming;

    public MediaStore(ConcordConfig config) {
        this.root = config.dataDir().resolve("media");
        this.incoming = config.dataDir().resolve("incoming");
    }

    /** A file written to the store: its digest, size, and whether this call created it. */
    public record Stored(String sha256, long size, boolean created) {}

    /**
     * Copies at most {@code limit} bytes from {@code in} into the store. More than that is a 413 and
     * leaves nothing behind. Identical content is stored once.
     */
    public Stored put(InputStream in, long limit) {
        try {
            Files.createDirectories(incoming);
            Path temp = Files.createTempFile(incoming, "upload-", ".part");
            try {
                MessageDigest digest = DigestUtils.getSha256Digest();
                long size;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                    size = Bounded.atMost(in, limit, "A file is larger than the allowed " + (limit >> 20) + " MiB once unpacked.").transferTo(out);
                }
                String sha = Hex.encodeHexString(digest.digest());
                Path target = path(sha);
                if (Files.exists(target)) {
                    return new Stored(sha, size, false);
                }
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return new Stored(sha, size, true);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest");
        }
        Path p = root.resolve(sha256.substring(0, 2)).resolve(sha256).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("outside the media store");
        return p;
    }

    /** Removes a file this request created (used when an import fails, so it stores nothing). */
    public void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
