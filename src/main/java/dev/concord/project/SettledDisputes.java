package dev.concord.project;

/**
 * What the home page tells a labeler about disputes they took part in, implemented by the review
 * feature (which depends on projects, not the other way round).
 */
public interface SettledDisputes {
    /**
     * How many examples of the project that the caller labeled were resolved, or resolved again,
     * since the caller last opened the project's feedback page.
     */
    long newlySettledFor(Project project);
}
