#!/usr/bin/env python3
"""Acknowledgement latency of POST /slack/commands: N signed /draft requests from U users, all
sent at once, against a running `sera serve`. Prints p50/p95/p99/max and the status counts.

Python signs the requests; one `curl --parallel` process sends them, so the load comes from
libcurl's event loop rather than from Python threads taking turns on the interpreter lock, which
added up to 200 ms of client-side wait to the figures. A warm-up burst from other users first
lets the server open its database and Redis connections, as a server in service has them open.
Each latency is curl's `time_total`: connect, send, and the whole answer."""
import hashlib, hmac, os, resource, subprocess, sys, tempfile, time, urllib.parse, uuid

port = int(sys.argv[1]); secret = sys.argv[2].encode()
total = int(os.environ.get("REQUESTS", "200")); users = int(os.environ.get("USERS", "20"))
warmup = int(os.environ.get("WARMUP", "40"))
team = "TB" + uuid.uuid4().hex[:8].upper()


def config_entry(i, user):
    body = urllib.parse.urlencode({
        "team_id": team, "channel_id": "CBENCH", "user_id": user,
        "command": "/draft", "text": f"sleep hygiene {i}", "trigger_id": uuid.uuid4().hex,
    })
    stamp = str(int(time.time()))
    sig = "v0=" + hmac.new(
        secret, b"v0:" + stamp.encode() + b":" + body.encode(), hashlib.sha256).hexdigest()
    return "\n".join([
        f'url = "http://127.0.0.1:{port}/slack/commands"',
        f'data-raw = "{body}"',
        'header = "Content-Type: application/x-www-form-urlencoded"',
        f'header = "X-Slack-Request-Timestamp: {stamp}"',
        f'header = "X-Slack-Signature: {sig}"',
        'output = "/dev/null"',
        'max-time = 10',
        'write-out = "%{urlnum} %{http_code} %{time_total}\\n"',
    ])


def burst(count, user_of):
    users_in_order = [user_of(i) for i in range(count)]
    entries = [config_entry(i, user) for i, user in enumerate(users_in_order)]
    with tempfile.NamedTemporaryFile("w", suffix=".curl") as config:
        config.write("\nnext\n".join(entries) + "\n")
        config.flush()
        out = subprocess.run(
            ["curl", "--silent", "--parallel", "--parallel-immediate",
             "--parallel-max", str(count), "--config", config.name],
            check=False, capture_output=True, text=True).stdout
    results = []
    for line in out.splitlines():
        index, code, seconds = line.split()
        results.append((float(seconds) * 1000, int(code), users_in_order[int(index)]))
    return results


warm = burst(warmup, lambda i: f"W{i}") if warmup else []
before = resource.getrusage(resource.RUSAGE_CHILDREN)
results = burst(total, lambda i: f"U{i % users}")
after = resource.getrusage(resource.RUSAGE_CHILDREN)
client_cpu_ms = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
lat = sorted(r[0] for r in results)
def pct(p): return lat[min(len(lat) - 1, int(round(p / 100 * len(lat) + 0.5)) - 1)]
codes, accepted = {}, {}
for _, status, user in results:
    codes[status] = codes.get(status, 0) + 1
    accepted[user] = accepted.get(user, 0) + (status == 200)
print(f"requests={len(lat)} users={users} statuses={codes} "
      f"accepted per user: min={min(accepted.values())} max={max(accepted.values())}")
accepted_total = sum(1 for _, status, _ in warm + results if status == 200)
print(f"accepted_total={accepted_total} (warm-up included)")
print(f"p50={pct(50):.1f}ms p95={pct(95):.1f}ms p99={pct(99):.1f}ms max={lat[-1]:.1f}ms "
      f"(curl used {client_cpu_ms:.0f} ms of CPU on this machine's {os.cpu_count()} cores)")
