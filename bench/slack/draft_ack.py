#!/usr/bin/env python3
"""Acknowledgement latency of POST /slack/commands: N signed /draft requests from U users, all
sent at once (one thread each), against a running `sera serve`. Prints p50/p95/p99/max and the
status counts. Standard library only."""
import hashlib, hmac, http.client, os, sys, threading, time, urllib.parse, uuid

port = int(sys.argv[1]); secret = sys.argv[2].encode()
total = int(os.environ.get("REQUESTS", "200")); users = int(os.environ.get("USERS", "20"))
team = "TB" + uuid.uuid4().hex[:8].upper()
start = threading.Barrier(total)
results = []; lock = threading.Lock()

def one(i):
    body = urllib.parse.urlencode({
        "team_id": team, "channel_id": "CBENCH", "user_id": f"U{i % users}",
        "command": "/draft", "text": f"sleep hygiene {i}", "trigger_id": uuid.uuid4().hex,
    }).encode()
    stamp = str(int(time.time()))
    sig = "v0=" + hmac.new(secret, b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.connect()
    start.wait()
    began = time.perf_counter()
    conn.request("POST", "/slack/commands", body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": sig})
    status = conn.getresponse().status
    elapsed = (time.perf_counter() - began) * 1000
    with lock:
        results.append((elapsed, status))

threads = [threading.Thread(target=one, args=(i,)) for i in range(total)]
for t in threads: t.start()
for t in threads: t.join()
lat = sorted(r[0] for r in results)
def pct(p): return lat[min(len(lat) - 1, int(round(p / 100 * len(lat) + 0.5)) - 1)]
codes = {}
for _, s in results: codes[s] = codes.get(s, 0) + 1
print(f"requests={len(lat)} users={users} statuses={codes}")
print(f"p50={pct(50):.1f}ms p95={pct(95):.1f}ms p99={pct(99):.1f}ms max={lat[-1]:.1f}ms")
