"""Label load for the crash test: setup (users, project, examples), load (8 labelers labeling
until the server dies, logging every acknowledged label), verify (every acknowledged label is
stored). Python standard library only."""
import base64, json, os, sys, threading, urllib.error, urllib.request

ADMIN = ("admin", "crash-test-admin")
PASSWORD = "crash-test-labeler"
LABELERS = [f"crash{i}" for i in range(8)]
SLUG = "crash-test"


def call(base, method, path, auth, body=None, content_type="application/json"):
    """auth is (user, password) for HTTP Basic, or a token string for Bearer (no bcrypt per request)."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    if isinstance(auth, str):
        req.add_header("Authorization", "Bearer " + auth)
    else:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    if data is not None:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=10) as resp:
        text = resp.read()
        return resp.status, (json.loads(text) if text else None)


def setup(base, work):
    tokens = {}
    for name in LABELERS:
        call(base, "POST", "/api/users", ADMIN, {"username": name, "password": PASSWORD, "roles": ["LABELER"]})
        tokens[name] = call(base, "POST", "/api/me/tokens", (name, PASSWORD), {"name": "load"})[1]["token"]
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
                # A 4xx (e.g. 409 when an example filled up meanwhile) is an answer, not a crash: go on.
                with lock:
                    errors[e.code] = errors.get(e.code, 0) + 1
                if e.code >= 500:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                return

    threads = [threading.Thread(target=labeler, args=(name, i)) for i, name in enumerate(LABELERS)]
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
    if len(acked) < 50:
        print("FAIL: too few labels were acknowledged before the kill to prove anything")
        sys.exit(1)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    {"setup": setup, "load": load, "verify": verify}[sys.argv[1]](sys.argv[2], sys.argv[3])
