"""Writes the benchmarks' seeded data as the files a user uploads (issue 25: benchmarks load through
the API, as a user would). N examples, 5 labelers; each example has a "true" class (skewed over
the 4 labels); each labeler gives it with probability 0.7, another label otherwise, "uncertain" 2%
of the time; each label is missing with probability 0.10 (about 900,000 labels for 200,000
examples). Each example's metadata (pictures) or column (rows) "camera" is line-1..4.

Usage: python3 labels_data.py OUT_DIR N image|text
  image: OUT_DIR/pictures-<k>.zip (at most 100,000 entries each, a tiny PNG per example; the
         same bytes, so the content-addressed store keeps one file), OUT_DIR/metadata.csv
  text:  OUT_DIR/examples.csv (id, text, camera)
  both:  OUT_DIR/labels.csv (example, labeler, label)
"""
import csv, random, struct, sys, zipfile, zlib

out, n, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
LABELS = ["scratch", "dent", "pit", "none"]
PRIOR = [0.2, 0.15, 0.1, 0.55]
random.seed(2024)


def draw():
    u, acc = random.random(), 0.0
    for label, p in zip(LABELS, PRIOR):
        acc += p
        if u < acc:
            return label
    return LABELS[-1]


def png():
    raw = b"".join(b"\x00" + bytes([40, 80, 120] * 4) for _ in range(4))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


keys = [f"ex{i}.png" if kind == "image" else f"ex{i}" for i in range(n)]
if kind == "image":
    picture = png()
    for part in range(0, n, 100000):
        with zipfile.ZipFile(f"{out}/pictures-{part // 100000}.zip", "w", zipfile.ZIP_STORED) as z:
            for key in keys[part:part + 100000]:
                z.writestr(key, picture)
    with open(f"{out}/metadata.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "camera"])
        for i, key in enumerate(keys):
            w.writerow([key, f"line-{1 + i % 4}"])
else:
    with open(f"{out}/examples.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "camera"])
        for i, key in enumerate(keys):
            w.writerow([key, f"example {i}", f"line-{1 + i % 4}"])
labels = 0
with open(f"{out}/labels.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["example", "labeler", "label"])
    for key in keys:
        truth = draw()
        for l in range(5):
            if random.random() < 0.10:
                continue
            u = random.random()
            w.writerow([key, f"bench-labeler-{l + 1}", "uncertain" if u < 0.02 else truth if u < 0.72 else draw()])
            labels += 1
print(f"data: {n} examples ({kind}), {labels} labels by 5 labelers")
