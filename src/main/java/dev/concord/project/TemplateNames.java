package dev.concord.project;

import io.quarkus.qute.TemplateGlobal;

/** Names every page may use, so templates and scripts never spell them out themselves. */
@TemplateGlobal
public class TemplateNames {
    /** The answer every project accepts besides its labels: {@code {uncertain}} in a template. */
    static final String uncertain = Project.UNCERTAIN;
}
