"""Queue benchmark: no-op throughput and enqueue-to-start latency with 1 and 2 `sera worker`
processes, worker RSS idle and under load, and worker ready time. Not a test: it prints figures.

Runs against the local stack (PostgreSQL 55432, Redis 56379) on a database and queue of its own.
"""
import json, os, secrets, statistics, subprocess, sys, time, urllib.request

BIN = os.environ.get("SERA_BIN_DIR", ".build/release")
PG = ["psql", "-h", "127.0.0.1", "-p", "55432", "-U", "seratonin", "-tA"]
REDIS = ["redis-cli", "-p", "56379"]
QUEUE = "bench_tasks_" + secrets.token_hex(4)
DB = "sera_bench_" + secrets.token_hex(4)
THROUGHPUT_TASKS = int(os.environ.get("BENCH_TASKS", "2000"))
LATENCY_TASKS = 200
LATENCY_RATE = 50  # tasks per second: well below capacity, so the figure is pure pickup delay


def sql(statement, db=DB):
    return subprocess.run(PG + ["-d", db, "-c", statement], check=True,
                          capture_output=True, text=True).stdout.strip()


def message(extra=None):
    task_id = secrets.token_hex(16)
    body = {"task_id": task_id, "task_name": "noop", "labels": {}, "labels_types": {},
            "args": [], "kwargs": extra or {}}
    return task_id, json.dumps(body, separators=(",", ":"))


def push(payloads):
    """LPUSHes payloads through redis-cli --pipe in the Redis protocol."""
    out = []
    for payload in payloads:
        parts = ["LPUSH", QUEUE, payload]
        out.append(f"*{len(parts)}\r\n")
        for part in parts:
            data = part.encode()
            out.append(f"${len(data)}\r\n{part}\r\n")
    subprocess.run(REDIS + ["--pipe"], input="".join(out).encode(), check=True,
                   capture_output=True)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_worker(port):
    env = dict(os.environ, POSTGRES_DB=DB, SERA_QUEUE_NAME=QUEUE, METRICS_PORT=str(port),
               SERA_LOG_LEVEL="error")
    started = time.monotonic()
    proc = subprocess.Popen([BIN + "/sera", "worker"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as reply:
                if reply.status == 200:
                    return proc, time.monotonic() - started
        except Exception:
            time.sleep(0.01)


def succeeded():
    return int(sql("SELECT count(*) FROM task_runs WHERE outcome = 'succeeded'"))


def run(workers):
    sql("TRUNCATE task_runs")
    procs = [start_worker(19100 + index) for index in range(workers)]
    time.sleep(2)
    idle = [rss_kb(proc.pid) for proc, _ in procs]

    push([message()[1] for _ in range(THROUGHPUT_TASKS)])
    peak = idle[:]
    # Polled twice a second only: each poll starts psql, whose CPU would be taken from the
    # worker. The rate comes from the database's own times, first start to last finish.
    while succeeded() < THROUGHPUT_TASKS:
        peak = [max(p, rss_kb(proc.pid)) for p, (proc, _) in zip(peak, procs)]
        time.sleep(0.5)
    span = float(sql("SELECT extract(epoch FROM max(finished_at) - min(started_at)) "
                     "FROM task_runs"))
    throughput = THROUGHPUT_TASKS / span

    sql("TRUNCATE task_runs")
    sent = {}
    for _ in range(LATENCY_TASKS):
        task_id, payload = message()
        sent[task_id] = time.time()
        push([payload])
        time.sleep(1 / LATENCY_RATE)
    while succeeded() < LATENCY_TASKS:
        time.sleep(0.05)
    rows = sql("SELECT task_id, extract(epoch FROM started_at) FROM task_runs")
    waits = sorted((float(line.split("|")[1]) - sent[line.split("|")[0]]) * 1000
                   for line in rows.splitlines() if line.split("|")[0] in sent)
    for proc, _ in procs:
        proc.terminate()
        proc.wait(timeout=40)
    return {
        "workers": workers, "slots_each": int(os.environ.get("SERA_WORKER_CONCURRENCY", "16")),
        "throughput_per_s": round(throughput),
        "latency_ms_p50": round(statistics.median(waits), 1),
        "latency_ms_p95": round(waits[int(len(waits) * 0.95) - 1], 1),
        "rss_idle_mb": [round(kb / 1024, 1) for kb in idle],
        "rss_load_mb": [round(kb / 1024, 1) for kb in peak],
        "ready_s": [round(ready, 3) for _, ready in procs],
    }


def main():
    sql(f"CREATE DATABASE {DB}", db="postgres")
    try:
        env = dict(os.environ, POSTGRES_DB=DB)
        subprocess.run([BIN + "/sera", "migrate", "up"], env=env, check=True,
                       capture_output=True)
        for workers in (1, 2):
            print(json.dumps(run(workers)), flush=True)
    finally:
        keys = subprocess.run(REDIS + ["--scan", "--pattern", QUEUE + "*"], text=True,
                              capture_output=True).stdout.split()
        for start in range(0, len(keys), 500):
            subprocess.run(REDIS + ["DEL"] + keys[start:start + 500], capture_output=True)
        sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", db="postgres")


if __name__ == "__main__":
    sys.exit(main())
