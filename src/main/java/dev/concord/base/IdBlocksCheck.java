package dev.concord.base;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Refuses to start when the id blocks of {@link IdBlocks} and Hibernate's could collide, for every package's {@link IdBlocks.Sequences}. */
@ApplicationScoped
class IdBlocksCheck {
    void check(@Observes StartupEvent start, AgroalDataSource dataSource, Instance<IdBlocks.Sequences> declared,
               @ConfigProperty(name = "quarkus.hibernate-orm.mapping.id.optimizer.default", defaultValue = "pooled-lo") String optimizer)
            throws SQLException {
        Map<String, Long> increments = new HashMap<>();
        // information_schema.sequences has the column on H2 and PostgreSQL alike (a number there, text here).
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select lower(sequence_name), increment from information_schema.sequences")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) increments.put(rs.getString(1), Long.parseLong(rs.getString(2).trim()));
            }
        }
        Map<String, Class<?>> sequences = new HashMap<>();
        declared.forEach(d -> sequences.putAll(d.entities()));
        List<String> problems = IdBlocks.problems(optimizer, increments, sequences);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Ids written with plain JDBC could collide with Hibernate's: " + String.join("; ", problems)
                    + ". Keep the pooled-lo optimizer and an increment of " + IdBlocks.INCREMENT + " (V1__schema.sql).");
        }
    }
}
