package dev.concord.demo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A database that holds the demo users starts only in demo mode. */
@QuarkusTest
class DemoGuardTest {
    @Inject
    DemoGuard guard;
    @Inject
    EntityManager em;

    @AfterEach
    void unmark() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from app_setting where name = ?1")
                .setParameter(1, DemoGuard.MARKER).executeUpdate());
    }

    @Test
    void aSeededDatabaseRefusesToStartWithoutDemoModeAndSaysWhatToDo() {
        guard.mark();
        DemoGuard.DemoDataWithoutDemoMode refused = assertThrows(DemoGuard.DemoDataWithoutDemoMode.class,
                () -> guard.refuseDemoDataUnlessDemo(false));
        assertTrue(refused.getMessage().contains("CONCORD_DEMO=true"), refused.getMessage());
        assertTrue(refused.getMessage().contains("fresh CONCORD_DATA_DIR"), refused.getMessage());
        assertDoesNotThrow(() -> guard.refuseDemoDataUnlessDemo(true));
    }

    @Test
    void markingTwiceKeepsOneMarker() {
        guard.mark();
        guard.mark();
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from app_setting where name = ?1").setParameter(1, DemoGuard.MARKER).getSingleResult()).longValue()));
    }

    @Test
    void aDatabaseWithoutDemoUsersStartsEitherWay() {
        assertDoesNotThrow(() -> guard.refuseDemoDataUnlessDemo(false));
        assertDoesNotThrow(() -> guard.refuseDemoDataUnlessDemo(true));
    }
}
