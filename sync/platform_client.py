"""Talks HTTP to the provincial platform. For now: can the platform be reached at all."""

from __future__ import annotations

from dataclasses import dataclass

import requests


@dataclass(frozen=True)
class Reachability:
    reachable: bool
    detail: str


class PlatformClient:
    def __init__(self, base_url: str, timeout_s: float) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout_s = timeout_s

    def reachability(self) -> Reachability:
        """Any HTTP answer means the network path and the server are up."""
        try:
            response = requests.get(self._base_url + "/", timeout=self._timeout_s)
        except requests.Timeout:
            return Reachability(False, f"no answer within {self._timeout_s:g} s")
        except requests.ConnectionError as exc:
            return Reachability(False, f"cannot connect ({type(exc).__name__})")
        return Reachability(True, f"HTTP {response.status_code}")
