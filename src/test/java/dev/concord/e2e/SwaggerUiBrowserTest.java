package dev.concord.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The footer's "API" link opens a working Swagger UI, not a page blanked by the CSP. */
@QuarkusTest
class SwaggerUiBrowserTest extends BrowserTest {

    @Test
    void theApiLinkShowsTheDocumentedOperations() {
        page.navigate("/login");
        page.click("footer a[href='/q/swagger-ui']");
        page.waitForSelector(".swagger-ui .info .title");
        assertTrue(page.textContent(".swagger-ui .info .title").contains("Concord API"));
        page.waitForSelector(".opblock-tag");
        assertEquals(List.of(), pageErrors.stream().filter(e -> e.contains("Content Security Policy")).toList());
        screenshot("swagger-ui");
    }
}
