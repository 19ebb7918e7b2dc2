package dev.concord.base;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Concord's own settings, every key under {@code concord.}, in one place. Each can be set in
 * {@code application.properties}, as a system property ({@code -Dconcord.queue.lease=PT5M}) or as an
 * environment variable ({@code CONCORD_QUEUE_LEASE=PT5M}). Settings that an operator sets at every
 * start have a short variable of their own, bound in {@code application.properties} ({@code CONCORD_DATA_DIR},
 * {@code CONCORD_DEMO}, {@code CONCORD_ADMIN_PASSWORD}, ...); the others default here. A key under
 * {@code concord.} in a properties file or system property that is not declared here stops the start
 * (SmallRye checks a mapping's whole prefix; environment variables it leaves alone), so a misspelled
 * setting is not silently ignored.
 */
@ConfigMapping(prefix = "concord")
public interface ConcordConfig {

    /**
     * Where the embedded database, media files, released datasets and waiting uploads live, resolved
     * against the working directory once, at start ({@code CONCORD_DATA_DIR}; {@code ./data}, dev mode
     * {@code ./data-dev}).
     */
    @WithConverter(AbsolutePath.class)
    Path dataDir();

    /**
     * The H2 connection options appended to the embedded database's JDBC URL (application.properties
     * builds {@code quarkus.datasource.jdbc.url} from it; no Java code reads it).
     */
    String h2Options();

    /** Creates the user "admin" (ADMIN, SME) with this password on first start ({@code CONCORD_ADMIN_PASSWORD}). */
    Optional<String> adminPassword();

    /**
     * Seeds the demo users (public password), the sample projects and their prior labels at start, and
     * allows starting on a database that holds them ({@code CONCORD_DEMO}; off, on in dev mode).
     */
    boolean demo();

    /** The sample projects the demo seeds, one folder each with a project.json ({@code CONCORD_SAMPLE_DATA}). */
    @WithConverter(AbsolutePath.class)
    Path sampleDataDir();

    /** The label-guide templates offered when creating a project, and the demo's guides ({@code CONCORD_GUIDES}). */
    @WithConverter(AbsolutePath.class)
    Path guidesDir();

    Session session();

    Login login();

    Upload upload();

    Queue queue();

    /**
     * Switches of the build and its test suite, under the same prefix; declared so that passing one as a
     * system property does not stop the start. The application never reads them.
     */
    @WithParentName
    Build build();

    /** Logins ({@code concord.session.*}). */
    interface Session {
        /** How long a login lasts (ISO-8601 duration; 12 hours). */
        @WithDefault("PT12H")
        Duration timeout();

        /**
         * Marks the session cookie Secure on every response, for a proxy that terminates HTTPS without
         * saying so (otherwise Secure follows the request's scheme).
         */
        @WithDefault("false")
        boolean cookieSecure();
    }

    /** The login throttle ({@code concord.login.*}). */
    interface Login {
        /**
         * Failed logins from one client address (any accounts, within 15 minutes) before it must wait; raise
         * it when a whole class logs in from behind one NAT address.
         */
        @WithDefault("50")
        int maxFailuresPerAddress();
    }

    /** Limits on uploaded files beyond the request body's ({@code concord.upload.*}). */
    interface Upload {
        /** Bytes an uploaded zip may unpack to, all entries together (1 GiB); above it the import is refused (413). */
        @WithDefault("1073741824")
        long maxInflatedBytes();

        /** Entries an uploaded zip may hold; above it the import is refused (413). */
        @WithDefault("100000")
        int maxZipEntries();
    }

    /** The labeling queue ({@code concord.queue.*}). */
    interface Queue {
        /** How long an example handed to a labeler stays reserved for them (ISO-8601 duration; 10 minutes). */
        @WithDefault("PT10M")
        Duration lease();

        GroupCommit groupCommit();

        /** Labeling writes from concurrent requests share one transaction and commit ({@code concord.queue.group-commit.*}). */
        interface GroupCommit {
            /** Most labeling requests written in one transaction (at least 1). */
            @WithDefault("64")
            int max();

            /** Writer threads, each running its own batches (at least 1). */
            @WithDefault("1")
            int writers();
        }
    }

    /** Read by Maven and the tests from system properties, never by the application. */
    interface Build {
        /** {@code -Dconcord.e2e.skip=true} skips the browser journeys (BrowserTest). */
        @WithName("e2e.skip")
        @WithDefault("false")
        boolean skipBrowserTests();

        /** {@code -Dconcord.screenshots.publish=true} lets the browser journeys copy their screenshots to docs/screenshots/. */
        @WithName("screenshots.publish")
        @WithDefault("false")
        boolean publishScreenshots();

        /** {@code -Dconcord.excludedGroups=e2e}: the JUnit tags Maven Surefire leaves out (pom.xml). */
        @WithName("excludedGroups")
        Optional<String> excludedTestGroups();
    }

    /** A path as given, made absolute against the working directory and normalized. */
    final class AbsolutePath implements Converter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(value.trim()).toAbsolutePath().normalize();
        }
    }
}
