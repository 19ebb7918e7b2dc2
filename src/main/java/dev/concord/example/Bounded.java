package dev.concord.example;

import dev.concord.base.DomainException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.input.BoundedInputStream;

/** Streams that refuse to give more than a limit: an upload answers 413, never fills the disk. */
final class Bounded {

    private Bounded() {
    }

    /**
     * {@code in}, failing with {@link DomainException.TooLarge} (413, {@code whyTooLarge}) on the
     * first read past {@code limit} bytes; closing it leaves {@code in} open (a zip stream stays
     * open for its next entry). The bound is {@code limit + 1}, so a stream of exactly {@code
     * limit} bytes ends normally and only a longer one reaches the bound.
     */
    static BoundedInputStream atMost(InputStream in, long limit, String whyTooLarge) throws IOException {
        return BoundedInputStream.builder()
                .setInputStream(in)
                .setMaxCount(Math.max(0, limit) + 1)
                .setPropagateClose(false)
                .setOnMaxCount((max, count) -> {
                    throw new DomainException.TooLarge(whyTooLarge);
                })
                .get();
    }
}
