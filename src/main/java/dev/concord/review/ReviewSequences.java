package dev.concord.review;

import dev.concord.base.IdBlocks;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** The sequences review flags written with plain JDBC (by imports of labels) take ids from in blocks. */
class ReviewSequences {
    static final Map<String, Class<?>> SEQUENCES = Map.of("review_seq", Review.class, "review_event_seq", ReviewEvent.class);

    @Produces
    @Singleton
    IdBlocks.Sequences sequences() {
        return new IdBlocks.Sequences(SEQUENCES);
    }
}
