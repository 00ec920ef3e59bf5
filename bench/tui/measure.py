#!/usr/bin/env python3
"""Runs seratui in a pseudo-terminal and measures what issue 5 asks for:

  first frame   seconds from exec to the first painted header
  idle CPU      CPU seconds / wall seconds over the idle window, from /proc/PID/stat
  bytes/refresh bytes the dashboard writes per refresh while the backend data stays the same
                (the average, the largest single refresh, and full clears after the first frame)
  Esc latency   seconds from a lone Esc (closing the help screen) to the first repainted byte

Usage: python3 bench/tui/measure.py [--idle SECONDS] [--bin PATH] [--url URL] [--token-file F]
Start the stack first (bash scripts/up.sh --no-tui); keep it idle while this runs.
"""
import argparse, os, pty, select, signal, struct, fcntl, termios, time

def read_some(fd, seconds):
    out = b""
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

def esc_latency(fd):
    """Opens help with ?, then seconds from a lone Esc to the first byte of the repaint."""
    os.write(fd, b"?")
    read_some(fd, 1.0)
    start = time.time()
    os.write(fd, b"\x1b")
    ready, _, _ = select.select([fd], [], [], 2.0)
    latency = time.time() - start if ready else None
    read_some(fd, 0.5)
    return latency

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release/seratui")
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("--token-file", default=".sera/token")
    parser.add_argument("--idle", type=float, default=300.0)
    parser.add_argument("--refresh", type=float, default=2.0)
    args = parser.parse_args()

    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    start = time.time()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args.bin, [args.bin, "--url", args.url, "--token-file", args.token_file,
                             "--refresh", str(args.refresh)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    first = None
    while time.time() - start < 10:
        seen += read_some(fd, 0.01)
        if b"Sera" in seen:
            first = time.time() - start
            break
    settle = read_some(fd, 5.0)  # the first data arrives and is painted
    cpu_before, wall_before = cpu_seconds(pid), time.time()
    # One window per refresh, so a single heavy repaint shows even when the average is small.
    windows = [read_some(fd, args.refresh) for _ in range(max(1, int(args.idle / args.refresh)))]
    idle_bytes = b"".join(windows)
    cpu = cpu_seconds(pid) - cpu_before
    wall = time.time() - wall_before
    refreshes = wall / args.refresh
    esc = esc_latency(fd)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    print(f"first frame:        {first * 1000:.0f} ms" if first else "first frame: not seen")
    print(f"idle CPU:           {cpu:.2f} s over {wall:.0f} s = {100 * cpu / wall:.2f} %")
    print(f"bytes written:      {len(idle_bytes)} over {refreshes:.0f} refreshes"
          f" = {len(idle_bytes) / refreshes:.0f} B/refresh (settle paint {len(settle)} B)")
    print(f"lone Esc to repaint: {esc * 1000:.0f} ms" if esc else "lone Esc: no repaint")
    print(f"largest refresh:    {max(len(w) for w in windows)} B")
    clears = idle_bytes.count(b"\x1b[2J")
    print(f"full clears:        {clears} (after the first frame)")

if __name__ == "__main__":
    main()
