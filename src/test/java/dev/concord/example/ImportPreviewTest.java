package dev.concord.example;

import static dev.concord.Api.admin;
import static dev.concord.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The import page's preview of a zip of pictures shows them as thumbnails, served from the upload until it runs. */
@QuarkusTest
class ImportPreviewTest {

    @Test
    void aZipOfPicturesIsPreviewedAsThumbnails() throws Exception {
        String slug = Api.project("image", 1, "scratch", "none");
        byte[] first = Api.png(811);
        byte[] second = Api.png(812);
        byte[] zip = ExampleImportTest.zip("a/first.png", first, "second.png", second, "notes.txt", "not a picture".getBytes());
        String location = admin().multiPart("file", "pictures.zip", zip, "application/zip").multiPart("kind", "examples")
                .redirects().follow(false).post("/projects/" + slug + "/import").then().statusCode(303).extract().header("Location");
        String job = location.substring(location.lastIndexOf('/') + 1);
        String base = "/projects/" + slug + "/import/" + job;

        admin().get(base).then().statusCode(200).body(containsString(base + "/preview/0")).body(containsString(base + "/preview/1"));
        assertArrayEquals(first, admin().get(base + "/preview/0").then().statusCode(200).contentType("image/png").extract().asByteArray());
        assertArrayEquals(second, admin().get(base + "/preview/1").then().statusCode(200).extract().asByteArray());
        admin().get(base + "/preview/2").then().statusCode(404);   // the text file is no picture
        admin().get(base + "/preview/9").then().statusCode(404);
        admin().get(base + "/preview/x").then().statusCode(404);
        as(Api.user("SME")).get(base + "/preview/0").then().statusCode(403);
    }
}
