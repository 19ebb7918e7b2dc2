package dev.concord.user;

import dev.concord.base.IdBlocks;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** The sequence labeler accounts created by an import (external labelers) take ids from in blocks with plain JDBC. */
class UserSequences {
    static final Map<String, Class<?>> SEQUENCES = Map.of("app_user_seq", User.class);

    @Produces
    @Singleton
    IdBlocks.Sequences sequences() {
        return new IdBlocks.Sequences(SEQUENCES);
    }
}
