package dev.concord.project;

/**
 * What a project's pages need of its label guide, implemented by the guide feature (which depends
 * on projects, not the other way round).
 */
public interface ProjectGuide {
    /** The newest guide version of the project (0 when it has none). */
    int currentVersion(long projectId);

    /** Guide Markdown of project {@code slug} as safe HTML, for previews (images only of that project's examples). */
    String toSafeHtml(String markdown, String slug);
}
