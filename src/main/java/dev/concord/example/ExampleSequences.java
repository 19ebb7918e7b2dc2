package dev.concord.example;

import dev.concord.base.IdBlocks;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** The sequence imports take example ids from in blocks with plain JDBC. */
class ExampleSequences {
    static final Map<String, Class<?>> SEQUENCES = Map.of("example_seq", Example.class);

    @Produces
    @Singleton
    IdBlocks.Sequences sequences() {
        return new IdBlocks.Sequences(SEQUENCES);
    }
}
