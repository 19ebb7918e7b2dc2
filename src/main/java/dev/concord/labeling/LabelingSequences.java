package dev.concord.labeling;

import dev.concord.base.IdBlocks;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** The sequences labeling takes ids from in blocks with plain JDBC: labels (queue and imports) and leases. */
class LabelingSequences {
    static final Map<String, Class<?>> SEQUENCES = Map.of("label_seq", Label.class, "lease_seq", Lease.class);

    @Produces
    @Singleton
    IdBlocks.Sequences sequences() {
        return new IdBlocks.Sequences(SEQUENCES);
    }
}
