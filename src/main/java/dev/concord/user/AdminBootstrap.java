package dev.concord.user;

import dev.concord.base.ConcordConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * On start: create "admin" from CONCORD_ADMIN_PASSWORD if there is no admin yet. The setting only ever creates;
 * when an admin already exists with another password, the operator is told so, since a changed
 * CONCORD_ADMIN_PASSWORD that silently does nothing looks like a broken login.
 */
@ApplicationScoped
class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    static final String IGNORED = "CONCORD_ADMIN_PASSWORD is set but was not applied: the user 'admin' already exists with"
            + " another password, and the setting only creates it on first start. Change the password on the account page"
            + " (/account) or with PUT /api/me/password, then remove or update the setting.";

    enum Outcome { NOT_SET, CREATED, UNCHANGED, IGNORED }

    private final UserService users;

    AdminBootstrap(UserService users) {
        this.users = users;
    }

    void onStart(@Observes @Priority(10) StartupEvent event,
                 ConcordConfig config) {
        apply(config.adminPassword().orElse(null));
    }

    Outcome apply(String password) {
        if (password == null || password.isBlank()) return Outcome.NOT_SET;
        if (users.ensureAdmin(password)) {
            LOG.info("Created the user 'admin' from CONCORD_ADMIN_PASSWORD.");
            return Outcome.CREATED;
        }
        boolean same = QuarkusTransaction.requiringNew().call(() -> User.findByUsername("admin")
                .map(admin -> admin.passwordHash != null && BcryptUtil.matches(password, admin.passwordHash)).orElse(false));
        if (same) return Outcome.UNCHANGED;
        LOG.warn(IGNORED);
        return Outcome.IGNORED;
    }
}
