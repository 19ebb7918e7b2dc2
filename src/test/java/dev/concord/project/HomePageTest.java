package dev.concord.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The home page without projects says what to do next, for whom. */
@QuarkusTest
class HomePageTest {

    @Test
    void anAdminWithoutProjectsIsPointedAtTheNewProjectForm() {
        String html = ProjectPages.Templates.home(List.of(), List.of(), true, null).render();
        assertTrue(html.contains("No projects yet."), html);
        assertTrue(html.contains("href=\"/projects/new\""), "the empty page links the New project form");
    }

    @Test
    void aLabelerWithoutProjectsIsToldWhomToAsk() {
        String html = ProjectPages.Templates.home(List.of(), List.of(), false, null).render();
        assertTrue(html.contains("Ask course staff to add you to one."), html);
        assertFalse(html.contains("/projects/new"), html);
    }
}
