"""Memory probe for a dashboard server under load: benchmark-only, never part of the app.

Put this folder on the server's PYTHONPATH and set MEMORY_PROBE_LOG=<file>; Python imports this
module at start-up and a daemon thread appends one JSON line every MEMORY_PROBE_EVERY seconds (30):
RSS, glibc malloc's in-use and free bytes (mallinfo2), threads, live sessions, the byte-bounded
caches' counted bytes, entries, hits, misses and drops, and every st.cache_resource/st.cache_data
function's entry count. Optional: MEMORY_PROBE_TYPES=1, the types whose live object count grew most
(gc.get_objects: it can break a page now and then, see _Probe._types); MEMORY_PROBE_TRACEMALLOC=N
(frames), tracemalloc's top growth by line; MEMORY_PROBE_CACHE_SCALE=x, every byte cache's limit
multiplied by x at the first sample (an experiment on the limits without editing the app).
Without MEMORY_PROBE_LOG it does nothing. How to run it: benchmarks/memory_soak.py. It measures; it
fixes nothing.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import sys
import threading
import time
from collections import Counter
from typing import Any


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _malloc() -> dict[str, float]:
    """glibc's heap: bytes in use by malloc's callers, free inside its arenas, and mmapped blocks."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    mb = 1024 * 1024
    return {
        "in_use_mb": info.uordblks / mb,
        "free_mb": info.fordblks / mb,
        "mmap_mb": info.hblkhd / mb,
        "arena_mb": info.arena / mb,
    }


def _status() -> dict[str, float]:
    out: dict[str, float] = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "Threads"):
                out[key] = int(value.split()[0]) / (1 if key == "Threads" else 1024)
    return out


def _streamlit_caches() -> dict[str, int]:
    out: dict[str, int] = {}
    for module_name, attr in (
        ("streamlit.runtime.caching.cache_resource_api", "_resource_caches"),
        ("streamlit.runtime.caching.cache_data_api", "_data_caches"),
    ):
        module = sys.modules.get(module_name)
        holder = getattr(module, attr, None) if module else None
        for caches in list(getattr(holder, "_function_caches", {}).values()):
            for cache in list(caches.values()):
                name = f"{attr[1:4]}:{getattr(cache, 'display_name', '?')}"
                out[name] = out.get(name, 0) + len(getattr(cache, "_mem_cache", ()))
    return out


def _byte_caches() -> list[Any]:
    """The ByteBoundedCache objects Streamlit's resource caches hold (the charts and derived results),
    found through those caches rather than gc.get_objects() (see _Probe._types)."""
    module = sys.modules.get("streamlit.runtime.caching.cache_resource_api")
    holder = getattr(module, "_resource_caches", None) if module else None
    found = []
    for caches in list(getattr(holder, "_function_caches", {}).values()):
        for cache in list(caches.values()):
            for result in list(getattr(cache, "_mem_cache", {}).values()):
                value = getattr(result, "value", None)
                if type(value).__name__ == "ByteBoundedCache":
                    found.append(value)
    return found


def _sessions() -> int:
    runtime = sys.modules.get("streamlit.runtime.runtime")
    try:
        return len(runtime.Runtime.instance()._session_mgr.list_sessions())  # type: ignore[union-attr]
    except Exception:  # a probe: a runtime not yet started is fine
        return -1


def _type_name(o: object) -> str:
    kind = type(o)
    module = getattr(kind, "__module__", "?")
    return f"{module if isinstance(module, str) else '?'}.{kind.__qualname__}"  # some make it a property


class _Probe:
    def __init__(self, path: str, every: float, frames: int) -> None:
        self.path, self.every, self.frames = path, every, frames
        self.first_types: Counter[str] | None = None
        self.first_snapshot: Any = None
        self.started = time.monotonic()
        self.scale = float(os.environ.get("MEMORY_PROBE_CACHE_SCALE", "1"))
        self.scaled: set[int] = set()
        self.types = os.environ.get("MEMORY_PROBE_TYPES") == "1"

    def sample(self) -> dict[str, Any]:
        caches = _byte_caches()
        for cache in caches:  # an experiment: scale each byte cache's limit once (MEMORY_PROBE_CACHE_SCALE)
            if self.scale != 1 and id(cache) not in self.scaled:
                cache.max_bytes = int(cache.max_bytes * self.scale)
                self.scaled.add(id(cache))
        row: dict[str, Any] = {
            "t": round(time.monotonic() - self.started, 1),
            "pid": os.getpid(),
            **_status(),
            **_malloc(),
            "sessions": _sessions(),
            "byte_caches": [
                {
                    "max_mb": c.max_bytes / 2**20,
                    "mb": c.size / 2**20,
                    "entries": len(c),
                    **{k: getattr(c, k, None) for k in ("hits", "misses", "dropped")},
                }
                for c in caches
            ],
            "st_caches": _streamlit_caches(),
            "gc_counts": gc.get_count(),
        }
        if self.types:
            row.update(self._types())
        row.update(self._traced())
        return row

    def _types(self) -> dict[str, Any]:
        # gc.get_objects() from this thread can take a reference to a tuple another thread is still
        # building (tuple(generator) resizes it in place), which then fails with "SystemError: bad
        # argument to internal function": measured, 2-5 page errors in 10 minutes. Off by default.
        objects = gc.get_objects()
        types = Counter(_type_name(o) for o in objects)
        del objects
        if self.first_types is None:
            self.first_types = types
        growth = Counter({k: v - self.first_types.get(k, 0) for k, v in types.items()})
        return {"objects": sum(types.values()), "type_growth": growth.most_common(15)}

    def _traced(self) -> dict[str, Any]:
        import tracemalloc

        if not tracemalloc.is_tracing():
            return {}
        snapshot = tracemalloc.take_snapshot()
        if self.first_snapshot is None:
            self.first_snapshot = snapshot
        stats = snapshot.compare_to(self.first_snapshot, "lineno")[:15]
        return {
            "traced_mb": tracemalloc.get_traced_memory()[0] / 2**20,
            "traced_growth": [(str(s.traceback[0]), round(s.size_diff / 1024), s.count_diff) for s in stats],
        }

    def run(self) -> None:
        while True:
            time.sleep(self.every)
            try:
                row = self.sample()
            except Exception as error:  # keep probing; say what failed
                row = {"t": round(time.monotonic() - self.started, 1), "error": repr(error)}
            with open(self.path, "a") as f:
                f.write(json.dumps(row) + "\n")


def _start() -> None:
    path = os.environ.get("MEMORY_PROBE_LOG")
    if not path:  # given only to the server under test (load.py --variant ...,env:MEMORY_PROBE_LOG=...)
        return
    frames = int(os.environ.get("MEMORY_PROBE_TRACEMALLOC", "0"))
    if frames:
        import tracemalloc

        tracemalloc.start(frames)
    probe = _Probe(path, float(os.environ.get("MEMORY_PROBE_EVERY", "30")), frames)
    threading.Thread(target=probe.run, name="memory-probe", daemon=True).start()


_start()
