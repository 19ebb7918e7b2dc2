package dev.concord.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.Api;
import dev.concord.base.ConcordConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Login throttling, timing, the session cookie's Secure flag and `next`. The test profile trusts
 * X-Forwarded-* (as a deployment behind its proxy would), so each test plays clients at addresses
 * of its own.
 */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    UserService users;
    @Inject
    ConcordConfig config;

    static String newAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static Response formLogin(String address, String username, String password, String next) {
        return given().redirects().follow(false).header("X-Forwarded-For", address).contentType(ContentType.URLENC)
                .formParam("username", username).formParam("password", password).formParam("next", next).post("/login");
    }

    static RequestSpecification basic(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).auth().preemptive().basic(username, password);
    }

    @Test
    void guessesLockAnAccountOnlyFromTheGuessingAddress() {
        String user = Api.user("LABELER");
        String attacker = newAddress();
        for (int i = 0; i < UserService.MAX_FAILURES; i++) {
            formLogin(attacker, user, "guess-" + i, "/").then().statusCode(401);
        }
        formLogin(attacker, user, Api.PASSWORD, "/").then().statusCode(429).body(containsString("wait"));
        basic(attacker, user, Api.PASSWORD).get("/api/me").then().statusCode(429)
                .body("error", equalTo("too_many_requests")).header("Retry-After", equalTo("900"));
        // The owner, elsewhere, is not locked out; nor is another account at the attacker's address.
        String owner = newAddress();
        formLogin(owner, user, Api.PASSWORD, "/").then().statusCode(303);
        basic(owner, user, Api.PASSWORD).get("/api/me").then().statusCode(200);
        formLogin(attacker, Api.user("LABELER"), Api.PASSWORD, "/").then().statusCode(303);
    }

    @Test
    void basicGuessesCountTowardTheSameThrottleAsTheForm() {
        String user = Api.user("LABELER");
        String address = newAddress();
        for (int i = 0; i < UserService.MAX_FAILURES; i++) {
            basic(address, user, "guess-" + i).get("/api/me").then().statusCode(401);
        }
        formLogin(address, user, Api.PASSWORD, "/").then().statusCode(429);
    }

    @Test
    void anAddressThatGuessesManyAccountsIsLockedOutForEveryAccount() {
        int limit = config.login().maxFailuresPerAddress();
        String address = newAddress();
        for (int i = 0; i < limit; i++) {
            basic(address, Api.unique("nobody"), "guess").get("/api/me").then().statusCode(401);
        }
        String user = Api.user("LABELER");
        formLogin(address, user, Api.PASSWORD, "/").then().statusCode(429).body(containsString("from this address"));
        basic(address, user, Api.PASSWORD).get("/api/me").then().statusCode(429);
        formLogin(newAddress(), user, Api.PASSWORD, "/").then().statusCode(303);
    }

    /** Both paths must run one bcrypt check; timed loosely (medians, a factor of two) so load cannot flake it. */
    @Test
    void anUnknownUserNameCostsAsMuchAsAWrongPassword() {
        String user = Api.user("LABELER");
        users.checkLogin(user, "warm-up-guess", newAddress());
        long[] unknown = new long[7];
        long[] wrong = new long[7];
        for (int i = 0; i < unknown.length; i++) {
            long start = System.nanoTime();
            assertTrue(users.checkLogin(Api.unique("nobody"), "some-guess", newAddress()).isEmpty());
            unknown[i] = System.nanoTime() - start;
            start = System.nanoTime();
            assertTrue(users.checkLogin(user, "some-guess", newAddress()).isEmpty());
            wrong[i] = System.nanoTime() - start;
        }
        Arrays.sort(unknown);
        Arrays.sort(wrong);
        long unknownMedian = unknown[unknown.length / 2];
        long wrongMedian = wrong[wrong.length / 2];
        assertTrue(unknownMedian * 2 > wrongMedian,
                "an unknown name took " + unknownMedian / 1_000_000 + " ms, a wrong password " + wrongMedian / 1_000_000 + " ms");
    }

    @Test
    void theSessionCookieIsSecureWhenTheRequestCameOverHttps() {
        String user = Api.user("LABELER");
        Response proxied = given().redirects().follow(false).header("X-Forwarded-Proto", "https").contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", Api.PASSWORD).post("/login");
        assertEquals(303, proxied.statusCode());
        assertTrue(proxied.getHeader("Set-Cookie").contains("Secure"), proxied.getHeader("Set-Cookie"));
        Response plain = formLogin(newAddress(), user, Api.PASSWORD, "/");
        assertFalse(plain.getHeader("Set-Cookie").contains("Secure"), plain.getHeader("Set-Cookie"));
    }

    @Test
    void aMalformedNextLeadsHomeAndNeverOffSite() {
        String user = Api.user("LABELER");
        for (String next : new String[] {"/ /evil.com", "/%zz", "/\t//evil.com", "/x y"}) {
            Response r = formLogin(newAddress(), user, Api.PASSWORD, next);
            assertEquals(303, r.statusCode(), next);
            assertEquals("/", URI.create(r.getHeader("Location")).getPath(), next);
            formLogin(newAddress(), user, "wrong-password", next).then().statusCode(401).body(not(containsString("evil")));
        }
    }
}
