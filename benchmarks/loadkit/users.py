"""Simulated users: each opens one page of the mix, then every `think` seconds (± jitter) either
changes one of the page's choices (a selectbox or radio, picked at random) or follows a navigation
link to another page of the mix, the way a resident or councillor clicks around.

A user whose socket breaks (timeout, disconnect) opens a new tab, as a browser's reconnect would, at
most `reconnects` times. Every rerun is recorded, errors included; nothing is retried silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.loadkit.tab import Rerun, Tab

BROKEN = {"timeout", "disconnect", "send_error", "cache_miss"}


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    base: str = ""


@dataclass(frozen=True)
class Plan:
    paths: tuple[str, ...]  # the mix: user i starts on paths[i % len]
    sessions: int
    duration: float  # from the first user's start; no rerun starts after it
    ramp: float = 0.0  # users start evenly over this many seconds
    think: float = 10.0
    jitter: float = 0.5  # think time uniform in think × (1 ± jitter)
    navigate: float = 0.2  # share of actions that move to another page of the mix
    timeout: float = 60.0
    reconnects: int = 3
    seed: int = 1


@dataclass
class Outcome:
    reruns: list[Rerun] = field(default_factory=list)
    connect_errors: list[str] = field(default_factory=list)
    open_tabs: int = 0


def _url_path(path: str) -> str:
    return urllib.parse.urlsplit(path).path.strip("/")


async def _pause(seconds: float, stop: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), max(0.0, seconds))


async def user(
    idx: int,
    target: Target,
    plan: Plan,
    t0: float,
    out: Outcome,
    stop: asyncio.Event,
    make_tab: Callable[..., Tab] = Tab,
) -> None:
    rng = random.Random(plan.seed * 100_003 + idx)
    path = plan.paths[idx % len(plan.paths)]
    await _pause(t0 + plan.ramp * idx / max(1, plan.sessions) - time.perf_counter(), stop)
    end = t0 + plan.duration
    for _ in range(plan.reconnects + 1):
        if stop.is_set() or time.perf_counter() >= end:
            return
        tab = make_tab(target.host, target.port, target.base, path, timeout=plan.timeout)
        try:
            await asyncio.wait_for(tab.open(), plan.timeout)
        except Exception as e:  # a refused or slow connection is this user's error, recorded
            out.connect_errors.append(f"user {idx}: {e!r}")
            await tab.close()
            await _pause(1.0, stop)
            continue
        out.open_tabs += 1
        try:
            if not await _act(idx, tab, plan, rng, end, out, stop):
                return
        finally:
            out.open_tabs -= 1
            await tab.close()


async def _act(
    idx: int, tab: Tab, plan: Plan, rng: random.Random, end: float, out: Outcome, stop: asyncio.Event
) -> bool:
    """Load, then act until the end. True if the tab broke and the user should reconnect."""
    first = True
    current = _url_path(tab.path)
    while not stop.is_set():
        kind = "load"
        if not first:
            await _pause(plan.think * rng.uniform(1 - plan.jitter, 1 + plan.jitter), stop)
            if stop.is_set() or time.perf_counter() >= end:
                return False
            kind, current = _next_action(tab, plan, rng, current)
        rec = await tab.rerun(Rerun(session=idx, page=current or "home", kind=kind), first=first)
        out.reruns.append(rec)
        first = False
        if rec.status in BROKEN:
            return True
    return False


def _next_action(tab: Tab, plan: Plan, rng: random.Random, current: str) -> tuple[str, str]:
    """(kind of action, page shown after it)."""
    others = sorted({_url_path(p) for p in plan.paths} - {current})
    if others and rng.random() < plan.navigate:
        choice = rng.choice(others)
        if tab.go_to(choice or _default_page(tab)):
            return "navigate", choice
    return ("interact" if tab.choose_change(rng) is not None else "rerun"), current


def _default_page(tab: Tab) -> str:
    return next((p for p in tab.pages if p in ("", "home")), "")


async def drive(
    target: Target, plan: Plan, stop: asyncio.Event | None = None, make_tab: Callable[..., Tab] = Tab
) -> tuple[Outcome, float]:
    """Run every user of the plan; returns what happened and the start time (perf_counter). `make_tab`
    makes each user's tab (a recording tab, for the replay benchmark)."""
    stop = stop or asyncio.Event()
    out = Outcome()
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(user(i, target, plan, t0, out, stop, make_tab)) for i in range(plan.sessions)]
    hard_limit = plan.duration + 2 * plan.timeout + 30  # a stuck socket cannot keep the run going
    _, pending = await asyncio.wait(tasks, timeout=hard_limit)
    stop.set()
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return out, t0
