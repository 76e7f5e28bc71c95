# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""What a benchmark report says about the machine and the code it measured:
the commit, the CPU, and how busy the machine was (load averages and the
processes using the CPU), taken at the start and at the end of a run.
"""

import os
import subprocess
import time

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _git(repo, *args):
    try:
        done = subprocess.run(["git", "-C", repo, *args], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _cpu():
    """Model name, family and model numbers, and the vector extensions
    that decide which kernels run (the model name alone may say only
    "AMD EPYC")."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if not line.strip():
                    break  # the first processor is enough
                key, _, value = line.partition(":")
                fields[key.strip()] = value.strip()
    except OSError:
        return "unknown CPU"
    flags = set(fields.get("flags", "").split())
    vector = [f for f in ("avx2", "fma", "avx512f", "avx512_bf16",
                          "avx512_vnni", "amx_tile") if f in flags]
    if "avx512f" not in flags:
        vector.append("no avx512")
    return (f"{fields.get('model name', 'unknown CPU')} (family "
            f"{fields.get('cpu family', '?')}, model "
            f"{fields.get('model', '?')}; {' '.join(vector)})")


def _memory_gib():
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return None


def _cpu_ticks():
    """Maps pid to (command, user + system ticks) for every process."""
    ticks = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        # The command is in parentheses and may hold spaces.
        command = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        ticks[pid] = (command, int(fields[11]) + int(fields[12]))
    return ticks


def busy_processes(seconds=1.0, count=8):
    """The commands that used the most CPU over `seconds`, processes of one
    command added up: [(percent of one core, command, processes)], busiest
    first."""
    before = _cpu_ticks()
    time.sleep(seconds)
    after = _cpu_ticks()
    usage = {}
    for pid, (command, ticks) in after.items():
        if pid in before and before[pid][0] == command:
            percent = 100.0 * (ticks - before[pid][1]) / _CLOCK_TICKS / seconds
            if percent > 0:
                total, processes = usage.get(command, (0.0, 0))
                usage[command] = (total + percent, processes + 1)
    busiest = sorted(((round(p), c, n) for c, (p, n) in usage.items()),
                     reverse=True)
    return [entry for entry in busiest[:count] if entry[0] >= 1]


def snapshot():
    """How busy the machine is now."""
    return {"time_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
            "loadavg": list(os.getloadavg()),
            "busy_processes": busy_processes()}


def describe(repo):
    """The code and the machine, and how busy it is at the start."""
    status = _git(repo, "status", "--porcelain", "--untracked-files=no")
    return {"commit": _git(repo, "rev-parse", "HEAD"),
            "commit_subject": _git(repo, "log", "-1", "--format=%s"),
            "tree_modified": bool(status),
            "cpu": _cpu(),
            "cpus": os.cpu_count(),
            "memory_gib": _memory_gib(),
            "kernel": os.uname().release,
            "start": snapshot()}
