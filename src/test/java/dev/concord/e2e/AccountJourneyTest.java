package dev.concord.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remaining staff and account forms, used from the keyboard: users (create, roles, disable, reset) and my account. */
@QuarkusTest
class AccountJourneyTest extends BrowserTest {

    @Test
    void anAdminManagesAUserAndTheUserManagesTheirAccount() {
        String admin = Api.user("ADMIN");
        logIn(admin);
        page.navigate("/admin/users");
        String name = Api.unique("kim");
        page.focus("#username");
        page.keyboard().type(name);
        page.keyboard().press("Tab");
        page.keyboard().type("kims-first-password");
        page.check("input[name=roles][value=LABELER]");
        page.keyboard().press("Enter");
        assertThat(page.locator(".flash")).containsText("created");
        page.locator("#user-" + name + " input[value=SME]").check();
        page.locator("#user-" + name + " button:has-text('Save roles')").click();
        assertThat(page.locator(".flash")).containsText("roles were saved");
        Api.admin().get("/api/users").then().body("items.find { it.username == '" + name + "' }.roles",
                org.hamcrest.Matchers.containsInAnyOrder("LABELER", "SME"));
        page.locator("#user-" + name + " button:has-text('Reset password')").click();
        String password = page.locator("code.password").first().textContent();

        // A reset password is one-time: the first login asks for one's own before anything else.
        context.clearCookies();
        logIn(name, password);
        page.waitForURL("**/account?done=choose");
        assertThat(page.locator(".flash")).containsText("Choose your own password");
        page.fill("#current", password);
        page.fill("#new", "kims-second-password");
        page.fill("#repeat", "kims-second-password");
        page.press("#repeat", "Enter");
        assertThat(page.locator(".flash")).containsText("password was changed");
        page.navigate("/account");
        assertThat(page.locator("h1")).hasText("My account"); // this browser kept a fresh session
        page.fill("#token-name", "notebook");
        page.press("#token-name", "Enter");
        String token = page.inputValue("#new-token");
        Api.anonymous().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200);
        // Reloading the page shows the secret no more and makes no second token.
        page.reload();
        assertThat(page.locator("#new-token")).hasCount(0);
        assertThat(page.locator(".tokens tbody tr")).hasCount(1);
        page.navigate("/account");
        screenshot("account");
        page.locator(".tokens button:has-text('Revoke')").click();
        assertThat(page.locator(".flash")).containsText("revoked");
        Api.anonymous().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401);

        context.clearCookies();
        logIn(admin);
        page.navigate("/admin/users");
        page.locator("#user-" + name + " button:has-text('Disable')").click();
        assertThat(page.locator(".flash")).containsText("disabled");
        Api.anonymous().auth().preemptive().basic(name, "kims-second-password").get("/api/me").then().statusCode(401);
        assertEquals(List.of(), pageErrors);
    }
}
