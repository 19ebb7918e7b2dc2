"""Write load for the crash test: setup (users, project, examples), load (8 labelers labeling
and an SME resolving disagreements and releasing dataset versions until the server dies, each
logging what the server acknowledged), verify (every acknowledged label, resolution and dataset
version is stored, the version's files byte-identical to its manifest's SHA-256, and a new
release after the restart works). Python standard library only."""
import base64, hashlib, json, os, sys, threading, time, urllib.error, urllib.request

ADMIN = ("admin", "crash-test-admin")
PASSWORD = "crash-test-labeler"
LABELERS = [f"crash{i}" for i in range(8)]
SME = "crash-sme"
SLUG = "crash-test"


def call(base, method, path, auth, body=None, content_type="application/json", raw=False):
    """auth is (user, password) for HTTP Basic, or a token string for Bearer (no bcrypt per request)."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    if isinstance(auth, str):
        req.add_header("Authorization", "Bearer " + auth)
    else:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    if data is not None:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=30) as resp:
        text = resp.read()
        if raw or resp.headers.get_content_type() != "application/json":
            return resp.status, text
        return resp.status, (json.loads(text) if text else None)


def setup(base, work):
    tokens = {}
    for name in LABELERS:
        call(base, "POST", "/api/users", ADMIN, {"username": name, "password": PASSWORD, "roles": ["LABELER"]})
        tokens[name] = call(base, "POST", "/api/me/tokens", (name, PASSWORD), {"name": "load"})[1]["token"]
    call(base, "POST", "/api/users", ADMIN, {"username": SME, "password": PASSWORD, "roles": ["SME"]})
    tokens[SME] = call(base, "POST", "/api/me/tokens", (SME, PASSWORD), {"name": "load"})[1]["token"]
    with open(os.path.join(work, "tokens.json"), "w") as f:
        json.dump(tokens, f)
    call(base, "POST", "/api/projects", ADMIN, {"slug": SLUG, "name": "Crash test", "modality": "text",
                                                 "labels": ["a", "b", "c"], "overlap": 2})
    rows = "id,text\n" + "".join(f"x{i},example {i}\n" for i in range(20000))
    boundary = "----concordcrash"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{rows}\r\n--{boundary}--\r\n").encode()
    status, result = call(base, "POST", f"/api/projects/{SLUG}/examples", ADMIN, body, f"multipart/form-data; boundary={boundary}")
    print("setup: imported", result["imported"])


def load(base, work):
    tokens = json.load(open(os.path.join(work, "tokens.json")))
    lock = threading.Lock()
    log = open(os.path.join(work, "acked.log"), "a", buffering=1)
    errors = {}

    def answered(e):
        """Counts an HTTP error; a 4xx (e.g. 409 when an example filled up meanwhile) is an answer
        to go on from, a 5xx is a failure to stop at."""
        with lock:
            errors[e.code] = errors.get(e.code, 0) + 1
        return e.code < 500

    def labeler(name, index):
        auth = tokens[name]
        n = 0
        while True:
            try:
                status, item = call(base, "GET", f"/api/projects/{SLUG}/queue/next", auth)
                if status == 204:
                    return
                value = "abc"[(n + index) % 3]
                status, _ = call(base, "PUT", f"/api/projects/{SLUG}/examples/{item['key']}/labels/me", auth,
                                 {"label": value})
                if status in (200, 201):
                    with lock:
                        log.write(f"{name},{item['key']},{value}\n")
                n += 1
            except urllib.error.HTTPError as e:
                if not answered(e):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                return

    sme_log = open(os.path.join(work, "sme.log"), "a", buffering=1)

    def sme():
        """Resolves open reviews and releases a dataset version about once a second."""
        auth = tokens[SME]
        last_release = 0
        resolved = 0
        while True:
            try:
                _, queue = call(base, "GET", f"/api/projects/{SLUG}/reviews?status=open", auth)
                for item in queue["items"][:5]:
                    try:
                        status, _ = call(base, "PUT", f"/api/projects/{SLUG}/reviews/{item['key']}/resolution", auth,
                                         {"label": "a", "rationale": "settled in the crash test", "version": item["version"]})
                        with lock:
                            sme_log.write(f"resolution,{item['key']},a\n")
                        resolved += 1
                    except urllib.error.HTTPError as e:
                        if not answered(e):
                            return
                if resolved and time.monotonic() - last_release > 1:
                    last_release = time.monotonic()
                    status, manifest = call(base, "POST", f"/api/projects/{SLUG}/datasets", auth,
                                            {"splits": {"train": 0.8, "test": 0.2}, "seed": 7})
                    files = ";".join(f"{name}={info['sha256']}" for name, info in manifest["files"].items())
                    with lock:
                        sme_log.write(f"dataset,{manifest['version']},{manifest['examples']},{files}\n")
                time.sleep(0.05)
            except urllib.error.HTTPError as e:
                if not answered(e):
                    return
                time.sleep(0.2)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                return

    threads = [threading.Thread(target=labeler, args=(name, i)) for i, name in enumerate(LABELERS)]
    threads.append(threading.Thread(target=sme))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("load: answers other than 2xx:", errors or "none")


def verify(base, work):
    acked = {}
    with open(os.path.join(work, "acked.log")) as f:
        for line in f:
            name, key, value = line.strip().split(",")
            acked[(name, key)] = value
    missing = 0
    for name in LABELERS:
        _, mine = call(base, "GET", f"/api/projects/{SLUG}/labels/me", (name, PASSWORD))
        stored = {(name, item["key"]): item["label"] for item in mine["items"]}
        for (who, key), value in acked.items():
            if who == name and stored.get((who, key)) != value:
                missing += 1
                print(f"MISSING {who} {key} {value}")
    print(f"verify: {len(acked)} acknowledged labels, {missing} missing after kill -9")

    auth = (SME, PASSWORD)
    resolutions, versions = {}, {}
    if os.path.exists(os.path.join(work, "sme.log")):
        with open(os.path.join(work, "sme.log")) as f:
            for line in f:
                kind, rest = line.strip().split(",", 1)
                if kind == "resolution":
                    key, label = rest.split(",")
                    resolutions[key] = label
                else:
                    version, examples, files = rest.split(",")
                    versions[int(version)] = (int(examples), dict(kv.split("=") for kv in files.split(";")))
    lost_resolutions = 0
    for key, label in resolutions.items():
        _, detail = call(base, "GET", f"/api/projects/{SLUG}/reviews/{key}", auth)
        if detail["review"]["status"] != "resolved" or detail["review"]["resolution"] != label:
            lost_resolutions += 1
            print(f"MISSING resolution {key} {label}: {detail['review']['status']} {detail['review']['resolution']}")
    print(f"verify: {len(resolutions)} acknowledged resolutions, {lost_resolutions} missing after kill -9")

    lost_versions = 0
    _, listed = call(base, "GET", f"/api/projects/{SLUG}/datasets", auth)
    stored = {m["version"]: m for m in listed["items"]}
    for version, (examples, files) in versions.items():
        m = stored.get(version)
        if m is None or m["examples"] != examples:
            lost_versions += 1
            print(f"MISSING dataset version {version} ({examples} examples): {m and m['examples']}")
            continue
        for name, sha in files.items():
            _, body = call(base, "GET", f"/api/projects/{SLUG}/datasets/{version}/{name}", auth, raw=True)
            if hashlib.sha256(body).hexdigest() != sha:
                lost_versions += 1
                print(f"CHANGED dataset version {version} {name}")
    # Releasing after the restart works, past whatever the crash interrupted.
    _, manifest = call(base, "POST", f"/api/projects/{SLUG}/datasets", auth, {"splits": {"train": 0.8, "test": 0.2}, "seed": 7})
    newest = max(stored) if stored else 0
    print(f"verify: {len(versions)} acknowledged dataset versions, {lost_versions} missing or changed; "
          f"a release after the restart is version {manifest['version']} (newest before: {newest})")
    ok = manifest["version"] == newest + 1
    if len(acked) < 50 or len(resolutions) < 3 or len(versions) < 1:
        print("FAIL: too little was acknowledged before the kill to prove anything")
        sys.exit(1)
    sys.exit(1 if missing or lost_resolutions or lost_versions or not ok else 0)


if __name__ == "__main__":
    {"setup": setup, "load": load, "verify": verify}[sys.argv[1]](sys.argv[2], sys.argv[3])
