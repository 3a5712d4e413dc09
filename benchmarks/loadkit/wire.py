"""The wire under a simulated tab: Streamlit's protobuf classes, a small HTTP GET that keeps cookies,
and the websocket connection a browser opens.

Why not a full HTTP client: a browser's first requests are three GETs (the page, /_stcore/health,
/_stcore/host-config) whose only effects we need are the status and the cookies a load balancer sets
for session affinity, so a few lines of asyncio do it without another dependency. Only plain http://
to loopback addresses is spoken (load tests here never leave the machine).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from dataclasses import dataclass, field
from typing import Any

# Streamlit's own protobuf classes: the messages a browser tab exchanges with the server. (Importing
# them imports Streamlit, ~1.5 s once per client process; a stub module would avoid that but would
# break any later `import streamlit` in the same process, such as a test run.)
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

__all__ = ["BackMsg", "ClientState", "ForwardMsg", "HttpReply", "check_loopback", "http_get", "open_websocket"]


def check_loopback(host: str) -> None:
    """Refuse any target that is not this machine."""
    if host == "localhost":
        return
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"load tests only target loopback addresses, not {host!r}")


@dataclass
class HttpReply:
    status: int
    headers: dict[str, list[str]] = field(default_factory=dict)

    def header(self, name: str) -> str:
        values = self.headers.get(name.lower(), [])
        return values[0] if values else ""


async def http_get(host: str, port: int, path: str, cookies: dict[str, str], timeout: float) -> HttpReply:
    """GET `path` (Connection: close); remembers any Set-Cookie in `cookies`, the way a browser does."""
    check_loopback(host)
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: council-load/1\r\n"
        request += "Accept: */*\r\nAccept-Encoding: gzip\r\nConnection: close\r\n"
        request += (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n"
        writer.write(request.encode("latin-1"))
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        await asyncio.wait_for(reader.read(), timeout)  # body read and dropped
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split()
    reply = HttpReply(int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0)
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            reply.headers.setdefault(name.strip().lower(), []).append(value.strip())
    for set_cookie in reply.headers.get("set-cookie", []):
        pair = set_cookie.split(";", 1)[0]
        if "=" in pair:
            k, v = pair.split("=", 1)
            cookies[k.strip()] = v.strip()
    return reply


async def open_websocket(host: str, port: int, base: str, cookies: dict[str, str], timeout: float) -> Any:
    """The websocket a Streamlit tab opens: subprotocols ["streamlit", token] and a same-host Origin.
    A browser without Streamlit's XSRF cookie sends PLACEHOLDER_AUTH_TOKEN, and so do we; the
    load balancer's affinity cookie goes along, as a browser would send it."""
    import websockets
    from websockets.asyncio.client import ClientConnection, connect

    class CountingConnection(ClientConnection):
        """Counts the bytes read from the socket (frames included, after any compression)."""

        wire_bytes_in = 0

        def data_received(self, data: bytes) -> None:
            self.wire_bytes_in += len(data)
            super().data_received(data)

    check_loopback(host)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else None
    return await connect(
        f"ws://{host}:{port}{base}/_stcore/stream",
        subprotocols=[websockets.Subprotocol("streamlit"), websockets.Subprotocol("PLACEHOLDER_AUTH_TOKEN")],
        origin=websockets.Origin(f"http://{host}:{port}"),
        additional_headers=headers,
        user_agent_header="council-load/1 (websockets)",
        open_timeout=timeout,
        close_timeout=5,
        ping_interval=None,  # browsers never ping; the server pings and websockets answers
        max_size=None,  # Streamlit allows messages up to server.maxMessageSize
        compression="deflate",  # what a browser offers; used only if the server enables it
        create_connection=CountingConnection,
    )
