package dev.concord;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helpers: every test makes its own users and projects (unique names), through the public API,
 * so tests never depend on seed data or on each other.
 */
public final class Api {
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String PASSWORD = "password-for-tests";

    private Api() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, PASSWORD);
    }

    public static RequestSpecification anonymous() {
        return given();
    }

    /** Creates a user with the given roles (ADMIN, SME, LABELER) and returns the username. */
    public static String user(String... roles) {
        String username = unique(roles.length == 0 ? "user" : roles[0].toLowerCase());
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", Arrays.asList(roles)))
                .post("/api/users").then().statusCode(201);
        return username;
    }

    /** Creates a project visible to every labeler and SME and returns its slug. */
    public static String project(String modality, int overlap, String... labels) {
        return project(modality, overlap, null, labels);
    }

    /** Creates a project; with members, only those users (and admins) can see it. */
    public static String project(String modality, int overlap, List<String> members, String... labels) {
        String slug = unique(modality);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("slug", slug, "name", "Test " + slug, "modality", modality,
                "labels", Arrays.asList(labels), "overlap", overlap));
        if (members != null) body.put("members", members);
        admin().contentType(ContentType.JSON).body(body).post("/api/projects").then().statusCode(201);
        return slug;
    }

    /** Imports a CSV (as the multipart field 'file') and returns the number imported. */
    public static int importCsv(String slug, String csv) {
        return admin().multiPart("file", "data.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/projects/" + slug + "/examples").then().statusCode(201).extract().path("imported");
    }

    /** A text project with the given example keys already imported. */
    public static String textProjectWith(int overlap, int examples, String... labels) {
        String slug = project("text", overlap, labels);
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 1; i <= examples; i++) csv.append("ex").append(i).append(",Example text number ").append(i).append('\n');
        importCsv(slug, csv.toString());
        return slug;
    }

    /** A tiny valid PNG, different for each seed (so content-addressed storage keeps them apart). */
    public static byte[] png(int seed) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 32; i++) image.setRGB(i % 8, i / 8, ((seed >> i) & 1) == 1 ? 0xFFFFFF : 0);
        image.setRGB(7, 7, seed & 0xFFFFFF);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static int count(String slug, String field) {
        return admin().get("/api/projects/" + slug).then().statusCode(200).extract().path("counts." + field);
    }
}
