package dev.concord.labeling;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /api/projects/{slug}/annotations}: labels made elsewhere, all or nothing. */
@QuarkusTest
class AnnotationImportApiTest {

    static ValidatableResponse importAnnotations(String slug, String csv) {
        return importAnnotations(slug, csv.getBytes(StandardCharsets.UTF_8));
    }

    static ValidatableResponse importAnnotations(String slug, byte[] csv) {
        return admin().multiPart("file", "labels.csv", csv, "text/csv")
                .post("/api/projects/" + slug + "/annotations").then();
    }

    private static List<String> usernames() {
        return admin().get("/api/users").then().statusCode(200).extract().path("items.username");
    }

    @Test
    void importsLabelsAndCreatesExternalLabelers() {
        String slug = Api.textProjectWith(2, 2, "spam", "ham");
        String ext1 = Api.unique("ext");
        String ext2 = Api.unique("ext");

        importAnnotations(slug, "example,labeler,label\nex1," + ext1 + ",spam\nex1," + ext2 + ",uncertain\nex2," + ext1 + ",ham\n")
                .statusCode(201).body("imported", equalTo(3));

        assertEquals(3, Api.count(slug, "labels"));
        assertEquals(1, Api.count(slug, "completeExamples"));
        QueueInvariant.assertKept(slug);
        admin().get("/api/projects/" + slug + "/examples").then().statusCode(200)
                .body("items.find { it.key == 'ex1' }.status", equalTo("in-review")) // its 'uncertain' flags it
                .body("items.find { it.key == 'ex2' }.status", equalTo("in-progress"));
    }

    @Test
    void externalLabelersCannotLogIn() {
        String slug = Api.textProjectWith(1, 1, "spam", "ham");
        String external = Api.unique("ext");
        importAnnotations(slug, "example,labeler,label\nex1," + external + ",spam\n").statusCode(201);

        // Each try from an address of its own: Basic and the form count toward one login throttle.
        int address = 0;
        for (String password : List.of("", Api.PASSWORD, external)) {
            given().header("X-Forwarded-For", "10.99.0." + ++address).auth().preemptive().basic(external, password).get("/api/me").then().statusCode(401);
            given().header("X-Forwarded-For", "10.99.1." + address).contentType("application/x-www-form-urlencoded")
                    .formParam("username", external).formParam("password", password)
                    .redirects().follow(false)
                    .post("/login").then().statusCode(401).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void unknownExampleIs400AndStoresNothing() {
        String slug = Api.textProjectWith(2, 2, "spam", "ham");
        String newcomer = Api.unique("ext");

        importAnnotations(slug, "example,labeler,label\nex1," + newcomer + ",spam\nex9," + newcomer + ",ham\n")
                .statusCode(400).body("error", equalTo("bad_rows"))
                .body("details[0].line", equalTo(3))
                .body("details[0].message", containsString("ex9"));

        assertEquals(0, Api.count(slug, "labels"));
        // the labeler of the good row was not created either
        org.hamcrest.MatcherAssert.assertThat(usernames(), not(hasItem(newcomer)));
    }

    @Test
    void labelOutsideTheSetIs400AndStoresNothing() {
        String slug = Api.textProjectWith(2, 2, "spam", "ham");

        importAnnotations(slug, "example,labeler,label\nex1,x1,spam\nex2,x1,eggs\n")
                .statusCode(400).body("error", equalTo("bad_rows"))
                .body("details[0].line", equalTo(3))
                .body("details[0].message", containsString("eggs"));

        assertEquals(0, Api.count(slug, "labels"));
    }

    @Test
    void malformedCsvIs400AndStoresNothing() {
        String slug = Api.textProjectWith(2, 2, "spam", "ham");

        // an unclosed quote
        importAnnotations(slug, "example,labeler,label\nex1,x1,spam\nex2,x1,\"ham\n").statusCode(400);
        // a row with too many values
        importAnnotations(slug, "example,labeler,label\nex1,x1,spam\nex2,x1,ham,extra\n").statusCode(400)
                .body("details[0].line", equalTo(3));
        // the wrong header
        importAnnotations(slug, "key,who,what\nex1,x1,spam\n").statusCode(400)
                .body("message", containsString("example,labeler,label"));
        // not UTF-8
        importAnnotations(slug, new byte[] {'e', 'x', (byte) 0xC3, (byte) 0x28, '\n'}).statusCode(400);

        assertEquals(0, Api.count(slug, "labels"));
    }

    @Test
    void aLabelerTwiceInOneFileIs400AndAStoredLabelIsReplaced() {
        String slug = Api.textProjectWith(2, 2, "spam", "ham");

        importAnnotations(slug, "example,labeler,label\nex1,x1,spam\nex1,x1,ham\n").statusCode(400)
                .body("details[0].line", equalTo(3));
        assertEquals(0, Api.count(slug, "labels"));

        String file = "example,labeler,label\nex1,dup-" + slug + ",spam\nex2,dup-" + slug + ",ham\n";
        importAnnotations(slug, file).statusCode(201).body("imported", equalTo(2)).body("replaced", equalTo(0));
        // The same file again changes nothing; a changed answer replaces the stored one.
        importAnnotations(slug, file).statusCode(201).body("imported", equalTo(0)).body("replaced", equalTo(2));
        importAnnotations(slug, "example,labeler,label\nex1,dup-" + slug + ",ham\nex2,other-" + slug + ",ham\n").statusCode(201)
                .body("imported", equalTo(1)).body("replaced", equalTo(1));
        assertEquals(3, Api.count(slug, "labels"));
        admin().get("/api/projects/" + slug + "/examples").then().body("items.find { it.key == 'ex2' }.labels", equalTo(2));
        // ex1 now has dup's 'ham' only; ex2 has two 'ham': complete and agreeing, so nothing to review.
        admin().get("/api/projects/" + slug + "/reviews").then().body("total", equalTo(0));
        // A disagreeing label completing ex1's round flags it, as one made in the app would.
        importAnnotations(slug, "example,labeler,label\nex1,third-" + slug + ",spam\n").statusCode(201);
        admin().get("/api/projects/" + slug + "/reviews").then().body("items.key", equalTo(List.of("ex1")))
                .body("items[0].reasons", equalTo(List.of("disagreement")));
    }

    /** A file never rewrites what a person labeled in the app. */
    @Test
    void theLabelsOfSomeoneWhoLabelsInConcordAreNotReplaced() {
        String slug = Api.textProjectWith(2, 1, "spam", "ham");
        String alice = Api.user("LABELER");
        as(alice).get("/api/projects/" + slug + "/queue/next").then().statusCode(200);
        as(alice).contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("label", "spam"))
                .put("/api/projects/" + slug + "/examples/ex1/labels/me").then().statusCode(201);
        importAnnotations(slug, "example,labeler,label\nex1," + alice + ",ham\n").statusCode(400)
                .body("details[0].message", containsString("a person who labels in Concord"));
        as(alice).get("/api/projects/" + slug + "/labels/me").then().body("items[0].label", equalTo("spam"));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() {
        String slug = Api.textProjectWith(2, 1, "spam", "ham");

        importAnnotations(slug, "\uFEFFexample,labeler,label\nex1,bom1,spam\n").statusCode(201)
                .body("imported", equalTo(1));
    }

    @Test
    void onlyAdminsImport() {
        String slug = Api.textProjectWith(2, 1, "spam", "ham");
        for (String role : List.of("SME", "LABELER")) {
            as(Api.user(role)).multiPart("file", "labels.csv", "example,labeler,label\nex1,y1,spam\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                    .post("/api/projects/" + slug + "/annotations").then().statusCode(403);
        }
        assertEquals(0, Api.count(slug, "labels"));
    }
}
