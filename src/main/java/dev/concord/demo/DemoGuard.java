package dev.concord.demo;

import dev.concord.base.ConcordConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Keeps the demo users (their password is in the README) out of real use. The seeder marks the database;
 * a start without CONCORD_DEMO=true on a marked database refuses, before any other start-up work, so the
 * data folder of a dev-mode or demo run cannot silently become production's.
 */
@ApplicationScoped
class DemoGuard {
    private static final Logger LOG = Logger.getLogger(DemoGuard.class);
    static final String MARKER = "demo-seeded";
    static final String REFUSAL = "Refusing to start: this database holds the demo users, whose password is public."
            + " Start with CONCORD_DEMO=true to run it as a demo, or use a fresh CONCORD_DATA_DIR"
            + " (on PostgreSQL, an empty database) for real use.";

    private final EntityManager em;

    DemoGuard(EntityManager em) {
        this.em = em;
    }

    void onStart(@Observes @Priority(5) StartupEvent event, ConcordConfig config) {
        refuseDemoDataUnlessDemo(config.demo());
    }

    /** Throws {@link DemoDataWithoutDemoMode} when the database holds demo users and demo mode is off. */
    void refuseDemoDataUnlessDemo(boolean demo) {
        if (demo || !isMarked()) return;
        // The sentence on its own line: the exception's stack trace follows it in the log.
        LOG.error(REFUSAL);
        throw new DemoDataWithoutDemoMode(REFUSAL);
    }

    boolean isMarked() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from app_setting where name = ?1").setParameter(1, MARKER).getSingleResult()).longValue() > 0);
    }

    /** Records that demo users are (about to be) in this database; called before they are created. */
    void mark() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (((Number) em.createNativeQuery("select count(*) from app_setting where name = ?1").setParameter(1, MARKER)
                    .getSingleResult()).longValue() == 0) {
                em.createNativeQuery("insert into app_setting (name, setting_value) values (?1, 'true')").setParameter(1, MARKER).executeUpdate();
            }
        });
    }

    static final class DemoDataWithoutDemoMode extends IllegalStateException {
        DemoDataWithoutDemoMode(String message) {
            super(message);
        }
    }
}
