package dev.concord.review;

import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learner's feedback page: what counts as news on the home page, and where a labeler's reply lands. */
@QuarkusTest
class FeedbackPageTest {

    /** Two labelers disagree on img-1; an SME resolves it. Returns {slug, learner, other, sme}. */
    private static String[] settledDispute() {
        String learner = Api.user("LABELER"), other = Api.user("LABELER"), sme = Api.user("SME");
        String slug = Api.project("image", 2, List.of(learner, other, sme), "scratch", "dent");
        Api.admin().multiPart("file", "img-1.png", Api.png(1), "image/png").post("/api/projects/" + slug + "/examples").then().statusCode(201);
        label(slug, learner, "scratch");
        label(slug, other, "dent");
        resolve(slug, sme, "dent");
        return new String[] {slug, learner, other, sme};
    }

    private static void label(String slug, String labeler, String label) {
        as(labeler).contentType(ContentType.JSON).body(Map.of("label", label))
                .put("/api/projects/" + slug + "/examples/img-1.png/labels/me").then().statusCode(201);
    }

    private static void resolve(String slug, String sme, String label) {
        int version = as(sme).get("/api/projects/" + slug + "/reviews/img-1.png").then().statusCode(200).extract().path("review.version");
        as(sme).contentType(ContentType.JSON).body(Map.of("label", label, "rationale", "Because.", "version", version))
                .put("/api/projects/" + slug + "/reviews/img-1.png/resolution").then().statusCode(200);
    }

    private static final String NOTICE = "1 of your disputed examples in <strong>Test %s</strong> was settled";

    @Test
    void openingTheFeedbackPageMarksItsResolutionsSeenForThatLabelerOnly() {
        String[] w = settledDispute();
        String slug = w[0], learner = w[1], other = w[2];
        as(learner).get("/").then().statusCode(200).body(containsString(NOTICE.formatted(slug)));
        as(learner).get("/projects/" + slug + "/feedback").then().statusCode(200).body(containsString("badge news"));

        as(learner).get("/").then().statusCode(200).body(not(containsString(NOTICE.formatted(slug))));
        as(learner).get("/projects/" + slug + "/feedback").then().statusCode(200).body(not(containsString("badge news")));
        // The other labeler has not looked yet.
        as(other).get("/").then().statusCode(200).body(containsString(NOTICE.formatted(slug)));
    }

    @Test
    void aResolutionChangedAfterTheVisitIsNewsAgain() {
        String[] w = settledDispute();
        String slug = w[0], learner = w[1], sme = w[3];
        as(learner).get("/projects/" + slug + "/feedback").then().statusCode(200);
        as(learner).get("/").then().body(not(containsString(NOTICE.formatted(slug))));

        resolve(slug, sme, "scratch");
        as(learner).get("/").then().statusCode(200).body(containsString(NOTICE.formatted(slug)));
        as(learner).get("/projects/" + slug + "/feedback").then().statusCode(200)
                .body(containsString("badge news")).body(containsString("matches yours"));
    }

    @Test
    void aLabelersReplyReturnsToTheExampleOnTheFeedbackPageAndAnSmesToTheReview() {
        String[] w = settledDispute();
        String slug = w[0], learner = w[1], sme = w[3];
        String labelerGoesTo = as(learner).redirects().follow(false).contentType(ContentType.URLENC).formParam("text", "Why dent?")
                .post("/projects/" + slug + "/review/img-1.png/comments").then().statusCode(303).extract().header("Location");
        assertEquals("/projects/" + slug + "/feedback#example-img-1.png", java.net.URI.create(labelerGoesTo).getPath() + "#" + java.net.URI.create(labelerGoesTo).getFragment());
        String smeGoesTo = as(sme).redirects().follow(false).contentType(ContentType.URLENC).formParam("text", "It casts a shadow.")
                .post("/projects/" + slug + "/review/img-1.png/comments").then().statusCode(303).extract().header("Location");
        assertEquals("/projects/" + slug + "/review/img-1.png#discussion", java.net.URI.create(smeGoesTo).getPath() + "#" + java.net.URI.create(smeGoesTo).getFragment());
        as(learner).get("/projects/" + slug + "/feedback").then().statusCode(200)
                .body(containsString("Why dent?")).body(containsString("It casts a shadow."));
    }
}
