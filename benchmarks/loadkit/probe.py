"""What is sampled from the machine during a load run: server CPU time and resident memory (from
/proc, summed over the server processes), this client's CPU, and the load average.

CPU is read as cumulative utime + stime, so CPU per rerun over a window is exact (not an average of
1-second percentages). Memory is resident set size (VmRSS). Linux only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from dataclasses import dataclass, field

CLK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process, in seconds (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(rest[11]) + int(rest[12])) / CLK


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies over all cores since boot."""
    with open("/proc/stat") as f:
        vals = [int(x) for x in f.readline().split()[1:9]]
    return sum(vals) - vals[3] - vals[4], sum(vals)


@dataclass
class Sample:
    t: float  # perf_counter
    cpu_s: float  # cumulative server CPU seconds, all server processes
    rss_mb: float  # summed over server processes
    client_cpu_s: float
    load1: float
    busy_pct: float  # whole machine, both cores, since the previous sample


@dataclass
class Sampler:
    """Samples every `interval` seconds until stopped; `samples` grows as it goes."""

    pids: list[int]
    interval: float = 1.0
    samples: list[Sample] = field(default_factory=list)

    def take(self, prev: tuple[int, int]) -> tuple[Sample, tuple[int, int]]:
        busy = machine_busy()
        pct = 100.0 * (busy[0] - prev[0]) / max(1, busy[1] - prev[1])
        sample = Sample(
            t=time.perf_counter(),
            cpu_s=sum(cpu_seconds(p) for p in self.pids),
            rss_mb=sum(rss_mb(p) for p in self.pids),
            client_cpu_s=cpu_seconds(os.getpid()),
            load1=os.getloadavg()[0],
            busy_pct=round(pct, 1),
        )
        return sample, busy

    async def run(self, stop: asyncio.Event) -> None:
        prev = machine_busy()
        while True:
            sample, prev = self.take(prev)
            self.samples.append(sample)
            if stop.is_set():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.interval)

    def between(self, t0: float, t1: float) -> list[Sample]:
        return [s for s in self.samples if t0 <= s.t <= t1]
