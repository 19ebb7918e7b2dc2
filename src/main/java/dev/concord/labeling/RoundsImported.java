package dev.concord.labeling;

import dev.concord.project.Project;
import java.sql.Connection;
import java.util.List;

/**
 * Fired (synchronously) by an import of labels made elsewhere, inside the import's own database
 * transaction, once per batch of examples whose current round it wrote, with each round's answers
 * as read after the write. Observers decide what follows (review flags) and write it on
 * {@code connection}, so it commits or rolls back with the labels. Labeling says what the rounds
 * hold, never what follows from it for reviews.
 */
public record RoundsImported(Project project, Connection connection, List<Round> rounds) {
    /** One example's current round: every answer it holds now. */
    public record Round(long exampleId, int round, List<String> answers) {}
}
