"""Where a browser connects from: the address failed sign-ins are counted against
(hub/admin/sign_in.py) and the sign-in cookie's tickets are bound to (ui/sign_in/cookie.py).

Behind nginx (deploy/nginx/) every connection comes from 127.0.0.1 and the browser's own
address is in the headers nginx sets: X-Forwarded-For (nginx appends the address it saw) and
X-Real-IP (nginx overwrites it). Those headers are believed only from a proxy we run:
- the server that `streamlit run` and `uvicorn` start (uvicorn's proxy headers) takes the
  client from X-Forwarded-For when the connection comes from an address in
  FORWARDED_ALLOW_IPS (uvicorn's setting; 127.0.0.1 unless set), the last address there
  that is not itself a trusted proxy;
- failing that, X-Real-IP is read only when the connection itself comes from the loopback
  (a proxy on this machine).
A connection from anywhere else is known by its own address, whatever headers it sends.
Direct connections on this machine without those headers share one address, LOCAL.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Mapping

LOCAL = "local"


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def resolve(peer: str | None, headers: Mapping[str, str]) -> str:
    """The browser's address from the connection's peer (after the server's own proxy-header
    handling) and the request's headers."""
    seen = _address(peer)
    if seen is not None and not seen.is_loopback:
        return str(seen)
    real = _address(headers.get("x-real-ip") or headers.get("X-Real-IP"))
    if real is not None:
        return str(real)
    return LOCAL


def address() -> str:
    """This Streamlit session's browser address (its WebSocket's handshake)."""
    import streamlit as st
    peer = st.context.ip_address or "127.0.0.1"   # Streamlit gives None for the loopback
    return resolve(peer, st.context.headers or {})
