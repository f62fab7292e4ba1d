#!/usr/bin/env python3
"""Run one command, measure its wall time and peak RSS, write them as JSON.

    measure.py --out RESULT.json [--name LABEL] [--timeout SECONDS] -- COMMAND [ARG...]

Wall time is taken from just before the process is spawned to its exit. Peak
RSS and CPU time come from the child's own rusage (os.wait4), so each tool's
numbers are its own (the same figures /usr/bin/time -v reports). If the child
prints lines "@mark NAME" on stdout, the time since spawn of each is recorded
too (peers.py uses this to time two clusterings made in one process). Other
stdout lines are passed through to stderr. The CPU seconds that the rest of
the machine used meanwhile (from /proc/stat) are recorded as a load caveat. A child still running after
--timeout seconds is killed (its process group) and the result says so.
Standard library only.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time


def read_loadavg():
    """The 1, 5 and 15 minute load averages (whole machine, other work too)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine_busy_s():
    """CPU seconds all processes of the machine have spent busy since boot."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal ...
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)
    return busy / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default=None, help="label for the stderr line")
    ap.add_argument("--timeout", type=float, default=1800.0)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")

    load_start = read_loadavg()
    busy_start = machine_busy_s()
    marks = {}
    timed_out = threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, start_new_session=True)

    def kill():
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(a.timeout, kill)
    timer.daemon = True
    timer.start()
    for raw in proc.stdout:
        now = time.perf_counter() - t0
        line = raw.decode("utf-8", "replace").rstrip("\n")
        if line.startswith("@mark "):
            marks[line[6:].strip()] = round(now, 4)
        else:
            sys.stderr.write(line + "\n")
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    busy_end = machine_busy_s()
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped

    result = {
        "name": a.name,
        "cmd": cmd,
        "wall_s": round(wall, 4),
        "user_s": round(ru.ru_utime, 4),
        "sys_s": round(ru.ru_stime, 4),
        "peak_rss_kb": ru.ru_maxrss,  # kilobytes on Linux
        "exit_code": proc.returncode,
        "timed_out": timed_out.is_set(),
        "marks": marks,
        "loadavg_start": load_start,
        "loadavg_end": read_loadavg(),
        # CPU seconds the rest of the machine used while this ran (busy time
        # of all cores minus this child's own CPU time): other work competing.
        "others_cpu_s": None
        if busy_start is None or busy_end is None
        else round(max(0.0, busy_end - busy_start - ru.ru_utime - ru.ru_stime), 2),
    }
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    sys.stderr.write(
        "measure: %s: %.2f s wall, %.2f s cpu, %.0f MB peak RSS, exit %s%s\n"
        % (
            a.name or os.path.basename(cmd[0]),
            wall,
            ru.ru_utime + ru.ru_stime,
            ru.ru_maxrss / 1024,
            proc.returncode,
            " (TIMED OUT)" if timed_out.is_set() else "",
        )
    )
    sys.exit(0 if proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
