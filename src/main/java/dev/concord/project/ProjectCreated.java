package dev.concord.project;

/**
 * Fired synchronously inside the transaction that created a project, so features that keep
 * something per project (the label guide's first version) start it in the same commit.
 *
 * @param project the new project
 * @param guideMarkdown the guide text given with the project, or null for the default one
 * @param authorId who created it (null when the demo or a bootstrap did)
 */
public record ProjectCreated(Project project, String guideMarkdown, Long authorId) {}
