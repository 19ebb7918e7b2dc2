package dev.concord.agreement.web;

import static dev.concord.Api.admin;
import static dev.concord.Api.anonymous;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import dev.concord.agreement.AgreementAccumulator;
import dev.concord.agreement.AgreementReport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/projects/{slug}/agreement} on small data whose figures are worked out by hand in
 * the comments; the database path must give exactly what the pure measures give in memory.
 */
@QuarkusTest
class AgreementApiTest {

    /**
     * Four examples, three labelers, labels a/b:
     * <pre>
     *        ann  bob  cid
     *   ex1   a    a    a
     *   ex2   a    b    a
     *   ex3   b    b    uncertain
     *   ex4   b    b    b
     * </pre>
     */
    static final String LABELS = """
            example,labeler,label
            ex1,%1$s-ann,a
            ex1,%1$s-bob,a
            ex1,%1$s-cid,a
            ex2,%1$s-ann,a
            ex2,%1$s-bob,b
            ex2,%1$s-cid,a
            ex3,%1$s-ann,b
            ex3,%1$s-bob,b
            ex3,%1$s-cid,uncertain
            ex4,%1$s-ann,b
            ex4,%1$s-bob,b
            ex4,%1$s-cid,b
            """;

    @Inject
    AgroalDataSource dataSource;

    static String projectWithLabels() {
        String slug = Api.textProjectWith(3, 4, "a", "b");
        String prefix = slug.substring(slug.length() - 8);
        admin().multiPart("file", "labels.csv", LABELS.formatted(prefix).getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);
        return slug;
    }

    static String prefix(String slug) {
        return slug.substring(slug.length() - 8);
    }

    /** Admin, with JSON numbers read as doubles (REST Assured reads floats by default). */
    static RequestSpecification precise() {
        return admin().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static JsonPath agreement(String slug, String query) {
        return precise().get("/api/projects/" + slug + "/agreement" + query).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** An id far above what the sequences hand out in a test run (the SQL must run on H2 and PostgreSQL). */
    static long freshId() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
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
    void figuresMatchTheHandWorkedExample() {
        String slug = projectWithLabels();
        String p = prefix(slug);

        precise().get("/api/projects/" + slug + "/agreement").then().statusCode(200)
                .body("examples", equalTo(4))
                .body("labels", equalTo(12))
                .body("labelers", equalTo(3))
                .body("categories", contains("a", "b", "uncertain"))
                // pairwise agreement per example: 1, 1/3, 1/3, 1 -> mean 2/3
                .body("percentAgreement", closeTo(2.0 / 3, 1e-9))
                // every example has 3 labels, so Fleiss is defined
                .body("fleissKappa", org.hamcrest.Matchers.notNullValue())
                .body("krippendorffAlphaCI95.size()", equalTo(2))
                // leave-one-out: ex1 3/3, ex2 bob vs a (miss; ann and cid tie), ex3 cid vs b (miss;
                // ann and bob tie), ex4 3/3 -> 6 hits of 8
                .body("hlp.value", closeTo(0.75, 1e-9))
                .body("hlp.method", equalTo("leave-one-out-majority"))
                .body("hlp.compared", equalTo(8))
                .body("hlp.byLeaveOneOutMajority", equalTo(8))
                .body("hlp.bySmeResolution", equalTo(0))
                // on ex2 and ex3, the two labelers beside the odd one out each see a tie
                .body("hlp.skippedTies", equalTo(4))
                .body("hlp.skippedWithoutOtherLabels", equalTo(0))
                .body("hlp.perClass.a", closeTo(3.0 / 4, 1e-9))
                .body("hlp.perClass.b", closeTo(3.0 / 4, 1e-9))
                .body("perLabeler.labeler", contains(p + "-ann", p + "-bob", p + "-cid"))
                .body("perLabeler[2].labels", equalTo(4))
                .body("perLabeler[2].uncertainRate", closeTo(0.25, 1e-9))
                .body("confusion.labels", contains("a", "b", "uncertain"))
                .body("cohenKappaMatrix.labelers.size()", equalTo(3))
                .body("bootstrap.replicates", equalTo(1000))
                .body("undefinedReasons", equalTo(Map.of()));
    }

    @Test
    void theDatabasePathGivesExactlyTheInMemoryReport() {
        String slug = projectWithLabels();
        // same items, labelers in name order (ann 0, bob 1, cid 2), categories a, b, uncertain
        AgreementAccumulator accumulator = new AgreementAccumulator(3, 3, 0, 2);
        accumulator.add(new int[] {0, 1, 2}, new int[] {0, 0, 0}, 3, -1, -1);
        accumulator.add(new int[] {0, 1, 2}, new int[] {0, 1, 0}, 3, -1, -1);
        accumulator.add(new int[] {0, 1, 2}, new int[] {1, 1, 2}, 3, -1, -1);
        accumulator.add(new int[] {0, 1, 2}, new int[] {1, 1, 1}, 3, -1, -1);
        AgreementReport expected = AgreementReport.of(accumulator, List.of("a", "b", "uncertain"),
                List.of("ann", "bob", "cid"), List.of());

        JsonPath actual = agreement(slug, "");

        assertEquals(expected.cohenKappa(), actual.getDouble("cohenKappa"), 1e-12);
        assertEquals(expected.fleissKappa(), actual.getDouble("fleissKappa"), 1e-12);
        assertEquals(expected.krippendorffAlpha(), actual.getDouble("krippendorffAlpha"), 1e-12);
        assertEquals(expected.krippendorffAlphaCI95()[0], actual.getDouble("krippendorffAlphaCI95[0]"), 1e-12);
        assertEquals(expected.krippendorffAlphaCI95()[1], actual.getDouble("krippendorffAlphaCI95[1]"), 1e-12);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected.confusion().counts()[i][j], actual.getLong("confusion.counts[" + i + "][" + j + "]"));
            }
        }
        assertEquals(expected.cohenKappaMatrix().values()[0][1], actual.getDouble("cohenKappaMatrix.values[0][1]"), 1e-12);
        assertEquals(expected.perLabeler().get(1).agreementWithOthers(), actual.getDouble("perLabeler[1].agreementWithOthers"), 1e-12);
    }

    @Test
    void excludeUncertainDropsThoseLabels() {
        String slug = projectWithLabels();

        precise().get("/api/projects/" + slug + "/agreement?excludeUncertain=true").then().statusCode(200)
                .body("labels", equalTo(11))
                .body("categories", contains("a", "b"))
                .body("excludeUncertain", equalTo(true))
                // ex3 now has b, b: 1, 1/3, 1, 1 -> 5/6
                .body("percentAgreement", closeTo(5.0 / 6, 1e-9))
                // ex3 has 2 labels, the others 3
                .body("fleissKappa", nullValue())
                .body("undefinedReasons", hasKey("fleissKappa"))
                .body("perLabeler[2].uncertainRate", nullValue());
    }

    @Test
    void anSmeResolutionIsTheReferenceWhereOneExists() throws SQLException {
        String slug = projectWithLabels();
        // Flags may have opened a review already (labels fire them); replace it with the one under test.
        sql("delete from review where example_id = (select e.id from example e join project p on p.id = e.project_id"
                + " where p.slug = ? and e.ex_key = 'ex2')", slug);
        sql("insert into review (id, project_id, example_id, status, reasons, resolution, version, created_at, updated_at)"
                + " select cast(? as bigint), e.project_id, e.id, 'RESOLVED', 'disagreement', 'a', 1,"
                + " current_timestamp, current_timestamp from example e join project p on p.id = e.project_id"
                + " where p.slug = ? and e.ex_key = 'ex2'", freshId(), slug);

        precise().get("/api/projects/" + slug + "/agreement").then().statusCode(200)
                // ex2 now compares all three labels with 'a': 2 hits of 3 -> (3 + 2 + 0 + 3) / (3 + 3 + 1 + 3)
                .body("hlp.value", closeTo(0.8, 1e-9))
                .body("hlp.compared", equalTo(10))
                .body("hlp.bySmeResolution", equalTo(3))
                .body("hlp.byLeaveOneOutMajority", equalTo(7))
                .body("hlp.skippedTies", equalTo(2))
                .body("hlp.method", equalTo("sme-resolution+leave-one-out-majority"));
    }

    @Test
    void openReviewsAreNotAReference() throws SQLException {
        String slug = projectWithLabels();
        // Flags may have opened a review already (labels fire them); replace it with the one under test.
        sql("delete from review where example_id = (select e.id from example e join project p on p.id = e.project_id"
                + " where p.slug = ? and e.ex_key = 'ex2')", slug);
        sql("insert into review (id, project_id, example_id, status, reasons, version, created_at, updated_at)"
                + " select cast(? as bigint), e.project_id, e.id, 'OPEN', 'disagreement', 0,"
                + " current_timestamp, current_timestamp from example e join project p on p.id = e.project_id"
                + " where p.slug = ? and e.ex_key = 'ex2'", freshId(), slug);

        precise().get("/api/projects/" + slug + "/agreement").then().statusCode(200)
                .body("hlp.value", closeTo(0.75, 1e-9))
                .body("hlp.method", equalTo("leave-one-out-majority"));
    }

    @Test
    void guideVersionSelectsTheLabelsMadeUnderIt() throws SQLException {
        String slug = projectWithLabels();
        sql("insert into guide_version (id, project_id, version, markdown, note, created_at)"
                + " select cast(? as bigint), id, 2, '# v2', 'sharper', current_timestamp from project where slug = ?", freshId(), slug);
        sql("update label set guide_version = 2 where example_id in (select e.id from example e join project p"
                + " on p.id = e.project_id where p.slug = ? and e.ex_key in ('ex3', 'ex4'))", slug);

        precise().get("/api/projects/" + slug + "/agreement?guideVersion=2").then().statusCode(200)
                .body("guideVersion", equalTo(2))
                .body("examples", equalTo(2))
                .body("labels", equalTo(6))
                .body("percentAgreement", closeTo(2.0 / 3, 1e-9));
        precise().get("/api/projects/" + slug + "/agreement?guideVersion=1").then().statusCode(200)
                .body("examples", equalTo(2))
                .body("percentAgreement", closeTo(2.0 / 3, 1e-9));
        precise().get("/api/projects/" + slug + "/agreement?guideVersion=7").then().statusCode(200)
                .body("examples", equalTo(0))
                .body("krippendorffAlpha", nullValue())
                .body("krippendorffAlphaCI95", nullValue());

        precise().get("/api/projects/" + slug + "/agreement/trend").then().statusCode(200)
                .body("versions.guideVersion", contains(1, 2))
                .body("versions.labels", contains(6, 6))
                .body("versions[0].percentAgreement", closeTo(2.0 / 3, 1e-9))
                .body("versions[1].krippendorffAlphaCI95.size()", equalTo(2));
    }

    @Test
    void slicesFollowAMetadataField() throws SQLException {
        String slug = projectWithLabels();
        sql("update example set metadata = '{\"camera\":\"line-1\",\"shift\":\"day\"}' where ex_key in ('ex1', 'ex2')"
                + " and project_id = (select id from project where slug = ?)", slug);
        sql("update example set metadata = '{\"camera\":\"line-2\",\"shift\":\"day\"}' where ex_key in ('ex3', 'ex4')"
                + " and project_id = (select id from project where slug = ?)", slug);

        precise().get("/api/projects/" + slug + "/agreement").then().statusCode(200)
                .body("slice", equalTo("camera"))
                .body("slices.slice", contains("line-1", "line-2"))
                .body("slices.examples", contains(2, 2))
                .body("slices[0].percentAgreement", closeTo(2.0 / 3, 1e-9));
        precise().get("/api/projects/" + slug + "/agreement?slice=shift").then().statusCode(200)
                .body("slices.slice", contains("day"))
                .body("slices[0].labels", equalTo(12));
        precise().get("/api/projects/" + slug + "/agreement?slice=lens").then().statusCode(200)
                .body("slices.slice", contains("(none)"));
        precise().get("/api/projects/" + slug + "/agreement?slice=").then().statusCode(200)
                .body("slice", nullValue())
                .body("slices.size()", equalTo(0));
    }

    @Test
    void undefinedMeasuresAreNullNotNaN() {
        String slug = Api.textProjectWith(2, 3, "a", "b");
        admin().multiPart("file", "labels.csv", ("example,labeler,label\nex1,solo-" + prefix(slug) + ",a\nex2,solo-"
                + prefix(slug) + ",b\n").getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/annotations").then().statusCode(201);

        precise().get("/api/projects/" + slug + "/agreement").then().statusCode(200)
                .body("examples", equalTo(2))
                .body("labelers", equalTo(1))
                .body("$", hasKey("percentAgreement"))
                .body("percentAgreement", nullValue())
                .body("cohenKappa", nullValue())
                .body("fleissKappa", nullValue())
                .body("krippendorffAlpha", nullValue())
                .body("krippendorffAlphaCI95", nullValue())
                .body("hlp.value", nullValue())
                .body("hlp.method", equalTo("none"))
                .body("undefinedReasons", hasKey("krippendorffAlpha"));
        // an empty project
        String empty = Api.project("text", 2, "a", "b");
        precise().get("/api/projects/" + empty + "/agreement").then().statusCode(200)
                .body("examples", equalTo(0)).body("labels", equalTo(0)).body("krippendorffAlpha", nullValue());
    }

    @Test
    void staffOnly() {
        String slug = projectWithLabels();

        as(Api.user("SME")).get("/api/projects/" + slug + "/agreement").then().statusCode(200);
        as(Api.user("LABELER")).get("/api/projects/" + slug + "/agreement").then().statusCode(403);
        as(Api.user("LABELER")).get("/api/projects/" + slug + "/agreement/trend").then().statusCode(403);
        anonymous().get("/api/projects/" + slug + "/agreement").then().statusCode(401);
    }

    @Test
    void aRestrictedProjectIsInvisibleToAnSmeWhoIsNotAMember() {
        String member = Api.user("SME");
        String slug = Api.project("text", 2, List.of(member), "a", "b");

        as(Api.user("SME")).get("/api/projects/" + slug + "/agreement").then().statusCode(404);
        as(member).get("/api/projects/" + slug + "/agreement").then().statusCode(200);
        precise().get("/api/projects/no-such-project/agreement").then().statusCode(404);
    }

    @Test
    void aBadGuideVersionIs400() {
        String slug = projectWithLabels();

        precise().get("/api/projects/" + slug + "/agreement?guideVersion=two").then().statusCode(400)
                .body("error", equalTo("bad_request"));
        precise().get("/api/projects/" + slug + "/agreement?guideVersion=0").then().statusCode(400);
    }
}
