package dev.concord.example;

import dev.concord.project.Project;
import java.io.Reader;

/**
 * Labels made elsewhere, imported from CSV {@code example,labeler,label}, all or nothing. The
 * labeling package implements it; an import job only hands over the file, so examples never
 * depend on how labels are written.
 */
public interface AnnotationImport {
    /** Imports every row or none, and answers how many labels were stored. */
    int importCsv(Project project, Reader reader);
}
