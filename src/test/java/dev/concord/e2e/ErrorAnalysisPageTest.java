package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.options.FilePayload;
import dev.concord.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An SME reads a model's error analysis: the slices ranked with accuracy beside HLP, the top row
 * in words, the contradictions of that slice, and sends two of them to review.
 */
@QuarkusTest
class ErrorAnalysisPageTest extends BrowserTest {

    @Inject
    AgroalDataSource dataSource;

    /**
     * 40 examples, 3 labelers; camera line-1 (ex1–ex20) all agree on 'a'; on line-2 (ex21–ex40) half
     * agree and half are 'a','a','b', so HLP there is 30 of 40 labels. The model misses 8 of line-2.
     */
    private String project() throws Exception {
        String slug = Api.textProjectWith(3, 40, "a", "b");
        String tag = slug.substring(slug.length() - 8);
        StringBuilder labels = new StringBuilder("example,labeler,label\n");
        for (int i = 1; i <= 40; i++) {
            for (String who : List.of("ann", "bob", "cid")) {
                String label = i > 30 && who.equals("cid") ? "b" : "a";
                labels.append("ex").append(i).append(',').append(who).append('-').append(tag).append(',').append(label).append('\n');
            }
        }
        Api.admin().multiPart("file", "l.csv", labels.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update example set metadata = case when cast(substring(ex_key, 3) as integer) <= 20 then '{\"camera\":\"line-1\"}'"
                        + " else '{\"camera\":\"line-2\"}' end where project_id = (select id from project where slug = ?)")) {
            s.setString(1, slug);
            s.executeUpdate();
        }
        Api.admin().contentType(ContentType.JSON).body(Map.of("splits", Map.of("train", 1.0), "seed", 1))
                .post("/api/projects/" + slug + "/datasets").then().statusCode(201).body("examples", org.hamcrest.Matchers.equalTo(40));
        StringBuilder predictions = new StringBuilder("key,prediction,score\n");
        for (int i = 1; i <= 40; i++) predictions.append("ex").append(i).append(',').append(i > 32 ? "b" : "a").append(",0.9\n");
        Api.admin().multiPart("file", "p.csv", predictions.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("model", "tfidf-logreg").post("/api/projects/" + slug + "/datasets/1/predictions").then().statusCode(201);
        return slug;
    }

    @Test
    void anSmeFindsTheSliceWithTheMostToGainAndSendsContradictionsToReview() throws Exception {
        String slug = project();
        logIn(Api.user("SME"));
        page.navigate("/projects/" + slug + "/datasets");
        page.click(".analysis-link");

        assertThat(page.locator("h1")).containsText("error analysis of dataset version 1");
        // line-2: accuracy 12/20 = 60%, HLP 30/40 = 75%: 15 points below HLP on half of the data
        assertThat(page.locator("#reading")).containsText("line-2: 50% of the data, 15 points below HLP — the most to gain.");
        assertThat(page.locator("#slice-table tbody tr")).hasCount(2);
        assertThat(page.locator("#slice-table tbody tr").first()).containsText("line-2");
        assertThat(page.locator("#slice-table tbody tr").first()).containsText("7.5%");
        assertThat(page.locator("#gap-chart")).hasAttribute("data-drawn", "true");
        screenshot("error-analysis");
        publishScreenshots("error-analysis");

        page.locator("#slice-table tbody tr").first().locator("a").click();
        assertThat(page.locator("#contradiction-table tbody tr")).hasCount(8);
        // the weakest human agreement first: the 'a','a','b' examples (2/3) before the unanimous ones
        assertThat(page.locator("#contradiction-table tbody tr").first()).containsText("66.7%");
        page.locator("#contradiction-table input[name=key]").nth(0).check();
        page.locator("#contradiction-table input[name=key]").nth(1).check();
        page.click("#send-to-review");
        assertThat(page.locator("#flash")).containsText("2 examples are in the review queue");
        assertThat(page.locator("#contradiction-table")).isVisible();

        page.navigate("/projects/" + slug + "/review?reason=model");
        assertThat(page.locator("body")).containsText("model disagrees");

        // A second run from the page's form; a bad one shows its problems and stores nothing.
        page.navigate("/projects/" + slug + "/datasets/1/analysis");
        page.fill("#model", "bad");
        page.setInputFiles("#file", new FilePayload("p.csv", "text/csv", "key,prediction\nex1,c\n".getBytes(StandardCharsets.UTF_8)));
        page.click(".upload-predictions button[type=submit]");
        assertThat(page.locator("#upload-error")).containsText("Line 2: 'c' is not one of this project's labels");
        page.fill("#model", "all-a");
        page.setInputFiles("#file", new FilePayload("p.csv", "text/csv", "key,prediction\nex1,a\nex40,a\n".getBytes(StandardCharsets.UTF_8)));
        page.click(".upload-predictions button[type=submit]");
        assertThat(page.locator("#run option")).hasCount(2);
        assertThat(page.locator("#run option[selected]")).containsText("all-a");
        assertEquals(List.of(), pageErrors);
    }
}
