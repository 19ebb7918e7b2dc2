import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labeling benchmark (run by bench/labeling/run.sh against the packaged app on H2):
 * 1. saturation: N labelers doing queue/next + label submit as fast as they can, both as two
 *    requests (GET queue/next, PUT label) and as one (PUT label?next=true, which answers with the
 *    next example: what the labeling page does);
 * 2. steady load: the same labelers at a fixed offered rate (e.g. 1,000 labels/s), latency p50/p99,
 *    in both ways;
 * 3. a trivial endpoint of the same app (/q/health/live) with the same concurrency, for the ratio;
 *    and the lightest authenticated API request (GET /api/me with the labelers' tokens: the token
 *    look-up, one read, a small JSON answer), the ceiling of any labeling request on this machine;
 * 4. the raw commit rate of the same database with the same durability (H2: WRITE_DELAY=0;
 *    PostgreSQL: its defaults): plain JDBC single-row inserts, one commit each, 16 threads.
 * When wrk is on the PATH (Debian's package wrk), phases 1-3 run a second time with wrk as the load
 * generator (bench/labeling/labelers.lua), and the warm-up uses it: a load generator in C leaves
 * more of the two cores to the app than this JVM's HTTP client does, which measured 0.3-0.35 cores
 * at 1,000-4,000 labels/s and read a third of wrk's figure for the trivial endpoint on a machine
 * where system calls are dear. Both sets of figures are printed; the steady phases are open-loop in
 * both (a label's latency counts from when it was due).
 * Usage: java -cp h2.jar|postgresql.jar LabelBench.java <baseUrl> <labelers> <seconds> <rate> <h2-file | jdbc-url-for-raw-test>
 */
public class LabelBench {
    /**
     * Examples in the bench's project (overlap 3: three labels each). The warm-up and the phases take
     * up to ~750,000 labels at 4,500 labels/s, and a queue near its end is not what a class labels
     * against. 60,000 (until the third session) and then 150,000 ran out once saturation passed
     * 3,000 and 4,000 labels/s; a phase that meets an empty queue is refused.
     */
    static final int EXAMPLES = Integer.parseInt(System.getenv().getOrDefault("BENCH_EXAMPLES", "400000"));
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Each measured request's limit, as wrk's --timeout: a request past it fails the phase (and the run)
     * instead of keeping it waiting for ever (once, in the sixth session, one response of thousands
     * never reached the JDK's client while the app answered others, and the run hung).
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern NEXT_KEY = Pattern.compile("\"next\"\\s*:\\s*\\{\\s*\"key\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int labelers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        String slug = "bench-" + System.currentTimeMillis();
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:bench-admin-pw".getBytes());
        send("POST", base + "/api/projects", admin, "{\"slug\":\"" + slug + "\",\"name\":\"Bench\",\"modality\":\"text\",\"labels\":[\"a\",\"b\",\"c\"],\"overlap\":3}");
        StringBuilder csv = new StringBuilder("id,text\n");
        int examples = EXAMPLES;
        for (int i = 0; i < examples; i++) csv.append("b").append(i).append(",example ").append(i).append('\n');
        String boundary = "----bench";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/projects/" + slug + "/examples"))
                .header("Authorization", admin).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 201) throw new IllegalStateException(imported.body());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < labelers; i++) {
            String user = slug + "-l" + i;
            send("POST", base + "/api/users", admin, "{\"username\":\"" + user + "\",\"password\":\"bench-password\",\"roles\":[\"LABELER\"]}");
            String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":bench-password").getBytes());
            Matcher m = TOKEN.matcher(send("POST", base + "/api/me/tokens", basic, "{\"name\":\"bench\"}"));
            m.find();
            tokens.add("Bearer " + m.group(1));
        }
        String api = base + "/api/projects/" + slug;
        // Warm-up: long enough for the JIT to compile the hot paths on two busy cores (with 10 s the
        // first measured phase still ran partly interpreted and read about half the later figures).
        // On a slower machine of the same class (raw commits 5,300-7,300/s), after 2 x 20 s of the
        // Java client's load C2 still compiled at half a core: 2 x 40 s, with wrk where it is.
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "40"));
        if (wrk(tokens, base, api, warmUp, "two", 0) == null) run(tokens, api, warmUp, 0, null, false);
        if (wrk(tokens, base, api, warmUp, "one", 0) == null) run(tokens, api, warmUp, 0, null, true);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        if (System.getenv("BENCH_QUICK") != null) { // run.sh's quick mode: one phase, to compare two builds back to back
            Result q = run(tokens, api, seconds, 0, null, true);
            System.out.printf("QUICK saturation, one request per label: %.0f labels/s, p50 %.1f ms p99 %.1f ms%n", q.rate, q.p50, q.p99);
            Result w = wrk(tokens, base, api, seconds, "one", 0);
            if (w != null) System.out.printf("QUICK wrk saturation, one request per label: %.0f labels/s, p50 %.1f ms p99 %.1f ms%n", w.rate, w.p50, w.p99);
            System.out.println("  group commit so far: " + groupCommitStats(base));
            Result me = run(tokens, api, seconds, 0, base + "/api/me", false);
            System.out.printf("QUICK GET /api/me: %.0f requests/s, p50 %.1f ms p99 %.1f ms%n", me.rate, me.p50, me.p99);
            return;
        }
        Result saturation = run(tokens, api, seconds, 0, null, false);
        System.out.printf("saturation: %d labelers, %.0f labels/s, next+submit p50 %.1f ms p99 %.1f ms%n", labelers, saturation.rate, saturation.p50, saturation.p99);
        Result combined = run(tokens, api, seconds, 0, null, true);
        System.out.printf("saturation, one request per label (PUT ?next=true): %d labelers, %.0f labels/s, p50 %.1f ms p99 %.1f ms%n", labelers, combined.rate, combined.p50, combined.p99);
        Result wrkTwo = wrk(tokens, base, api, seconds, "two", 0), wrkOne = wrk(tokens, base, api, seconds, "one", 0);
        if (wrkOne != null) {
            System.out.printf("wrk saturation: %d labelers, %.0f labels/s (p50 %.1f ms p99 %.1f ms per request)%n", labelers, wrkTwo.rate, wrkTwo.p50, wrkTwo.p99);
            System.out.printf("wrk saturation, one request per label: %d labelers, %.0f labels/s, p50 %.1f ms p99 %.1f ms%n", labelers, wrkOne.rate, wrkOne.p50, wrkOne.p99);
        }
        Result steady = run(tokens, api, seconds, rate, null, false);
        System.out.printf("steady %d labels/s offered: achieved %.0f labels/s, next+submit p50 %.1f ms p99 %.1f ms%n", rate, steady.rate, steady.p50, steady.p99);
        Result steadyCombined = run(tokens, api, seconds, rate, null, true);
        System.out.printf("steady %d labels/s offered, one request per label: achieved %.0f labels/s, p50 %.1f ms p99 %.1f ms%n", rate, steadyCombined.rate, steadyCombined.p50, steadyCombined.p99);
        Result wrkSteady = wrk(tokens, base, api, seconds, "two", rate), wrkSteadyOne = wrk(tokens, base, api, seconds, "one", rate);
        if (wrkSteady != null) {
            System.out.printf("wrk steady %d labels/s offered: achieved %.0f labels/s, next+submit p50 %.1f ms p99 %.1f ms%n", rate, wrkSteady.rate, wrkSteady.p50, wrkSteady.p99);
            System.out.printf("wrk steady %d labels/s offered, one request per label: achieved %.0f labels/s, p50 %.1f ms p99 %.1f ms%n", rate, wrkSteadyOne.rate, wrkSteadyOne.p50, wrkSteadyOne.p99);
        }
        System.out.println("  group commit so far: " + groupCommitStats(base));
        Result trivial = run(tokens, api, seconds, 0, base + "/q/health/live", false);
        System.out.printf("trivial endpoint (/q/health/live), %d clients: %.0f requests/s, p50 %.1f ms p99 %.1f ms%n", labelers, trivial.rate, trivial.p50, trivial.p99);
        System.out.printf("ratio: labels/s at saturation / trivial requests/s = %.3f%n", saturation.rate / trivial.rate);
        Result me = run(tokens, api, seconds, 0, base + "/api/me", false);
        System.out.printf("lightest authenticated request (GET /api/me, a token each), %d clients: %.0f requests/s, p50 %.1f ms p99 %.1f ms%n",
                labelers, me.rate, me.p50, me.p99);
        Result wrkTrivial = wrk(tokens, base, api, seconds, "trivial", 0), wrkMe = wrk(tokens, base, api, seconds, "me", 0);
        if (wrkTrivial != null) {
            System.out.printf("wrk trivial endpoint: %.0f requests/s, p50 %.1f ms p99 %.1f ms; GET /api/me: %.0f requests/s, p50 %.1f ms p99 %.1f ms%n",
                    wrkTrivial.rate, wrkTrivial.p50, wrkTrivial.p99, wrkMe.rate, wrkMe.p50, wrkMe.p99);
            System.out.printf("ratio (wrk): labels/s at saturation / trivial requests/s = %.3f; one request per label: %.3f%n",
                    wrkTwo.rate / wrkTrivial.rate, wrkOne.rate / wrkTrivial.rate);
        }
        if (args.length > 4) {
            boolean h2 = !args[4].startsWith("jdbc:");
            double commits = rawCommits(args[4], 16, seconds);
            System.out.printf("raw %s commit rate (JDBC single-row insert + commit, %s, 16 threads): %.0f commits/s%n",
                    h2 ? "H2" : "PostgreSQL", h2 ? "WRITE_DELAY=0" : "default durability", commits);
            System.out.printf("ratio: labels/s at saturation / raw commits/s = %.3f (bar: >= 0.5); one request per label: %.3f%n",
                    saturation.rate / commits, combined.rate / commits);
            if (wrkOne != null) System.out.printf("ratio (wrk): labels/s at saturation / raw commits/s = %.3f (bar: >= 0.5); one request per label: %.3f%n",
                    wrkTwo.rate / commits, wrkOne.rate / commits);
            System.out.printf("ratio: GET /api/me requests/s / raw commits/s = %.3f%n", me.rate / commits);
        }
    }

    record Result(double rate, double p50, double p99) {}

    /**
     * The same labelers driven by wrk (bench/labeling/labelers.lua; one thread and connection per
     * labeler), when wrk is on the PATH: mode one, two, me or trivial, at an offered rate of labels/s
     * or (0) as fast as the app answers. Null without wrk.
     */
    static Result wrk(List<String> tokens, String base, String api, int seconds, String mode, int offeredRate) throws Exception {
        if (WRK == null) return null;
        Path tokenFile = Files.createTempFile("bench-tokens", ".txt");
        try {
            Files.write(tokenFile, tokens);
            ProcessBuilder pb = new ProcessBuilder(WRK, "-t" + tokens.size(), "-c" + tokens.size(), "-d" + seconds + "s", "--timeout", "10s",
                    "-s", Path.of("bench/labeling/labelers.lua").toAbsolutePath().toString(), base).redirectErrorStream(true);
            pb.environment().put("WRK_TOKENS", tokenFile.toString());
            pb.environment().put("WRK_API", URI.create(api).getPath());
            pb.environment().put("WRK_MODE", mode);
            if (offeredRate > 0) pb.environment().put("WRK_RATE", Integer.toString(offeredRate));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // Connection errors and timeouts are no label's answer: a run with any of them is refused.
            if (p.waitFor() != 0 || out.contains("Socket errors")) throw new IllegalStateException("wrk: " + out);
            Matcher m = Pattern.compile("(?m)^wrk: (\\d+) (\\d+) (\\d+) ([0-9.]+) ([0-9.]+|nan) ([0-9.]+|nan) (\\d+)$").matcher(out);
            if (!m.find()) throw new IllegalStateException("wrk: " + out);
            long requests = Long.parseLong(m.group(1)), labels = Long.parseLong(m.group(2)), errors = Long.parseLong(m.group(3));
            if (errors > 0) throw new IllegalStateException("wrk: " + errors + " requests failed\n" + out);
            // A labeler told "nothing left" measures an empty queue, not labeling: more examples (BENCH_EXAMPLES).
            if (Long.parseLong(m.group(7)) > 0) throw new IllegalStateException("wrk: the queue ran out of work (" + m.group(7)
                    + " answers 'nothing left'); run with more examples, BENCH_EXAMPLES (now " + EXAMPLES + ")\n" + out);
            double elapsed = Double.parseDouble(m.group(4));
            return new Result((mode.equals("one") || mode.equals("two") ? labels : requests) / elapsed,
                    Double.parseDouble(m.group(5).replace("nan", "NaN")), Double.parseDouble(m.group(6).replace("nan", "NaN")));
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    /** wrk's path when it is on the PATH, else null (LabelBench then measures with its own client only). */
    static final String WRK = System.getenv().getOrDefault("PATH", "").isEmpty() ? null
            : Arrays.stream(System.getenv("PATH").split(":")).map(d -> Path.of(d, "wrk")).filter(Files::isExecutable)
                    .map(Path::toString).findFirst().orElse(null);

    static Result run(List<String> tokens, String api, int seconds, int offeredRate, String trivialUrl, boolean combined) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        AtomicLong ticket = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean ranDry = new java.util.concurrent.atomic.AtomicBoolean();
        List<Future<Latencies>> futures = new ArrayList<>();
        for (String token : tokens) {
            futures.add(pool.submit(() -> {
                Latencies latencies = new Latencies();
                String key = null; // one request per label: the key the previous answer handed out
                while (System.nanoTime() < end) {
                    long scheduled = start;
                    if (offeredRate > 0) {
                        // Open loop: the n-th operation is due at start + n/rate, whoever takes it.
                        scheduled = start + (long) (ticket.getAndIncrement() * 1e9 / offeredRate);
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        if (System.nanoTime() >= end) break;
                    }
                    long t0 = offeredRate > 0 ? Math.max(scheduled, 0) : System.nanoTime();
                    if (offeredRate == 0) t0 = System.nanoTime();
                    if (trivialUrl != null) {
                        get(trivialUrl, trivialUrl.contains("/api/") ? token : null);
                    } else if (combined) {
                        if (key == null) key = nextKey(api, token);
                        if (key == null) {
                            ranDry.set(true);
                            break;
                        }
                        Matcher m = NEXT_KEY.matcher(putLabel(api, token, key, "?next=true"));
                        key = m.find() ? m.group(1) : null;
                    } else {
                        String next = nextKey(api, token);
                        if (next == null) {
                            ranDry.set(true);
                            break;
                        }
                        putLabel(api, token, next, "");
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return latencies;
            }));
        }
        Latencies all = new Latencies();
        for (Future<Latencies> f : futures) all.addAll(f.get());
        if (ranDry.get()) throw new IllegalStateException("the queue ran out of work; run with more examples, BENCH_EXAMPLES (now " + EXAMPLES + ")");
        double elapsed = Math.min(seconds, (System.nanoTime() - start) / 1e9);
        pool.shutdown();
        long[] sorted = all.sorted();
        return new Result(sorted.length / elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /**
     * Latencies in nanoseconds, in a growing primitive array rather than a list of boxed values, so
     * the load generator keeps little on its own heap while it measures (its pauses would be
     * measured as the app's latency).
     */
    static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = nanos;
        }

        void addAll(Latencies other) {
            for (int i = 0; i < other.size; i++) add(other.values[i]);
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Batches written by the app's group commit (from its Prometheus metrics): count, mean size, mean and max time. */
    static String groupCommitStats(String base) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        double batches = metric(metrics, "concord_labeling_group_commit_size_count"), jobs = metric(metrics, "concord_labeling_group_commit_size_sum");
        double seconds = metric(metrics, "concord_labeling_group_commit_time_seconds_sum"), max = metric(metrics, "concord_labeling_group_commit_time_seconds_max");
        return String.format("%.0f batches, %.1f requests per batch, %.1f ms per batch on average (max in the last minutes %.1f ms)",
                batches, jobs / batches, 1000 * seconds / batches, 1000 * max);
    }

    static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Labels the example "a" (PUT .../labels/me plus the query); the answer's body. */
    static String putLabel(String api, String token, String key, String query) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/examples/" + key + "/labels/me" + query)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"label\":\"a\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() >= 300) throw new IllegalStateException(put.statusCode() + " " + put.body());
        return put.body();
    }

    /** The key of the caller's next example (GET queue/next), or null when nothing is left. */
    static String nextKey(String api, String token) throws Exception {
        HttpResponse<String> next = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/queue/next")).timeout(REQUEST_TIMEOUT).header("Authorization", token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (next.statusCode() == 204) return null;
        Matcher m = KEY.matcher(next.body());
        if (!m.find()) throw new IllegalStateException(next.statusCode() + " " + next.body());
        return m.group(1);
    }

    /** Commits per second of plain single-row inserts: an H2 file (a path) or a JDBC URL (PostgreSQL). */
    static double rawCommits(String target, int threads, int seconds) throws Exception {
        String url;
        if (target.startsWith("jdbc:")) {
            url = target;
        } else {
            Files.deleteIfExists(Path.of(target + ".mv.db"));
            url = "jdbc:h2:file:" + target + ";WRITE_DELAY=0;USER=sa";
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("drop table if exists raw_commit_bench");
            c.createStatement().execute("create table raw_commit_bench (id bigint generated by default as identity primary key, v varchar(64), at timestamp)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                long n = 0;
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    PreparedStatement ins = c.prepareStatement("insert into raw_commit_bench (v, at) values (?, current_timestamp)");
                    while (System.nanoTime() < end) {
                        ins.setString(1, "label");
                        ins.executeUpdate();
                        c.commit();
                        n++;
                    }
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : futures) total += f.get();
        pool.shutdown();
        return total / (double) seconds;
    }

    /** The p-quantile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static String send(String method, String url, String auth, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static void get(String url, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
        if (auth != null) b.header("Authorization", auth);
        int status = HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) throw new IllegalStateException("GET " + url + ": " + status);
    }
}
