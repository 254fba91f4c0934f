"""Fault injection for the fake Discord's REST API.

A :class:`Fault` says what to do instead of (or around) the normal answer for the next
``times`` requests whose method and path match. :class:`FaultInjector` holds the armed faults,
hands out the one a request meets, and records every injection in ``injected``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

FaultKind = Literal["status", "hang", "delay", "drop", "accept_then_fail"]

#: A proxy or load balancer adds this; discord.py treats a 429 without it as a Cloudflare ban.
VIA = "1.1 google"


@dataclass
class Fault:
    """One armed fault. ``remaining`` counts down as requests meet it (None: never runs out).

    ``when`` filters on the request's JSON body (the ``payload_json`` of multipart bodies);
    ``skip`` lets that many matching requests through first.
    """

    kind: FaultKind
    method: str
    path_regex: str
    remaining: int | None = 1
    skip: int = 0
    when: Callable[[Any], bool] | None = None
    status: int | None = None
    seconds: float = 0.0
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0

    def matches(self, method: str, path: str, body: Any) -> bool:
        if self.method != "*" and self.method.upper() != method.upper():
            return False
        if re.fullmatch(self.path_regex, path) is None:
            return False
        return self.when is None or bool(self.when(body))

    @property
    def exhausted(self) -> bool:
        return self.remaining is not None and self.remaining <= 0

    def describe(self) -> str:
        detail = {
            "status": f"status {self.status}",
            "hang": f"hang {self.seconds}s then drop",
            "delay": f"delay {self.seconds}s",
            "drop": "drop the connection",
            "accept_then_fail": (
                f"accept then answer {self.status}"
                if self.status
                else f"accept, wait {self.seconds}s, then drop the connection"
            ),
        }[self.kind]
        return f"{self.method} {self.path_regex}: {detail}"


@dataclass(frozen=True)
class InjectedFault:
    """A fault that happened: to a REST request (``method``/``path``) or to the gateway
    (``method`` "GATEWAY", ``path`` the shard as "shard 0/2")."""

    kind: str
    method: str
    path: str
    time: float
    status: int | None = None
    detail: str = ""


def error_body(status: int) -> Any:
    if status == 429:
        return {"message": "You are being rate limited.", "retry_after": 1.0, "global": False}
    return {"message": f"{status}: fake Discord fault", "code": 0}


class FaultInjector:
    """The faults armed on one fake Discord (``fake.faults``). Every method returns the
    :class:`Fault`, whose ``hits`` tells how many requests met it."""

    def __init__(self) -> None:
        self.armed: list[Fault] = []
        self.injected: list[InjectedFault] = []

    # -- arming ------------------------------------------------------------------------------

    def _arm(self, fault: Fault) -> Fault:
        self.armed.append(fault)
        return fault

    def fail(
        self,
        method: str,
        path_regex: str,
        status: int = 503,
        *,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
        retry_after: float | None = None,
        via: bool = True,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Fault:
        """Answer ``status`` without doing anything. ``retry_after`` adds a ``Retry-After``
        header; ``via`` a ``Via`` header (as Discord's edge does); ``body`` replaces the JSON
        error body (a ``str`` is sent as text/plain)."""
        extra = dict(headers or {})
        if retry_after is not None:
            extra["Retry-After"] = _seconds_header(retry_after)
        if via:
            extra.setdefault("Via", VIA)
        return self._arm(
            Fault(
                "status",
                method,
                path_regex,
                times,
                skip,
                when,
                status=status,
                body=error_body(status) if body is None else body,
                headers=extra,
            )
        )

    def rate_limit(
        self,
        method: str,
        path_regex: str,
        retry_after: float = 0.5,
        *,
        is_global: bool = False,
        retry_after_header: bool = True,
        via: bool = True,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """A 429 as Discord sends it: ``retry_after`` in the body, ``Retry-After`` header
        (unless ``retry_after_header=False``), ``Via`` (unless ``via=False``, as some proxies
        answer), and for ``is_global`` the ``X-RateLimit-Global`` header and scope."""
        headers = {"X-RateLimit-Scope": "global" if is_global else "user"}
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        if retry_after_header:
            headers["Retry-After"] = _seconds_header(retry_after)
        body = {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": is_global,
            "code": 0,
        }
        return self.fail(
            method,
            path_regex,
            429,
            times=times,
            skip=skip,
            when=when,
            via=via,
            body=body,
            headers=headers,
        )

    def hang(
        self,
        method: str,
        path_regex: str,
        seconds: float,
        *,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """Say nothing for ``seconds``, then drop the connection (nothing is done)."""
        return self._arm(Fault("hang", method, path_regex, times, skip, when, seconds=seconds))

    def delay(
        self,
        method: str,
        path_regex: str,
        seconds: float,
        *,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """Wait ``seconds``, then handle the request normally."""
        return self._arm(Fault("delay", method, path_regex, times, skip, when, seconds=seconds))

    def drop(
        self,
        method: str,
        path_regex: str,
        *,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """Close the connection at once without answering (nothing is done). aiohttp clients
        silently retry an idempotent request (GET, PUT, DELETE) once when a reused connection
        drops: use ``times=2`` for those."""
        return self._arm(Fault("drop", method, path_regex, times, skip, when))

    def accept_then_hang(
        self,
        method: str,
        path_regex: str,
        seconds: float,
        *,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """Do the request (the message IS created), then say nothing for ``seconds`` and drop
        the connection: the moment to kill a client between "Discord took it" and "recorded"."""
        fault = Fault("accept_then_fail", method, path_regex, times, skip, when, seconds=seconds)
        return self._arm(fault)

    def accept_then_fail(
        self,
        method: str,
        path_regex: str,
        status: int | None = 503,
        *,
        times: int | None = 1,
        skip: int = 0,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """Do the request (the message IS created), then answer ``status`` instead of the
        result, or drop the connection when ``status`` is None."""
        body = error_body(status) if status is not None else None
        return self._arm(
            Fault(
                "accept_then_fail",
                method,
                path_regex,
                times,
                skip,
                when,
                status=status,
                body=body,
                headers={"Via": VIA} if status is not None else {},
            )
        )

    def clear(self) -> None:
        """Disarm every fault (what was injected stays recorded)."""
        self.armed.clear()

    # -- meeting -----------------------------------------------------------------------------

    def take(self, method: str, path: str, body: Any) -> Fault | None:
        """The fault this request meets, if any (counted down and recorded)."""
        for fault in self.armed:
            if fault.exhausted or not fault.matches(method, path, body):
                continue
            if fault.skip > 0:
                fault.skip -= 1
                continue
            if fault.remaining is not None:
                fault.remaining -= 1
            fault.hits += 1
            self.injected.append(
                InjectedFault(
                    fault.kind, method, path, time.monotonic(), fault.status, fault.describe()
                )
            )
            return fault
        return None

    def record_gateway(self, kind: str, shard: tuple[int, int], detail: str) -> None:
        self.injected.append(
            InjectedFault(
                kind, "GATEWAY", f"shard {shard[0]}/{shard[1]}", time.monotonic(), None, detail
            )
        )


def _seconds_header(seconds: float) -> str:
    # Discord sends whole seconds in Retry-After (the body has the precise value).
    return str(max(1, int(seconds + 0.999)))
