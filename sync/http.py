"""The HTTPS link to the platform: one session with the configured trust and client
certificate, and network errors turned into transient failures that say what to check.

The government extranet usually has its own CA, so the platform's certificate is checked
against `platform.ca_bundle` (or the system's CAs); a terminal may also have to present its
own client certificate. Redirects are not followed: a signed request is bound to its path,
and a redirect means `platform.url` points at the wrong place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests
from urllib3.exceptions import ProtocolError

from kiosk.config import PlatformSettings
from sync.failures import AnswerLost, TransientFailure


@dataclass(frozen=True)
class Link:
    base_url: str
    timeout_s: float = 5.0
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None

    @classmethod
    def to_platform(cls, url: str, platform: PlatformSettings) -> Link:
        """How the kiosk's settings say to reach the platform (one place for agent and doctor)."""
        return cls(
            url, platform.timeout_s, platform.ca_bundle, platform.client_cert, platform.client_key
        )

    def session(self) -> requests.Session:
        session = requests.Session()
        session.verify = str(self.ca_bundle) if self.ca_bundle is not None else True
        if self.client_cert is not None and self.client_key is not None:
            session.cert = (str(self.client_cert), str(self.client_key))
        # Only the kiosk's config decides how the platform is reached: no proxy variables,
        # REQUESTS_CA_BUNDLE or ~/.netrc from whatever environment the agent started in.
        session.trust_env = False
        return session

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


def exchange(
    link: Link,
    session: requests.Session,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    """Send one request; any failure to get an HTTP answer is a TransientFailure, and an
    AnswerLost when the request had gone out (so the platform may have acted on it)."""
    url = link.url(path)
    try:
        return session.request(
            method,
            url,
            data=body,
            headers=headers,
            timeout=link.timeout_s,
            allow_redirects=False,
        )
    except requests.exceptions.SSLError as exc:
        raise TransientFailure(tls_problem(exc, link)) from exc
    except requests.ConnectTimeout as exc:
        raise TransientFailure(
            f"{url}: cannot connect (no connection within {link.timeout_s:g} s); nothing was sent"
        ) from exc
    except requests.Timeout as exc:
        raise AnswerLost(
            f"{method} {url}: sent, but no answer within {link.timeout_s:g} s{_MAY_BE_STORED}"
        ) from exc
    except requests.ConnectionError as exc:
        if _sent(exc):
            raise AnswerLost(_lost_answer(exc, link, method, url)) from exc
        raise TransientFailure(_connection_problem(exc, link, url)) from exc
    except requests.RequestException as exc:
        raise TransientFailure(f"{url}: {type(exc).__name__}: {exc}") from exc


def tls_problem(exc: Exception, link: Link) -> str:
    """What went wrong in the TLS handshake, and which setting to look at."""
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        detail = "certificate verify failed — check platform.ca_bundle"
        if link.ca_bundle is None:
            detail += " (none is set, so the system's CAs were used)"
        return f"{link.base_url}: {detail}"
    if link.client_cert is None:
        hint = "the platform may require a client certificate: set platform.client_cert/client_key"
    else:
        hint = "check platform.client_cert and platform.client_key"
    return f"{link.base_url}: TLS handshake failed ({_root_cause(exc)}) — {hint}"


# With TLS 1.3 a server that wants a client certificate says so after the handshake, so a
# kiosk without one sees its connection dropped rather than a TLS error.
_DROPPED = ("RemoteDisconnected", "ConnectionResetError", "SSLEOFError", "SSLError")


_CLIENT_CERT_HINT = (
    " — if the platform requires a client certificate, set platform.client_cert/client_key"
)
_MAY_BE_STORED = "; the platform may have acted on it"


def _sent(exc: requests.ConnectionError) -> bool:
    """Whether the connection was up and the request written before it failed: urllib3 calls
    a connection lost while waiting for the reply a ProtocolError ("Connection aborted."),
    whereas refused, unresolvable and unreachable hosts fail before anything is sent."""
    return any(isinstance(cause, ProtocolError) for cause in _causes(exc))


def _lost_answer(exc: Exception, link: Link, method: str, url: str) -> str:
    cause = _root_cause(exc)
    reason = f"{method} {url}: sent, but the connection closed before an answer ({cause})"
    if _hint_client_cert(cause, link, url):
        reason += _CLIENT_CERT_HINT
    return reason + _MAY_BE_STORED


def _connection_problem(exc: Exception, link: Link, url: str) -> str:
    cause = _root_cause(exc)
    reason = f"{url}: cannot connect ({cause}); nothing was sent"
    if _hint_client_cert(cause, link, url):
        reason += _CLIENT_CERT_HINT
    return reason


def _hint_client_cert(cause: str, link: Link, url: str) -> bool:
    dropped = cause.split(":", 1)[0] in _DROPPED
    return dropped and url.startswith("https://") and link.client_cert is None


def _root_cause(exc: BaseException) -> str:
    """The innermost reason ("ConnectionRefusedError: [Errno 111] Connection refused"), not
    urllib3's wrapper text with pool and object names."""
    *_, cause = _causes(exc)
    return f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and what it wraps, outermost first: the chained exception, else the one requests
    and urllib3 pass as their first argument or keep as `reason`."""
    cause = exc
    yield cause
    for _ in range(10):  # chains are short; the bound only guards against a cycle
        inner = cause.__cause__ or cause.__context__
        if inner is None and cause.args and isinstance(cause.args[0], BaseException):
            inner = cause.args[0]
        if inner is None and isinstance(getattr(cause, "reason", None), BaseException):
            inner = cause.reason  # type: ignore[attr-defined]
        if inner is None or inner is cause:
            return
        cause = inner
        yield cause
