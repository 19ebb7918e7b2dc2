package dev.concord.example;

import dev.concord.project.Project;
import java.io.Reader;

/**
 * Labels made elsewhere, imported from CSV {@code example,labeler,label}, all or nothing. The
 * labeling package implements it; an import job only hands over the file, so examples never
 * depend on how labels are written.
 */
public interface AnnotationImport {
    /**
     * Imports every row or none. A row whose labeler already has a label on the example (in its
     * current round) replaces that label's answer, so importing the same file again changes nothing.
     */
    Result importCsv(Project project, Reader reader);

    /** New labels, and stored ones whose answer the file gave again or changed. */
    record Result(int imported, int replaced) {
        public int total() {
            return imported + replaced;
        }
    }
}
