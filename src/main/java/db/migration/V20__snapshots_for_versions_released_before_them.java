package db.migration;

import dev.concord.dataset.LegacySnapshots;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Dataset versions released before V9 have no snapshot; releases read them from dataset_example
 * and example_split. This gives them one (the same entries those tables gave), so V21 can drop the
 * tables and releases read the past one way only. Java, not SQL: a snapshot is a deflated binary
 * record.
 */
public class V20__snapshots_for_versions_released_before_them extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        LegacySnapshots.convert(context.getConnection());
    }
}
