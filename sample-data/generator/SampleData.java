import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Generates Concord's sample projects deterministically from a seed.
 *
 * <pre>
 *   java sample-data/generator/SampleData.java [--seed N] [--out sample-data]
 * </pre>
 *
 * Run from the repository root. JDK 17 only, no dependencies. Writes, per project, the examples
 * (PNG images, a CSV of rows, or the audio plan that make-audio.sh turns into WAVs),
 * project.json, metadata.csv, truth.csv and demo-labels.csv (simulated labelers with realistic
 * disagreement), plus generator/catalog.csv describing every generated example.
 *
 * Every project draws from its own Random derived from the seed and the project slug, so
 * changing one project's generator does not reshuffle the others.
 */
public class SampleData {

    static final long DEFAULT_SEED = 20261122L;
    static final String UNCERTAIN = "uncertain";
    static final String[] LABELERS = {"alice", "bob", "carol", "dave", "erin"};
    /** How often each labeler shows up; alice is the most active. */
    static final double[] LABELER_WEIGHT = {1.3, 1.0, 1.0, 0.9, 0.8};
    /** Baseline slip rate (wrong label on an easy example). */
    static final Map<String, Double> SLIP = Map.of("alice", 0.02, "bob", 0.05, "carol", 0.05, "dave", 0.08, "erin", 0.04);
    /** Baseline "uncertain" rate and how much it grows with difficulty. */
    static final Map<String, Double> UNSURE = Map.of("alice", 0.01, "bob", 0.0, "carol", 0.02, "dave", 0.01, "erin", 0.06);
    static final Map<String, Double> UNSURE_HARD = Map.of("alice", 0.10, "bob", 0.03, "carol", 0.08, "dave", 0.05, "erin", 0.40);

    final long seed;
    final Path out;
    final List<String> catalog = new ArrayList<>();

    SampleData(long seed, Path out) {
        this.seed = seed;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        long seed = DEFAULT_SEED;
        Path out = Path.of("sample-data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: SampleData [--seed N] [--out DIR])");
            }
        }
        System.setProperty("java.awt.headless", "true");
        Locale.setDefault(Locale.ROOT);
        SampleData g = new SampleData(seed, out);
        g.phoneDefects();
        g.speechCommands();
        g.commentSpam();
        g.samePerson();
        g.catalog.add(0, "project,key,label,kind,difficulty,details");
        g.write(out.resolve("generator/catalog.csv"), g.catalog);
        System.out.println("seed " + seed + " -> " + out.toAbsolutePath().normalize());
    }

    Random rng(String slug) {
        return new Random(seed * 1_000_003L + slug.hashCode());
    }

    // ------------------------------------------------------------------ common model

    /** One generated example: what the generator drew, and how hard it is to label. */
    record Item(String key, String truth, String kind, double difficulty, Map<String, Object> attrs) {
        double num(String k) {
            Object v = attrs.get(k);
            return v == null ? 0 : ((Number) v).doubleValue();
        }

        String str(String k) {
            Object v = attrs.get(k);
            return v == null ? "" : v.toString();
        }
    }

    /** A labeler's systematic tendency; returns a label, or null to fall through to the base model. */
    interface Tendency {
        String label(String labeler, Item item, Random r);
    }

    /** The label an honest mistake on this example most likely produces. */
    interface Confusion {
        String mistake(Item item, Random r);
    }

    static Map<String, Object> attrs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String decide(String who, Item it, Random r, Tendency tendency, Confusion confusion) {
        double d = it.difficulty();
        if (r.nextDouble() < UNSURE.get(who) + UNSURE_HARD.get(who) * d * d) {
            return UNCERTAIN;
        }
        String biased = tendency.label(who, it, r);
        if (biased != null) {
            return biased;
        }
        if (r.nextDouble() < SLIP.get(who) + 0.22 * d) {
            return confusion.mistake(it, r);
        }
        return it.truth();
    }

    /**
     * Simulates the prior labeling: ~57% of examples complete (overlap labels from distinct
     * labelers), ~10% in progress (1 or 2 labels), the rest untouched for the live demo.
     */
    List<String[]> simulate(List<Item> items, int overlap, Random r, Tendency tendency, Confusion confusion) {
        List<Item> order = new ArrayList<>(items);
        Collections.shuffle(order, r);
        int complete = (int) Math.round(items.size() * 0.57);
        int partial = (int) Math.round(items.size() * 0.10);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < complete + partial; i++) {
            Item it = order.get(i);
            int k = i < complete ? overlap : 1 + r.nextInt(overlap - 1);
            for (String who : pickLabelers(k, r)) {
                rows.add(new String[] {it.key(), who, decide(who, it, r, tendency, confusion)});
            }
        }
        List<String> names = Arrays.asList(LABELERS);
        rows.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> names.indexOf(a[1])));
        return rows;
    }

    static List<String> pickLabelers(int k, Random r) {
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < k) {
            double total = 0;
            for (int i = 0; i < LABELERS.length; i++) {
                if (!chosen.contains(LABELERS[i])) {
                    total += LABELER_WEIGHT[i];
                }
            }
            double x = r.nextDouble() * total;
            for (int i = 0; i < LABELERS.length; i++) {
                if (chosen.contains(LABELERS[i])) {
                    continue;
                }
                x -= LABELER_WEIGHT[i];
                if (x <= 0) {
                    chosen.add(LABELERS[i]);
                    break;
                }
            }
        }
        return chosen;
    }

    /** Writes truth.csv, demo-labels.csv, catalog rows, and prints a short agreement summary. */
    void finish(String slug, List<Item> items, List<String[]> labels, String sliceAttr) {
        Path dir = out.resolve(slug);
        List<String> truth = new ArrayList<>(List.of("key,label"));
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::key));
        for (Item it : sorted) {
            truth.add(csv(it.key(), it.truth()));
            StringBuilder details = new StringBuilder();
            it.attrs().forEach((k, v) -> details.append(details.length() == 0 ? "" : " ").append(k).append('=')
                    .append(v instanceof Double dv ? String.format("%.2f", dv) : v));
            catalog.add(csv(slug, it.key(), it.truth(), it.kind(), String.format("%.2f", it.difficulty()), details.toString()));
        }
        write(dir.resolve("truth.csv"), truth);
        List<String> demo = new ArrayList<>(List.of("example,labeler,label"));
        for (String[] l : labels) {
            demo.add(csv(l));
        }
        write(dir.resolve("demo-labels.csv"), demo);
        summarize(slug, items, labels, sliceAttr);
    }

    static void summarize(String slug, List<Item> items, List<String[]> labels, String sliceAttr) {
        Map<String, Item> byKey = new TreeMap<>();
        items.forEach(i -> byKey.put(i.key(), i));
        Map<String, List<String>> perExample = new TreeMap<>();
        Map<String, int[]> perLabeler = new TreeMap<>();
        Map<String, int[]> perSlice = new TreeMap<>();
        int unsure = 0;
        for (String[] l : labels) {
            perExample.computeIfAbsent(l[0], k -> new ArrayList<>()).add(l[2]);
            Item it = byKey.get(l[0]);
            boolean ok = it.truth().equals(l[2]);
            int[] c = perLabeler.computeIfAbsent(l[1], k -> new int[2]);
            c[0] += ok ? 1 : 0;
            c[1]++;
            if (sliceAttr != null) {
                int[] s = perSlice.computeIfAbsent(it.str(sliceAttr), k -> new int[2]);
                s[0] += ok ? 1 : 0;
                s[1]++;
            }
            unsure += l[2].equals(UNCERTAIN) ? 1 : 0;
        }
        int complete = 0, unanimous = 0;
        for (List<String> ls : perExample.values()) {
            if (ls.size() == 3) {
                complete++;
                unanimous += ls.stream().distinct().count() == 1 ? 1 : 0;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s %3d examples, %3d labeled (%d complete, %d unanimous), %d labels, %d uncertain%n",
                slug, items.size(), perExample.size(), complete, unanimous, labels.size(), unsure));
        sb.append("                 accuracy vs truth:");
        perLabeler.forEach((k, c) -> sb.append(String.format(" %s %.2f (%d)", k, c[0] / (double) c[1], c[1])));
        if (sliceAttr != null) {
            sb.append(String.format("%n                 by %s:", sliceAttr));
            perSlice.forEach((k, c) -> sb.append(String.format(" %s %.2f (%d)", k, c[0] / (double) c[1], c[1])));
        }
        System.out.println(sb);
    }

    // ------------------------------------------------------------------ phone-defects

    void phoneDefects() throws IOException {
        String slug = "phone-defects";
        Random r = rng(slug);
        Path dir = out.resolve(slug);
        Path images = dir.resolve("images");
        recreate(images);

        // What to draw: kind -> how many. Ambiguous kinds are the ones the guide talks about.
        List<String> kinds = new ArrayList<>();
        addN(kinds, "scratch", 13);
        addN(kinds, "faint-scratch", 5);
        addN(kinds, "dent", 10);
        addN(kinds, "small-dent", 4);
        addN(kinds, "pit", 10);
        addN(kinds, "large-pit", 3);
        addN(kinds, "none", 10);
        addN(kinds, "dust", 5);
        Collections.shuffle(kinds, r);

        List<Item> items = new ArrayList<>();
        List<String> meta = new ArrayList<>(List.of("key,camera"));
        for (int i = 0; i < kinds.size(); i++) {
            String key = String.format("img-%04d.png", i + 1);
            // cam-c is the old line camera: a noisier sensor, which the slice analysis should show.
            double u = r.nextDouble();
            String camera = u < 0.4 ? "cam-a" : u < 0.75 ? "cam-b" : "cam-c";
            Random ir = new Random(r.nextLong());
            Item it = drawPhone(key, kinds.get(i), camera, ir, images.resolve(key));
            items.add(it);
            meta.add(csv(key, camera));
        }
        write(dir.resolve("metadata.csv"), meta);

        Tendency tendency = (who, it, rr) -> {
            switch (who) {
                case "bob": // does not look closely: faint scratches are "nothing there"
                    if (it.truth().equals("scratch") && it.num("contrast") < 12 && rr.nextDouble() < 0.7) {
                        return "none";
                    }
                    break;
                case "carol": // mixes up dents and pit marks, mostly when they are of similar size
                    if (it.kind().equals("small-dent") && rr.nextDouble() < 0.65) {
                        return "pit_mark";
                    }
                    if (it.kind().equals("large-pit") && rr.nextDouble() < 0.55) {
                        return "dent";
                    }
                    if (it.truth().equals("dent") && rr.nextDouble() < 0.12) {
                        return "pit_mark";
                    }
                    break;
                case "dave": // sensor noise on cam-c looks like pitting to him; dust too
                    if (it.truth().equals("none") && it.str("camera").equals("cam-c") && rr.nextDouble() < 0.5) {
                        return "pit_mark";
                    }
                    if (it.kind().equals("dust") && rr.nextDouble() < 0.45) {
                        return "pit_mark";
                    }
                    break;
                default:
                    break;
            }
            return null;
        };
        Confusion confusion = (it, rr) -> switch (it.truth()) {
            case "scratch" -> "none";
            case "dent" -> "pit_mark";
            case "pit_mark" -> rr.nextDouble() < 0.6 ? "dent" : "none";
            default -> rr.nextDouble() < 0.7 ? "pit_mark" : "scratch";
        };
        List<String[]> labels = simulate(items, 3, r, tendency, confusion);
        finish(slug, items, labels, "camera");
        projectJson(slug, "Phone surface defects", "image",
                List.of(new String[] {"scratch", null}, new String[] {"dent", null},
                        new String[] {"pit_mark", null}, new String[] {"none", null}),
                "images", null, null, "metadata.csv");
    }

    static final int SIZE = 160;

    Item drawPhone(String key, String kind, String camera, Random r, Path file) throws IOException {
        float[] px = new float[SIZE * SIZE];
        // Dark glass: a base level, a gentle linear gradient, one soft reflection band, a vignette.
        double base = 26 + r.nextDouble() * 16;
        double ga = r.nextDouble() * Math.PI * 2, gs = 6 + r.nextDouble() * 14;
        double ba = r.nextDouble() * Math.PI, bo = (r.nextDouble() - 0.5) * 120, bw = 14 + r.nextDouble() * 30;
        double bi = kind.equals("none") && r.nextDouble() < 0.5 ? 22 + r.nextDouble() * 10 : 4 + r.nextDouble() * 12;
        double m1 = r.nextDouble() * 6, m2 = r.nextDouble() * 6;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double cx = x - SIZE / 2.0, cy = y - SIZE / 2.0;
                double v = base + gs * (cx * Math.cos(ga) + cy * Math.sin(ga)) / 113.0;
                double dist = cx * Math.cos(ba) + cy * Math.sin(ba) - bo;
                v += bi * Math.exp(-(dist * dist) / (bw * bw));
                v += 1.2 * Math.sin(x / 9.0 + m1) * Math.sin(y / 11.0 + m2);
                v *= 1 - 0.18 * (cx * cx + cy * cy) / (2 * 80.0 * 80.0);
                px[y * SIZE + x] = (float) v;
            }
        }

        String truth;
        double difficulty;
        Map<String, Object> a;
        switch (kind) {
            case "scratch", "faint-scratch" -> {
                boolean faint = kind.equals("faint-scratch");
                double contrast = faint ? 5 + r.nextDouble() * 4 : 14 + r.nextDouble() * 30;
                double len = 50 + r.nextDouble() * 95;
                double angle = r.nextDouble() * 180;
                double width = 0.7 + r.nextDouble() * 0.9;
                int count = !faint && r.nextDouble() < 0.3 ? 2 : 1;
                float[] mask = mask(g -> {
                    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    for (int s = 0; s < count; s++) {
                        double l = s == 0 ? len : len * (0.3 + r.nextDouble() * 0.4);
                        double th = Math.toRadians(angle + (s == 0 ? 0 : r.nextGaussian() * 6));
                        double mx = 40 + r.nextDouble() * 80 + s * 8, my = 40 + r.nextDouble() * 80 + s * 8;
                        double dx = Math.cos(th) * l / 2, dy = Math.sin(th) * l / 2;
                        double bend = r.nextGaussian() * l * 0.08;
                        g.draw(new QuadCurve2D.Double(mx - dx, my - dy, mx - Math.sin(th) * bend,
                                my + Math.cos(th) * bend, mx + dx, my + dy));
                    }
                });
                // A scratch catches the light: brighter than the glass, fading along its length a little.
                addMask(px, mask, contrast);
                truth = "scratch";
                difficulty = faint ? 0.75 : 0.12 + (contrast < 20 ? 0.15 : 0);
                a = attrs("length", Math.round(len), "angle", Math.round(angle), "contrast", contrast, "count", count);
            }
            case "dent", "small-dent" -> {
                boolean small = kind.equals("small-dent");
                double rx = small ? 4.5 + r.nextDouble() * 2 : 10 + r.nextDouble() * 14;
                double ry = rx * (0.65 + r.nextDouble() * 0.35);
                double rot = r.nextDouble() * Math.PI;
                double depth = small ? 22 + r.nextDouble() * 10 : 12 + r.nextDouble() * 16;
                double cx = 35 + r.nextDouble() * 90, cy = 35 + r.nextDouble() * 90;
                dent(px, cx, cy, rx, ry, rot, depth);
                truth = "dent";
                difficulty = small ? 0.7 : 0.15 + (depth < 16 ? 0.15 : 0);
                a = attrs("radius", rx, "depth", depth);
            }
            case "pit", "large-pit" -> {
                boolean large = kind.equals("large-pit");
                int n = large ? 1 : 1 + r.nextInt(5);
                double ccx = 35 + r.nextDouble() * 90, ccy = 35 + r.nextDouble() * 90;
                double[] radius = new double[n];
                double darkness = 18 + r.nextDouble() * 18;
                float[] mask = mask(g -> {
                    for (int s = 0; s < n; s++) {
                        radius[s] = large ? 4 + r.nextDouble() * 1.5 : 1.2 + r.nextDouble() * 2.2;
                        double x = ccx + (s == 0 ? 0 : r.nextGaussian() * 10), y = ccy + (s == 0 ? 0 : r.nextGaussian() * 10);
                        g.fill(new Ellipse2D.Double(x - radius[s], y - radius[s], 2 * radius[s], 2 * radius[s]));
                    }
                });
                addMask(px, mask, -Math.min(darkness, base - 4));
                truth = "pit_mark";
                difficulty = large ? 0.65 : 0.12 + (n == 1 ? 0.15 : 0);
                a = attrs("spots", n, "radius", Arrays.stream(radius).max().orElse(0));
            }
            default -> { // none, dust
                int n = kind.equals("dust") ? 1 + r.nextInt(3) : 0;
                if (n > 0) {
                    float[] mask = mask(g -> {
                        for (int s = 0; s < n; s++) {
                            double rr = 1.1 + r.nextDouble() * 1.4;
                            double x = 20 + r.nextDouble() * 120, y = 20 + r.nextDouble() * 120;
                            g.fill(new Ellipse2D.Double(x - rr, y - rr, 2 * rr, 2 * rr));
                        }
                    });
                    // Dust sits on top of the glass and scatters light: a light speck, not a dark pit.
                    addMask(px, mask, 20 + r.nextDouble() * 14);
                }
                truth = "none";
                difficulty = n > 0 ? 0.5 : bi > 20 ? 0.25 : 0.08;
                a = attrs("specks", n, "reflection", bi);
            }
        }

        double sigma = switch (camera) {
            case "cam-a" -> 1.6;
            case "cam-b" -> 2.2;
            default -> 5.5;
        };
        if (camera.equals("cam-c")) {
            difficulty = Math.min(1, difficulty + 0.25);
        }
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            double v = px[i] + r.nextGaussian() * sigma;
            raster[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
        }
        ImageIO.write(img, "png", file.toFile());
        a.put("camera", camera);
        return new Item(key, truth, kind, difficulty, a);
    }

    interface Painter {
        void paint(Graphics2D g);
    }

    /** Java2D draws the shape antialiased into a coverage mask (0..1 per pixel). */
    static float[] mask(Painter p) {
        BufferedImage m = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = m.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        p.paint(g);
        g.dispose();
        byte[] data = ((java.awt.image.DataBufferByte) m.getRaster().getDataBuffer()).getData();
        float[] f = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            f[i] = (data[i] & 0xff) / 255f;
        }
        return f;
    }

    static void addMask(float[] px, float[] mask, double amount) {
        for (int i = 0; i < px.length; i++) {
            px[i] += (float) (mask[i] * amount);
        }
    }

    /** A dent is a smooth depression lit from the top left: one rim lighter, the other darker. */
    static void dent(float[] px, double cx, double cy, double rx, double ry, double rot, double depth) {
        double lx = -0.7071, ly = -0.7071;
        double cos = Math.cos(rot), sin = Math.sin(rot);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double gx = height(x + 0.5, y, cx, cy, rx, ry, cos, sin) - height(x - 0.5, y, cx, cy, rx, ry, cos, sin);
                double gy = height(x, y + 0.5, cx, cy, rx, ry, cos, sin) - height(x, y - 0.5, cx, cy, rx, ry, cos, sin);
                double h = height(x, y, cx, cy, rx, ry, cos, sin);
                px[y * SIZE + x] += (float) (depth * rx * (gx * lx + gy * ly) * 0.9 - depth * 0.25 * h);
            }
        }
    }

    static double height(double x, double y, double cx, double cy, double rx, double ry, double cos, double sin) {
        double dx = x - cx, dy = y - cy;
        double u = (dx * cos + dy * sin) / rx, v = (-dx * sin + dy * cos) / ry;
        double d2 = u * u + v * v;
        return d2 >= 1 ? 0 : (1 - d2) * (1 - d2);
    }

    // ------------------------------------------------------------------ speech-commands

    void speechCommands() {
        String slug = "speech-commands";
        Random r = rng(slug);
        Path dir = out.resolve(slug);
        String[] words = {"yes", "no", "up", "down"};
        String[] voices = {"en", "en-us", "en+f3", "en+m3", "en-us+f2", "en-gb-scotland", "en-029", "en+m7", "en+klatt2", "en+f4"};
        List<String> wordsList = new ArrayList<>();
        for (String w : words) {
            addN(wordsList, w, 10);
        }
        Collections.shuffle(wordsList, r);
        // Noise: 16 clean, 14 low, 10 high (of which a few are very hard: whispered or clipped).
        List<String> noise = new ArrayList<>();
        addN(noise, "none", 16);
        addN(noise, "low", 14);
        addN(noise, "high", 10);
        Collections.shuffle(noise, r);

        List<String> plan = new ArrayList<>(List.of("key,word,voice,speed,pitch,noise,noise_type,noise_vol,noise_offset,lead,keep"));
        List<String> meta = new ArrayList<>(List.of("key,voice,noise"));
        List<Item> items = new ArrayList<>();
        String[] noiseTypes = {"white", "pink", "brown"};
        for (int i = 0; i < wordsList.size(); i++) {
            String key = String.format("clip-%04d.wav", i + 1);
            String word = wordsList.get(i);
            String level = noise.get(i);
            String voice = voices[r.nextInt(voices.length)];
            if (level.equals("high") && r.nextDouble() < 0.25) {
                voice = "en+whisper";
            }
            int speed = 120 + r.nextInt(90);
            int pitch = 30 + r.nextInt(45);
            String type = noiseTypes[r.nextInt(noiseTypes.length)];
            double vol = switch (level) {
                case "none" -> 0;
                case "low" -> 0.02 + r.nextDouble() * 0.05;
                default -> 0.25 + r.nextDouble() * 0.35;
            };
            if (level.equals("none")) {
                type = "none";
            }
            double offset = Math.round(r.nextDouble() * 55 * 100) / 100.0;
            double lead = Math.round((0.08 + r.nextDouble() * 0.2) * 100) / 100.0;
            // Two or three clips lose the end of the word (the recording was cut): genuinely hard.
            double keep = level.equals("high") && r.nextDouble() < 0.3 ? 0.55 : 1.0;
            plan.add(csv(key, word, voice, String.valueOf(speed), String.valueOf(pitch), level, type,
                    String.format("%.3f", vol), String.format("%.2f", offset), String.format("%.2f", lead),
                    String.format("%.2f", keep)));
            meta.add(csv(key, voice, level));
            double difficulty = switch (level) {
                case "none" -> 0.08;
                case "low" -> 0.2;
                default -> 0.45 + vol * 0.6;
            };
            if (voice.equals("en+whisper")) {
                difficulty += 0.2;
            }
            if (keep < 1) {
                difficulty += 0.2;
            }
            if (speed > 190) {
                difficulty += 0.1;
            }
            String kind = level.equals("high") ? (difficulty > 0.9 ? "very-noisy" : "noisy") : level.equals("low") ? "low-noise" : "clean";
            items.add(new Item(key, word, kind, Math.min(1, difficulty),
                    attrs("voice", voice, "speed", speed, "noise", level, "noise_type", type, "noise_vol", vol, "keep", keep)));
        }
        write(out.resolve("generator/audio-plan.csv"), plan);
        write(dir.resolve("metadata.csv"), meta);

        Tendency tendency = (who, it, rr) -> {
            boolean noisy = it.str("noise").equals("high");
            switch (who) {
                case "bob": // hears "no" and "down" alike once there is noise
                    if (noisy && (it.truth().equals("no") || it.truth().equals("down")) && rr.nextDouble() < 0.45) {
                        return it.truth().equals("no") ? "down" : "no";
                    }
                    break;
                case "carol": // fast speakers trip her up
                    if (it.num("speed") > 180 && rr.nextDouble() < 0.25) {
                        return it.truth().equals("up") ? "yes" : it.truth().equals("yes") ? "up" : null;
                    }
                    break;
                case "dave": // labels at speed, guesses "no" when he cannot make it out
                    if (noisy && rr.nextDouble() < 0.3) {
                        return "no";
                    }
                    break;
                default:
                    break;
            }
            return null;
        };
        Confusion confusion = (it, rr) -> switch (it.truth()) {
            case "no" -> "down";
            case "down" -> "no";
            case "up" -> rr.nextDouble() < 0.6 ? "yes" : "no";
            default -> "up";
        };
        List<String[]> labels = simulate(items, 3, r, tendency, confusion);
        finish(slug, items, labels, "noise");
        projectJson(slug, "Speech commands", "audio",
                List.of(new String[] {"yes", null}, new String[] {"no", null},
                        new String[] {"up", null}, new String[] {"down", null}),
                "clips", null, null, "metadata.csv");
    }

    // ------------------------------------------------------------------ comment-spam

    static final String[] FIRST = {"Jessica", "Mike", "Ana", "Tom", "Priya", "Lucas", "Sofia", "Kevin", "Emma", "Ahmed",
        "Laura", "Daniel", "Chloe", "Marco", "Hannah", "Jake", "Maria", "Olu", "Nina", "Chris", "Yuki", "Pedro", "Zoe", "Sam",
        "Fatima", "Ryan", "Lena", "Diego", "Grace", "Ivan"};
    static final String[] LAST = {"Miller", "Nguyen", "Santos", "Kowalski", "Patel", "Brown", "Rossi", "Okafor", "Schmidt",
        "Garcia", "Lee", "Johnson", "Dubois", "Khan", "Silva", "Novak", "Walker", "Tanaka", "Murphy", "Costa"};
    static final String[] HANDLES = {"xXDarkGamerXx", "musiclover99", "DJ Kev", "lil_pumpkin", "TheRealDeal", "beatzzz",
        "KpopQueen", "Mr. Potato", "SkaterBoi2001", "Unicorn Dreams", "NightOwl", "official_tay", "GamingWithJoe"};
    static final String[] SPAM_NAMES = {"Free Gift Cards", "Promo King", "Get Subs Fast", "Best Deals Daily", "Earn Money Online",
        "Channel Growth", "FREE iPhone Giveaway", "Cheap Followers"};

    static final String[] SPAM = {
        "Check out my channel! I make music too :)",
        "Check out my new video!!! {url}",
        "please subscribe to my channel, I upload every day. it would mean a lot",
        "Hey guys, I'm a small youtuber trying to grow. Subscribe and I will love you forever",
        "SUBSCRIBE TO ME AND I WILL SUBSCRIBE BACK!!!",
        "Earn $500 a day from home, no experience needed: {url}",
        "FREE iPhone giveaway, just click {url} and enter your email",
        "Win a $100 gift card! Only today! {url}",
        "Get 1000 YouTube subscribers for free --> {url}",
        "I want to be a famous rapper, go listen to my mixtape on my channel",
        "Hey everyone, please check out my channel, I do covers, vlogs, and pranks",
        "Go to {url} for FREE Minecraft accounts",
        "Make money online fast {url} it really works I made $2,400 last week",
        "Guys we need your help! Visit {url} and sign up, it's free",
        "Looking for cheap sunglasses? Best prices at {url}",
        "Want more views? {url}",
        "Hi, I'm a 15 year old singer, can you check out my channel? Thanks, God bless",
        "Like this comment if you want the full song for free: {url}",
        "PLEASE READ: I'm a struggling artist. If you like rap, subscribe.\nThat's all I ask. Thank you!!",
        "Hey! If you're reading this, go to my channel and watch my \"funny moments\" video, you won't regret it",
    };
    static final String[] HAM = {
        "This song never gets old",
        "I can't stop listening to this",
        "The dance at 2:14 is amazing",
        "Who's still watching this in 2015?",
        "Her voice is so beautiful",
        "This video is a masterpiece",
        "Best music video ever made",
        "My little sister dances to this every day haha",
        "Love the colours in this video",
        "this song reminds me of summer",
        "The beat drops at 1:05 and I lose it every time",
        "I love this song so much, it's my ringtone",
        "How does this have so many dislikes?",
        "The choreography is insane",
        "Came here after hearing it on the radio",
        "This was played at my wedding, so many memories",
        "The guy in the yellow jacket though, lol",
        "Can't believe this has almost 2 billion views",
        "Still better than most songs today",
        "Anyone know what camera they used for this video?",
        "I like the original version better, but this is still good",
        "Song is okay, the video is better",
        "This song is so catchy, I've had it stuck in my head all week",
        "Lyrics are kind of silly but I love it anyway",
        "My favourite part is when the music stops and everyone freezes",
        "Watching this at 3am, no regrets",
        "The bridge gives me chills\nevery single time",
        "I remember when this came out, feels like yesterday",
        "\"Hey, hey, hey\" best part of the song",
        "This is overrated, honestly. The first album was better",
        "Whoever made this video deserves an award",
        "Please make more videos like this one",
        "The drummer is so underrated",
        "I've watched this like 50 times today",
        "This is what real music sounds like",
        "Her outfit in the last scene, wow",
        "Played this on repeat for my whole road trip",
        "The part where they're all dancing on the roof is so good",
        "Not my type of music but the video is well made",
        "Can someone tell me the name of the girl in the red dress?",
        "Song of the year, no doubt",
        "My dad loves this song, and he hates everything",
        "Goosebumps at 0:45",
        "I come back to this every few months",
        "When the chorus hits, I can't sit still",
    };
    static final String[] HAM_OPENERS = {"", "", "", "", "Omg ", "Honestly, ", "Wow. ", "Lol ", "Okay, ", "Ngl "};
    /** Ambiguous kinds, each with its truth under the guide's tie-breakers. */
    static final String[][] AMBIGUOUS = {
        // kind, truth, content
        {"on-topic-promo", "spam", "I did a piano cover of this song, would love it if you checked it out on my channel!"},
        {"on-topic-promo", "spam", "Love this song so much that I made a dance cover, link in my profile"},
        {"on-topic-promo", "spam", "Great song! I made a remix of it, tell me what you think: {url}"},
        {"follow-back", "spam", "follow me I'll follow back"},
        {"follow-back", "spam", "sub for sub? comment below and I'll sub back"},
        {"emoji-only", "not_spam", "😍😍😍"},
        {"emoji-only", "not_spam", "🔥🔥🔥🔥"},
        {"emoji-only", "not_spam", "❤️"},
        {"emoji-only", "not_spam", "😂👌"},
        {"first", "not_spam", "First!"},
        {"like-bait", "not_spam", "Like if you're watching in 2015"},
        {"like-bait", "not_spam", "1 like = 1 prayer for this song to reach 3 billion views"},
        {"lyrics-link", "spam", "Lyrics for anyone who wants them: {url}"},
        {"rude", "not_spam", "this is the worst song ever, how is this popular"},
        {"timestamp", "not_spam", "2:31 is where the magic happens"},
        {"non-english", "not_spam", "Me encanta esta canción!! Saludos desde México"},
    };

    void commentSpam() {
        String slug = "comment-spam";
        Random r = rng(slug);
        Path dir = out.resolve(slug);
        int n = 300;
        List<String> kinds = new ArrayList<>();
        addN(kinds, "spam", 120);
        addN(kinds, "ham", 130);
        addN(kinds, "ambiguous", n - 250);
        Collections.shuffle(kinds, r);

        List<String> rows = new ArrayList<>(List.of("COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS"));
        List<Item> items = new ArrayList<>();
        long start = 1372636800L; // 2013-07-01
        long span = 700L * 24 * 3600;
        for (String kind : kinds) {
            String id = commentId(r);
            String truth, content, sub;
            double difficulty;
            String author;
            switch (kind) {
                case "spam" -> {
                    content = SPAM[r.nextInt(SPAM.length)];
                    truth = "spam";
                    sub = content.contains("{url}") ? "spam-link" : "spam-promo";
                    difficulty = 0.08;
                    author = r.nextDouble() < 0.35 ? SPAM_NAMES[r.nextInt(SPAM_NAMES.length)] : person(r);
                }
                case "ham" -> {
                    String opener = HAM_OPENERS[r.nextInt(HAM_OPENERS.length)];
                    String body = HAM[r.nextInt(HAM.length)];
                    content = opener.isEmpty() ? body : opener + Character.toLowerCase(body.charAt(0)) + body.substring(1);
                    truth = "not_spam";
                    sub = "reaction";
                    difficulty = 0.05;
                    author = person(r);
                }
                default -> {
                    String[] a = AMBIGUOUS[r.nextInt(AMBIGUOUS.length)];
                    sub = a[0];
                    truth = a[1];
                    content = a[2];
                    difficulty = switch (sub) {
                        case "on-topic-promo", "follow-back", "lyrics-link" -> 0.7;
                        case "emoji-only", "like-bait" -> 0.55;
                        default -> 0.35;
                    };
                    author = person(r);
                }
            }
            content = vary(content, r);
            boolean noDate = r.nextDouble() < 0.03; // some rows in the real data have no date
            String date = noDate ? "" : java.time.LocalDateTime
                    .ofEpochSecond(start + (long) (r.nextDouble() * span), 0, java.time.ZoneOffset.UTC).toString();
            if (date.length() == 16) {
                date += ":00";
            }
            // CLASS is left empty: labelers must not see the answer. A dataset release writes the consensus code
            // into this column (labelColumn=CLASS), so the lab code loads it unchanged; the truth is in truth.csv.
            rows.add(csv(id, author, date, content, ""));
            items.add(new Item(id, truth, sub, difficulty, attrs("author", author)));
        }
        write(dir.resolve("comments.csv"), rows);

        Tendency tendency = (who, it, rr) -> {
            String k = it.kind();
            switch (who) {
                case "alice": // strict: anything that smells of engagement farming is spam to her
                    if ((k.equals("like-bait") || k.equals("first")) && rr.nextDouble() < 0.5) {
                        return "spam";
                    }
                    break;
                case "bob": // lenient: on-topic self-promotion is "just a fan"
                    if ((k.equals("on-topic-promo") || k.equals("lyrics-link")) && rr.nextDouble() < 0.65) {
                        return "not_spam";
                    }
                    if (k.equals("follow-back") && rr.nextDouble() < 0.4) {
                        return "not_spam";
                    }
                    break;
                case "carol": // no words, no meaning: emoji-only reads as bot spam to her
                    if (k.equals("emoji-only") && rr.nextDouble() < 0.5) {
                        return "spam";
                    }
                    break;
                case "dave": // skims: a link is spam, no link is not
                    if (k.equals("on-topic-promo") && !it.str("author").isEmpty() && rr.nextDouble() < 0.35) {
                        return "not_spam";
                    }
                    break;
                default:
                    break;
            }
            return null;
        };
        Confusion confusion = (it, rr) -> it.truth().equals("spam") ? "not_spam" : "spam";
        List<String[]> labels = simulate(items, 3, r, tendency, confusion);
        finish(slug, items, labels, null);
        projectJson(slug, "YouTube comment spam", "row",
                List.of(new String[] {"spam", "1"}, new String[] {"not_spam", "0"}),
                "comments.csv", "COMMENT_ID", "CONTENT", null, "CLASS");
    }

    static String person(Random r) {
        double u = r.nextDouble();
        if (u < 0.3) {
            return HANDLES[r.nextInt(HANDLES.length)] + (r.nextDouble() < 0.4 ? String.valueOf(r.nextInt(100)) : "");
        }
        return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
    }

    /** Small surface variation so repeated templates are not byte-identical. */
    static String vary(String s, Random r) {
        if (s.contains("{url}")) {
            String[] paths = {"free-gift", "win", "sub4sub", "promo", "watch?v=", "deal", "music/mixtape", "go", "lyrics", "remix"};
            String p = s.startsWith("Lyrics") ? "lyrics" : s.contains("remix") ? "remix"
                    : paths[r.nextInt(paths.length - 2)];
            s = s.replace("{url}", "http://example.com/" + p + (p.endsWith("=") ? "" : "/") + Long.toString(Math.abs(r.nextLong()) % 1_000_000L, 36));
        }
        if (s.chars().allMatch(c -> c > 0x2000 || Character.isSurrogate((char) c))) {
            return s; // emoji-only stays as it is
        }
        double u = r.nextDouble();
        if (u < 0.15) {
            s = s.toLowerCase(Locale.ROOT);
        } else if (u < 0.22) {
            s = s + " " + new String[] {"❤", "😍", "lol", ":D", "!!!", "👍"}[r.nextInt(6)];
        } else if (u < 0.27) {
            s = s + "\n" + new String[] {"Greetings from Brazil", "Thumbs up, guys", "Anyone else?", "P.S. love you all"}[r.nextInt(4)];
        }
        return s;
    }

    /** Opaque ids shaped like the dataset's: "z1" followed by 31 [a-z0-9] characters. */
    static String commentId(Random r) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("z1");
        sb.append("23ghjmnps".charAt(r.nextInt(9)));
        while (sb.length() < 33) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ same-person

    static final String[][] NICKNAMES = {{"Robert", "Bob"}, {"William", "Bill"}, {"Elizabeth", "Liz"}, {"Katherine", "Kate"},
        {"Michael", "Mike"}, {"Jennifer", "Jen"}, {"Alexander", "Alex"}, {"Margaret", "Peggy"}, {"Richard", "Dick"},
        {"Susan", "Sue"}, {"Joseph", "Joe"}, {"Christopher", "Chris"}};
    static final String[] CITIES = {"Springfield", "Portland", "Austin", "Columbus", "Madison", "Salem", "Fairview", "Georgetown",
        "Riverside", "Franklin", "Clinton", "Greenville"};
    static final String[] DOMAINS = {"example.com", "example.org", "example.net", "mail.example.com"};

    void samePerson() {
        String slug = "same-person";
        Random r = rng(slug);
        Path dir = out.resolve(slug);
        // kind -> truth under the guide's rule ladder: incompatible first names -> different;
        // else same email -> same; else same city -> same; else different.
        String[][] kinds = {
            {"exact", "same", "14"}, {"format", "same", "16"}, {"typo", "same", "16"}, {"nickname-same-email", "same", "12"},
            {"nickname-other-email", "same", "10"}, {"moved", "same", "10"}, {"initial", "same", "8"},
            {"unrelated", "different", "24"}, {"common-name", "different", "14"}, {"family", "different", "14"},
            {"shared-email", "different", "6"}, {"same-name-same-city", "same", "6"}};
        List<String[]> plan = new ArrayList<>();
        for (String[] k : kinds) {
            for (int i = 0; i < Integer.parseInt(k[2]); i++) {
                plan.add(k);
            }
        }
        Collections.shuffle(plan, r);
        List<String> rows = new ArrayList<>(List.of("pair_id,name_a,email_a,city_a,name_b,email_b,city_b"));
        List<Item> items = new ArrayList<>();
        String[] lasts = {"Smith", "Johnson", "Garcia", "Lee", "Brown", "Martin", "Okafor", "Kowalski", "Nguyen", "Rossi",
            "Schneider", "Haddad", "Fischer", "Novak", "Moreau"};
        String[] firsts = {"Anna", "David", "Laura", "James", "Maria", "Peter", "Sara", "Thomas", "Nora", "Paul", "Helen", "Omar"};
        for (int i = 0; i < plan.size(); i++) {
            String key = String.format("p-%04d", i + 1);
            String kind = plan.get(i)[0];
            String truth = plan.get(i)[1];
            String[] nick = NICKNAMES[r.nextInt(NICKNAMES.length)];
            boolean useNick = kind.startsWith("nickname");
            String first = useNick ? nick[0] : firsts[r.nextInt(firsts.length)];
            String last = lasts[r.nextInt(lasts.length)];
            String city = CITIES[r.nextInt(CITIES.length)];
            String domain = DOMAINS[r.nextInt(DOMAINS.length)];
            String nameA = first + " " + last, emailA = email(first, last, domain, r), cityA = city;
            String nameB = nameA, emailB = emailA, cityB = cityA;
            double difficulty = 0.1;
            switch (kind) {
                case "exact" -> { }
                case "format" -> {
                    nameB = last.toUpperCase(Locale.ROOT) + ", " + first;
                    emailB = emailA.toUpperCase(Locale.ROOT);
                    difficulty = 0.15;
                }
                case "typo" -> {
                    nameB = typo(nameA, r);
                    difficulty = 0.25;
                }
                case "nickname-same-email" -> {
                    nameB = nick[1] + " " + last;
                    difficulty = 0.3;
                }
                case "nickname-other-email" -> {
                    nameB = nick[1] + " " + last;
                    emailB = email(nick[1], last, otherDomain(domain, r), r);
                    difficulty = 0.7;
                }
                case "moved" -> {
                    cityB = otherCity(city, r);
                    difficulty = 0.45;
                }
                case "initial" -> {
                    nameB = first.charAt(0) + ". " + last;
                    difficulty = 0.4;
                }
                case "unrelated" -> {
                    String f2 = firsts[r.nextInt(firsts.length)], l2 = lasts[r.nextInt(lasts.length)];
                    nameB = f2 + " " + l2;
                    emailB = email(f2, l2, DOMAINS[r.nextInt(DOMAINS.length)], r);
                    cityB = CITIES[r.nextInt(CITIES.length)];
                    difficulty = 0.05;
                }
                case "common-name" -> {
                    emailB = email(first, last, otherDomain(domain, r), r) .replace("@", r.nextInt(90) + 10 + "@");
                    cityB = otherCity(city, r);
                    difficulty = 0.65;
                }
                case "family" -> {
                    String f2 = firsts[r.nextInt(firsts.length)];
                    while (f2.equals(first)) {
                        f2 = firsts[r.nextInt(firsts.length)];
                    }
                    nameB = f2 + " " + last;
                    emailB = email(f2, last, domain, r);
                    difficulty = 0.4;
                }
                case "shared-email" -> {
                    String f2 = firsts[r.nextInt(firsts.length)];
                    while (f2.equals(first)) {
                        f2 = firsts[r.nextInt(firsts.length)];
                    }
                    nameB = f2 + " " + last;
                    emailA = "the" + last.toLowerCase(Locale.ROOT) + "s@" + domain;
                    emailB = emailA;
                    difficulty = 0.75;
                }
                default -> { // same-name-same-city: a second account of the same person
                    emailB = email(first, last, otherDomain(domain, r), r).replace("@", "." + (1970 + r.nextInt(35)) + "@");
                    difficulty = 0.75;
                }
            }
            rows.add(csv(key, nameA, emailA, cityA, nameB, emailB, cityB));
            items.add(new Item(key, truth, kind, difficulty, attrs()));
        }
        write(dir.resolve("pairs.csv"), rows);

        Tendency tendency = (who, it, rr) -> {
            String k = it.kind();
            switch (who) {
                case "bob": // names must match: nicknames and initials are "different"
                    if ((k.startsWith("nickname") || k.equals("initial")) && rr.nextDouble() < 0.5) {
                        return "different";
                    }
                    if (k.equals("same-name-same-city") && rr.nextDouble() < 0.5) {
                        return "different";
                    }
                    break;
                case "carol": // over-merges: same name is the same person
                    if ((k.equals("common-name") || k.equals("family")) && rr.nextDouble() < 0.45) {
                        return "same";
                    }
                    break;
                case "dave": // trusts the email above everything
                    if (k.equals("shared-email") && rr.nextDouble() < 0.6) {
                        return "same";
                    }
                    if (k.equals("moved") && rr.nextDouble() < 0.3) {
                        return "different";
                    }
                    break;
                default:
                    break;
            }
            return null;
        };
        Confusion confusion = (it, rr) -> it.truth().equals("same") ? "different" : "same";
        List<String[]> labels = simulate(items, 3, r, tendency, confusion);
        finish(slug, items, labels, null);
        projectJson(slug, "Same person? (user-record pairs)", "row",
                List.of(new String[] {"same", "1"}, new String[] {"different", "0"}),
                "pairs.csv", "pair_id", null, null);
    }

    static String email(String first, String last, String domain, Random r) {
        String f = first.toLowerCase(Locale.ROOT), l = last.toLowerCase(Locale.ROOT);
        return switch (r.nextInt(3)) {
            case 0 -> f + "." + l + "@" + domain;
            case 1 -> f.charAt(0) + l + "@" + domain;
            default -> f + l.charAt(0) + "@" + domain;
        };
    }

    static String otherDomain(String d, Random r) {
        String o = d;
        while (o.equals(d)) {
            o = DOMAINS[r.nextInt(DOMAINS.length)];
        }
        return o;
    }

    static String otherCity(String c, Random r) {
        String o = c;
        while (o.equals(c)) {
            o = CITIES[r.nextInt(CITIES.length)];
        }
        return o;
    }

    static String typo(String s, Random r) {
        int i = 1 + r.nextInt(s.length() - 2);
        while (s.charAt(i) == ' ' || s.charAt(i + 1) == ' ') {
            i = 1 + r.nextInt(s.length() - 2);
        }
        return r.nextBoolean()
                ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2) // swap
                : s.substring(0, i) + s.substring(i + 1); // drop
    }

    // ------------------------------------------------------------------ output helpers

    void projectJson(String slug, String name, String modality, List<String[]> labels, String examples,
                     String keyColumn, String textColumn, String metadata) {
        projectJson(slug, name, modality, labels, examples, keyColumn, textColumn, metadata, null);
    }

    /** {@code hiddenColumns}: columns labelers must not see (comma-separated), e.g. the course CSV's CLASS, the answer. */
    void projectJson(String slug, String name, String modality, List<String[]> labels, String examples,
                     String keyColumn, String textColumn, String metadata, String hiddenColumns) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"slug\": ").append(json(slug)).append(",\n");
        sb.append("  \"name\": ").append(json(name)).append(",\n");
        sb.append("  \"modality\": ").append(json(modality)).append(",\n");
        sb.append("  \"labels\": [\n");
        for (int i = 0; i < labels.size(); i++) {
            sb.append("    {\"name\": ").append(json(labels.get(i)[0])).append(", \"code\": ").append(json(labels.get(i)[1]))
                    .append(i < labels.size() - 1 ? "},\n" : "}\n");
        }
        sb.append("  ],\n");
        sb.append("  \"overlap\": 3,\n");
        sb.append("  \"agreementThreshold\": 0.67,\n");
        sb.append("  \"guide\": ").append(json(slug + ".md")).append(",\n");
        sb.append("  \"examples\": ").append(json(examples)).append(",\n");
        sb.append("  \"keyColumn\": ").append(json(keyColumn)).append(",\n");
        sb.append("  \"textColumn\": ").append(json(textColumn)).append(",\n");
        if (hiddenColumns != null) sb.append("  \"hiddenColumns\": ").append(json(hiddenColumns)).append(",\n");
        sb.append("  \"demoLabels\": \"demo-labels.csv\",\n");
        sb.append("  \"metadata\": ").append(json(metadata)).append("\n");
        sb.append("}");
        write(out.resolve(slug).resolve("project.json"), List.of(sb.toString()));
    }

    static String json(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes. */
    static String csv(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i] == null ? "" : fields[i];
            if (i > 0) {
                sb.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    void write(Path p, List<String> lines) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void recreate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(dir);
    }

    static void addN(List<String> list, String v, int n) {
        for (int i = 0; i < n; i++) {
            list.add(v);
        }
    }
}
