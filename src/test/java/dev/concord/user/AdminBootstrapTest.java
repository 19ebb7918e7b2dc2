package dev.concord.user;

import static dev.concord.Api.ADMIN_PASSWORD;
import static dev.concord.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** CONCORD_ADMIN_PASSWORD only creates "admin"; when it would change nothing, the operator hears why. */
@QuarkusTest
class AdminBootstrapTest {
    @Inject
    AdminBootstrap bootstrap;

    @Test
    void anotherPasswordForAnExistingAdminIsIgnoredWithAWarningThatSaysWhatToDo() {
        List<LogRecord> records = capture(() -> assertEquals(AdminBootstrap.Outcome.IGNORED, bootstrap.apply("a-different-password")));
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() == Level.WARNING.intValue()
                        && r.getMessage().contains("CONCORD_ADMIN_PASSWORD is set but was not applied")
                        && r.getMessage().contains("/account") && r.getMessage().contains("PUT /api/me/password")),
                "a WARN naming the setting and the way to change the password: " + records);
        admin().get("/api/me").then().statusCode(200); // the admin's password is unchanged
    }

    @Test
    void theAdminsOwnPasswordOrNoneStaysQuiet() {
        List<LogRecord> records = capture(() -> {
            assertEquals(AdminBootstrap.Outcome.UNCHANGED, bootstrap.apply(ADMIN_PASSWORD));
            assertEquals(AdminBootstrap.Outcome.NOT_SET, bootstrap.apply(""));
        });
        assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()), records.toString());
    }

    private static List<LogRecord> capture(Runnable action) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord r) { records.add(r); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger logger = Logger.getLogger(AdminBootstrap.class.getName());
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return records;
    }
}
