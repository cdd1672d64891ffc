"""Whether the platform answers from here, with the bundle's CA: reported after provisioning,
never a reason to refuse (a kiosk is often provisioned before its extranet link is up)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The platform's health endpoint (the contract's /v1/health); any HTTP answer means reachable.
HEALTH_PATH = "/v1/health"
# Long enough for a slow extranet link; short enough that a technician is not kept waiting.
TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Reachability:
    reachable: bool
    detail: str  # English, for the command line and the log


def platform_reachability(url: str, ca_file: Path, timeout_s: float = TIMEOUT_S) -> Reachability:
    import requests

    target = url.rstrip("/") + HEALTH_PATH
    try:
        response = requests.get(target, timeout=timeout_s, verify=str(ca_file))
    except requests.exceptions.SSLError as exc:
        return Reachability(
            False,
            f"{target}: TLS refused ({type(exc).__name__}): is the bundle's CA the right one?",
        )
    except requests.exceptions.Timeout:
        return Reachability(False, f"{target}: no answer within {timeout_s:g} s")
    except requests.exceptions.RequestException as exc:
        return Reachability(False, f"{target}: cannot connect ({type(exc).__name__})")
    return Reachability(True, f"{target}: answered HTTP {response.status_code}")
