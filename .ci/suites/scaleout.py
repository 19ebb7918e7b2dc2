"""Two app instances on one PostgreSQL: labelers spread over both never break the overlap rule,
concurrent resolutions of one review through different instances conflict (one 200, one 409),
and concurrent dataset releases get distinct version numbers. Python standard library only."""
import base64, json, random, sys, threading, urllib.error, urllib.request

A, B = sys.argv[1], sys.argv[2]
ADMIN = ("admin", "scaleout-admin")
PASSWORD = "scaleout-labeler"
SLUG = "scaleout"
OVERLAP = 3
EXAMPLES = 120
LABELERS = [f"so{i}" for i in range(10)]


def call(base, method, path, auth, body=None, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    if isinstance(auth, str):
        req.add_header("Authorization", "Bearer " + auth)
    else:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    if data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read()
            return resp.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


tokens = {}
for name in LABELERS + ["sme1", "sme2"]:
    roles = ["SME"] if name.startswith("sme") else ["LABELER"]
    assert call(A, "POST", "/api/users", ADMIN, {"username": name, "password": PASSWORD, "roles": roles})[0] == 201
    tokens[name] = call(B, "POST", "/api/me/tokens", (name, PASSWORD), {"name": "so"})[1]["token"]
assert call(A, "POST", "/api/projects", ADMIN, {"slug": SLUG, "name": "Scale-out", "modality": "text",
                                                 "labels": ["a", "b"], "overlap": OVERLAP})[0] == 201
rows = "id,text\n" + "".join(f"s{i},text {i}\n" for i in range(EXAMPLES))
boundary = "----scaleout"
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
        f"Content-Type: text/csv\r\n\r\n{rows}\r\n--{boundary}--\r\n").encode()
assert call(B, "POST", f"/api/projects/{SLUG}/examples", ADMIN, body, f"multipart/form-data; boundary={boundary}")[0] == 201

done = {}
lock = threading.Lock()


def labeler(name):
    rnd = random.Random(name)
    n = 0
    while True:
        base = rnd.choice([A, B])
        status, item = call(base, "GET", f"/api/projects/{SLUG}/queue/next", tokens[name])
        if status == 204:
            break
        assert status == 200, (status, item)
        value = rnd.choice(["a", "b"])
        status, _ = call(rnd.choice([A, B]), "PUT", f"/api/projects/{SLUG}/examples/{item['key']}/labels/me", tokens[name], {"label": value})
        assert status in (200, 201), status
        n += 1
    with lock:
        done[name] = n


threads = [threading.Thread(target=labeler, args=(n,)) for n in LABELERS]
[t.start() for t in threads]
[t.join() for t in threads]
total = sum(done.values())
print(f"labelers on two instances stored {total} labels for {EXAMPLES} examples x overlap {OVERLAP}")
assert total == EXAMPLES * OVERLAP, total
status, project = call(A, "GET", f"/api/projects/{SLUG}", ADMIN)
assert project["counts"]["completeExamples"] == EXAMPLES, project["counts"]

# Concurrent resolutions of one review through the two instances.
status, queue = call(A, "GET", f"/api/projects/{SLUG}/reviews?status=open", tokens["sme1"])
key, version = queue["items"][0]["key"], queue["items"][0]["version"]
results = []
def resolve(base, sme, label):
    results.append(call(base, "PUT", f"/api/projects/{SLUG}/reviews/{key}/resolution", tokens[sme],
                        {"label": label, "rationale": "scale-out test", "version": version})[0])
ts = [threading.Thread(target=resolve, args=(A, "sme1", "a")), threading.Thread(target=resolve, args=(B, "sme2", "b"))]
[t.start() for t in ts]
[t.join() for t in ts]
print("concurrent resolutions through two instances:", sorted(results))
assert sorted(results) == [200, 409], results

# Concurrent dataset releases get distinct numbers.
versions = []
def release(base, sme):
    status, manifest = call(base, "POST", f"/api/projects/{SLUG}/datasets", tokens[sme], {"splits": {"train": 0.8, "test": 0.2}, "seed": 1})
    assert status == 201, (status, manifest)
    versions.append(manifest["version"])
ts = [threading.Thread(target=release, args=(A, "sme1")), threading.Thread(target=release, args=(B, "sme2"))]
[t.start() for t in ts]
[t.join() for t in ts]
print("concurrent releases got versions", sorted(versions))
assert sorted(versions) == [1, 2], versions
print("OK")
