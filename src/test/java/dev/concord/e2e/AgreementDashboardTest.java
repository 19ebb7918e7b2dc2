package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The agreement dashboard, in a real browser, on imported labels that disagree. */
@QuarkusTest
class AgreementDashboardTest extends BrowserTest {

    static final String[] CLASSES = {"scratch", "dent", "pit-mark", "none"};

    @Inject
    AgroalDataSource dataSource;

    /**
     * 80 phone-surface examples on two cameras, 4 labelers. The first 40 were labeled under guide
     * version 1 (labelers follow the true class 60% of the time, scratch and dent are confused), the
     * last 40 under version 2 (85%), so the trend rises. Seeded: the same picture every run.
     */
    private String projectWithTwoGuideVersions() throws SQLException {
        String slug = Api.project("text", 4, CLASSES);
        StringBuilder examples = new StringBuilder("id,text\n");
        for (int i = 1; i <= 80; i++) examples.append("ex").append(i).append(",Phone surface ").append(i).append('\n');
        Api.importCsv(slug, examples.toString());
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        String tag = slug.substring(slug.length() - 8);
        for (int i = 1; i <= 80; i++) {
            int truth = random.nextInt(CLASSES.length);
            double follow = i <= 40 ? 0.6 : 0.85;
            for (String labeler : List.of("ana", "ben", "chloe", "dev")) {
                double u = random.nextDouble();
                String label = u < follow ? CLASSES[truth]
                        : u < follow + 0.05 ? "uncertain"
                        : truth <= 1 && u < follow + 0.3 ? CLASSES[1 - truth]
                        : CLASSES[random.nextInt(CLASSES.length)];
                labels.append("ex").append(i).append(',').append(labeler).append('-').append(tag).append(',').append(label).append('\n');
            }
        }
        Api.admin().multiPart("file", "labels.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        sql("insert into guide_version (id, project_id, version, markdown, note, created_at) select cast(? as bigint),"
                + " id, 2, '# v2', 'scratch vs dent rule', current_timestamp from project where slug = ?",
                java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L), slug);
        sql("update label set guide_version = 2 where example_id in (select e.id from example e join project p on"
                + " p.id = e.project_id where p.slug = ? and cast(substring(e.ex_key, 3) as integer) > 40)", slug);
        sql("update example set metadata = case when mod(position, 2) = 0 then '{\"camera\":\"line-1\"}'"
                + " else '{\"camera\":\"line-2\"}' end where project_id = (select id from project where slug = ?)", slug);
        return slug;
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    @Test
    void smeSeesFiguresChartsAndHeatmaps() throws Exception {
        String slug = projectWithTwoGuideVersions();
        String sme = Api.user("SME");
        logIn(sme);

        page.navigate("/projects/" + slug + "/agreement");

        assertThat(page.locator("h1")).containsText("agreement and HLP");
        assertThat(page.locator("#agreement-context")).containsText("80 examples");
        assertThat(page.locator("#agreement-context")).containsText("320 labels");
        for (String id : List.of("percent", "cohen", "fleiss", "alpha", "hlp")) {
            String figure = page.locator("#headline-" + id + " .figure").textContent().strip();
            assertTrue(figure.matches("-?\\d\\.\\d{3}"), id + " shows a number, not " + figure);
        }
        assertThat(page.locator("#headline-alpha .interval")).containsText("95% CI");
        assertThat(page.locator("#headline-alpha .reading")).containsText("Landis–Koch");
        assertThat(page.locator("#headline-hlp .reading")).containsText("labels compared): the ceiling");
        assertThat(page.locator("#trend-chart")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#hlp-chart")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#kappa-heatmap tbody tr")).hasCount(4);
        assertThat(page.locator("#confusion-heatmap tbody tr")).hasCount(5);
        assertTrue(page.locator("#kappa-heatmap td[class^='heat-']").count() >= 12, "kappa cells are shaded by class");
        assertThat(page.locator("#labeler-table tbody tr")).hasCount(4);
        assertThat(page.locator("#slice-table tbody tr")).hasCount(2);
        // the slice field is a choice of the project's metadata fields, the first one chosen by default
        assertEquals(List.of("no slices", "camera"), page.locator("#slice option").allTextContents().stream().map(String::strip).toList());
        assertEquals("camera", page.locator("#slice").inputValue());
        assertThat(page.locator("#hlp-method")).containsText("the majority answer of the other labelers of the example, for all");
        assertThat(page.locator(".explain")).containsText("sharpen".substring(0, 0) + "Sharpen the label guide");
        // the trend chart has a point per guide version: Chart.js keeps its instances
        Object points = page.evaluate("() => Chart.getChart(document.getElementById('trend-chart')).data.labels");
        assertEquals(List.of("v1", "v2"), points);
        screenshot("agreement");
        publishScreenshots("agreement");
        assertEquals(List.of(), pageErrors);

        // the filters: labels of guide version 2 only, without "uncertain"
        page.selectOption("#guideVersion", "2");
        page.check("#excludeUncertain");
        page.click("button:has-text('Show')");
        page.waitForURL(url -> url.contains("guideVersion=2") && url.contains("excludeUncertain=true"));
        assertThat(page.locator("#agreement-context")).containsText("40 examples");
        assertThat(page.locator("#agreement-context")).not().containsText("uncertain");
        assertThat(page.locator("#confusion-heatmap tbody tr")).hasCount(4);
        assertThat(page.locator("#trend-chart")).hasAttribute("data-drawn", "true");
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void oneGuideVersionIsShownAsBarsAndNoSlicesCanBeChosen() throws Exception {
        String slug = Api.textProjectWith(2, 6, "a", "b");
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        String tag = slug.substring(slug.length() - 8);
        for (String labeler : List.of("ann-" + tag, "bob-" + tag)) {
            for (int i = 1; i <= 6; i++) {
                labels.append("ex").append(i).append(',').append(labeler).append(',').append(i % 3 == 0 ? "b" : "a").append('\n');
            }
        }
        Api.admin().multiPart("file", "labels.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        logIn(Api.user("SME"));

        page.navigate("/projects/" + slug + "/agreement");

        assertThat(page.locator("#trend-chart")).hasAttribute("data-single-version", "1");
        assertThat(page.locator("#trend-single")).containsText("one guide version");
        Object bars = page.evaluate("() => Chart.getChart(document.getElementById('trend-chart')).data.datasets[0].data.length");
        assertEquals(3, ((Number) bars).intValue());
        assertEquals(List.of("no metadata to slice by"), page.locator("#slice option").allTextContents().stream().map(String::strip).toList());
        screenshot("agreement-one-version");
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void labelersDoNotGetTheDashboard() {
        String slug = Api.textProjectWith(2, 2, "a", "b");
        logIn(Api.user("LABELER"));

        var response = page.navigate("/projects/" + slug + "/agreement");

        assertEquals(403, response.status());
        assertEquals(0, page.locator("#trend-chart").count());
    }
}
