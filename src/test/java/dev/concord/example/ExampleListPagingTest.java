package dev.concord.example;

import static dev.concord.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paging the example list: pages are 0-based; any page number is an answer, never an overflow. */
@QuarkusTest
class ExampleListPagingTest {

    @Test
    void pagesSliceTheListInOrder() {
        String slug = Api.textProjectWith(1, 5, "yes", "no");
        admin().get("/api/projects/" + slug + "/examples?page=1&size=2").then().statusCode(200)
                .body("items.key", equalTo(List.of("ex3", "ex4")), "total", equalTo(5), "page", equalTo(1), "size", equalTo(2));
    }

    @Test
    void aPageFarBeyondTheEndIsEmptyWithTheTotal() {
        String slug = Api.textProjectWith(1, 3, "yes", "no");
        admin().get("/api/projects/" + slug + "/examples?page=2147483647&size=1000").then().statusCode(200)
                .body("items", empty(), "total", equalTo(3), "page", equalTo(2147483647), "size", equalTo(1000));
        admin().get("/api/projects/" + slug + "/examples?page=3&size=1").then().statusCode(200)
                .body("items", empty(), "total", equalTo(3));
    }

    @ParameterizedTest
    @CsvSource({"-1,10", "0,0", "0,1001", "-2147483648,1000"})
    void outOfRangePageOrSizeIs400WithASentence(int page, int size) {
        String slug = Api.textProjectWith(1, 1, "yes", "no");
        admin().get("/api/projects/" + slug + "/examples?page=" + page + "&size=" + size).then().statusCode(400)
                .body("error", equalTo("bad_request"), "message", containsString("size is 1 to 1000"));
    }
}
