package dev.concord.user;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** On start: create "admin" from CONCORD_ADMIN_PASSWORD if there is no admin yet. */
@ApplicationScoped
class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes @Priority(10) StartupEvent event, UserService users,
                 @ConfigProperty(name = "concord.admin-password") java.util.Optional<String> password) {
        if (users.ensureAdmin(password.orElse(null))) {
            LOG.info("Created the user 'admin' from CONCORD_ADMIN_PASSWORD.");
        }
    }
}
