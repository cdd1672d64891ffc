"""ID card reader through a vendor's termb-style shared library (device behaviour layer).

Some readers offer no serial protocol, only a vendor SDK with the termb API:
``CVR_InitComm(port)``, ``CVR_Authenticate()`` (find and select), ``CVR_Read_Content(n)``,
then one getter per field (``GetPeopleName(buf, &len)`` and so on) returning GBK text.
``TermbSdkReader`` drives that API through ctypes and gives the kiosk the same
``IdCardReader`` results as ``SamSerialReader``. Prefer the serial reader whenever the
hardware offers the SAM protocol: it sees the card's own UTF-16 text and the raw photo.

GBK cannot carry every character a card can. A name or address with a rare character
(生僻字) beyond the BMP, or with a private-use code point outside the range GBK maps, comes
back from the SDK as ``?`` (or whatever the vendor substitutes); private-use code points
U+E000..U+E765 come back as GBK user-defined bytes, which decode to the same code points.
So that the kiosk shows its 请以证件为准 hint, a ``?`` in the name or address is recorded as
U+FFFD (``IdCardRecord.has_unreadable_chars``), and private-use code points are kept as
decoded (``has_private_use_chars``). No Chinese name or address contains a literal ``?``.

Behaviour: the library loads lazily on the first read; a missing or unloadable library, or
one without the termb functions, is a ``ReaderFault`` (PORT_UNAVAILABLE), never an
exception, and loading is tried again on the next read. The port is opened with
``CVR_InitComm`` on first use and forgotten when a call fails, so the next read opens it
afresh. A loaded library is never unloaded (ctypes cannot do that safely).

Vendor SDKs differ in details this module cannot verify without their manuals:

- Return codes: 1 means success for every call. ``CVR_Authenticate`` returning 4 is read as
  "reader not connected" (as in at least one vendor's manual), any other failure as no card.
- ``CVR_Read_Content``'s argument picks what is read and, in some SDK versions, which
  files (text, photo) the SDK also writes to the process's working directory. We pass 4 by
  default; set ``content_mode`` to what the vendor's manual gives for text and photo. If
  the SDK writes files, that is personal data on disk: run the kiosk in a private working
  directory that is cleaned.
- Getters are called with ``len`` preset to the buffer's size, since some SDKs read it as
  the capacity; the length they return is used when plausible, else the text up to NUL.
- Birth and validity dates are accepted as ``YYYYMMDD`` or with separators
  (``YYYY-MM-DD``, ``YYYY年MM月DD日``); nations as a name (汉 or 汉族) or a GB 3304 code.
- The photo is whatever ``GetBMPData`` hands back (a decoded BMP in the SDKs we know of),
  kept unchanged in ``photo_wlt``; without that function the photo is empty.
  ``photo.decode_photo`` recognises such a BMP and passes it through.
- Only resident cards (居民身份证) are read; the SDKs read permits through other calls.
- Every record is checked as the serial reader checks it (``validation``); one that fails
  is read once more (``CVR_Read_Content`` and the getters again), and failing twice is a
  ``BAD_READ`` fault that asks the resident to place the card again.
- The library is loaded with ``ctypes.CDLL`` (the C calling convention). A crash inside
  vendor code takes the whole process with it; ctypes cannot guard against that.

Not thread-safe: call it from one worker thread.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from drivers.closing import ClosesOnExit
from drivers.idcard.interface import CardPresent, CardRead, FaultKind, NoCard, ReaderFault
from drivers.idcard.nations import nation_code, nation_name
from drivers.idcard.record import LONG_TERM, SEXES, CardType, IdCardRecord
from drivers.idcard.rereading import BadRead, read_checked
from drivers.idcard.validation import card_problem

logger = logging.getLogger(__name__)

DEFAULT_PORT = 1001
"""The first USB reader; termb numbers USB ports 1001..1016 and serial ports 1..16."""

DEFAULT_CONTENT_MODE = 4

_OK = 1
_AUTH_NOT_CONNECTED = 4

# The longest resident-card field, the address, is 35 characters (70 GBK bytes). SDKs write
# without checking any capacity, so the buffers leave plenty of room for a surprise.
_TEXT_BUFFER_SIZE = 1024
# A 102x126 24-bit BMP is 38 862 bytes (rows padded to 308 bytes, 54-byte header).
_PHOTO_BUFFER_SIZE = 64 * 1024

_DATE = re.compile(r"(\d{4})\D?(\d{2})\D?(\d{2})\D?", re.ASCII)
_SEX_BY_CODE = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}
# What a GBK SDK substitutes for a character GBK lacks; see the module notes.
_GBK_SUBSTITUTE = "?"

_PHOTO_GETTER = "GetBMPData"


class _Getter(NamedTuple):
    """One termb text getter and the record field it fills."""

    function: str
    field: str


_TEXT_GETTERS = (
    _Getter("GetPeopleName", "name"),
    _Getter("GetPeopleSex", "sex"),
    _Getter("GetPeopleNation", "nation"),
    _Getter("GetPeopleBirthday", "birth_date"),
    _Getter("GetPeopleAddress", "address"),
    _Getter("GetPeopleIDCode", "id_number"),
    _Getter("GetDepartment", "issuer"),
    _Getter("GetStartDate", "valid_from"),
    _Getter("GetEndDate", "valid_to"),
)

# A getter: (buffer, pointer to its length) -> status.
_GetterCall = Callable[[ctypes.Array[ctypes.c_char], "ctypes._Pointer[ctypes.c_int]"], int]
# The SDK's one fault of the port rather than of the card's content: reported as it is.
_PORT_FAULTS = frozenset({FaultKind.PORT_UNAVAILABLE})
_GETTER_ARGS: list[Any] = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]


class _FieldError(Exception):
    """A getter's value cannot go into a record; turned into a ``BadRead`` below."""


class _Termb:
    """The loaded library with its functions resolved and typed, ready to call."""

    def __init__(self, library: ctypes.CDLL) -> None:
        # Every function is resolved here, so a library lacking one (AttributeError) is
        # refused when it loads, not halfway through a read.
        self._library = library
        self.init_comm = self._function("CVR_InitComm", [ctypes.c_int])
        self.authenticate = self._function("CVR_Authenticate", [])
        self.read_content = self._function("CVR_Read_Content", [ctypes.c_int])
        self.close_comm = self._function("CVR_CloseComm", [])
        self.getters: dict[str, _GetterCall] = {
            getter.function: self._function(getter.function, _GETTER_ARGS)
            for getter in _TEXT_GETTERS
        }
        try:
            self.photo_getter: _GetterCall | None = self._function(_PHOTO_GETTER, _GETTER_ARGS)
        except AttributeError:
            self.photo_getter = None

    def _function(self, name: str, argtypes: list[Any]) -> Callable[..., int]:
        function = self._library[name]
        function.argtypes = argtypes
        function.restype = ctypes.c_int
        return function


class TermbSdkReader(ClosesOnExit):
    """An ID card reader behind the vendor library at ``library_path``, on termb ``port``."""

    def __init__(
        self,
        library_path: str,
        port: int = DEFAULT_PORT,
        *,
        content_mode: int = DEFAULT_CONTENT_MODE,
    ) -> None:
        self._library_path = library_path
        self._port = port
        self._content_mode = content_mode
        self._termb: _Termb | None = None
        self._comm_open = False
        self._last_outcome: str | None = None

    # -- public API ----------------------------------------------------------------------

    def read_card(self) -> CardRead:
        """Authenticate (find and select), read, and collect every field."""
        result = self._read_card()
        self._log_if_changed(result)
        return result

    def close(self) -> None:
        """Close the port (``CVR_CloseComm``); the next read opens it again."""
        if self._termb is not None and self._comm_open:
            self._comm_open = False
            try:
                self._termb.close_comm()
            except OSError:  # Windows turns a crash inside the library into OSError
                logger.debug(
                    "ignoring error while closing termb port %d", self._port, exc_info=True
                )

    # -- one read cycle ------------------------------------------------------------------

    def _read_card(self) -> CardRead:
        termb = self._load()
        if isinstance(termb, ReaderFault):
            return termb
        try:
            return self._read_with(termb)
        except OSError as error:
            self.close()
            return ReaderFault.of(FaultKind.PORT_UNAVAILABLE, f"termb call failed: {error}")

    def _read_with(self, termb: _Termb) -> CardRead:
        if not self._comm_open:
            status = termb.init_comm(self._port)
            if status != _OK:
                return ReaderFault(
                    FaultKind.PORT_UNAVAILABLE,
                    self._not_connected_message(),
                    detail=f"CVR_InitComm({self._port}) returned {status}",
                )
            self._comm_open = True
            logger.info("ID card reader SDK port %d opened", self._port)

        status = termb.authenticate()
        if status == _AUTH_NOT_CONNECTED:
            self.close()
            return ReaderFault(
                FaultKind.PORT_UNAVAILABLE,
                self._not_connected_message(),
                detail=f"CVR_Authenticate returned {status}",
            )
        if status != _OK:
            return NoCard()

        return read_checked(lambda: self._read_content(termb), "SDK", _PORT_FAULTS)

    def _read_content(self, termb: _Termb) -> CardPresent | ReaderFault | BadRead:
        """Read the authenticated card and check its record against a resident card's."""
        status = termb.read_content(self._content_mode)
        if status != _OK:
            return ReaderFault.of(
                FaultKind.READ_FAILED, f"CVR_Read_Content({self._content_mode}) returned {status}"
            )

        texts: dict[str, str] = {}
        for getter in _TEXT_GETTERS:
            text = _call_text_getter(termb.getters[getter.function])
            if text is None:
                return ReaderFault.of(FaultKind.READ_FAILED, f"{getter.function} failed")
            texts[getter.field] = text
        photo = b"" if termb.photo_getter is None else _call_photo_getter(termb.photo_getter)
        try:
            record = _record(texts, photo)
        except _FieldError as error:
            return BadRead(str(error))
        problem = card_problem(record, substitutes_allowed=True)
        if problem is not None:
            return BadRead(problem)
        return CardPresent(record)

    # -- the library ---------------------------------------------------------------------

    def _load(self) -> _Termb | ReaderFault:
        if self._termb is None:
            try:
                self._termb = _Termb(ctypes.CDLL(self._library_path))
            except OSError as error:
                return ReaderFault(
                    FaultKind.PORT_UNAVAILABLE,
                    "身份证读卡器驱动程序无法加载，请联系工作人员检查读卡器厂商驱动库"
                    f"（{os.path.basename(self._library_path)}）是否已安装、路径是否正确。",
                    detail=f"loading {self._library_path}: {error}",
                )
            except AttributeError as error:
                return ReaderFault(
                    FaultKind.PORT_UNAVAILABLE,
                    "身份证读卡器驱动库不是所需的接口版本，请联系工作人员检查读卡器厂商驱动库"
                    f"（{os.path.basename(self._library_path)}）。",
                    detail=f"{self._library_path} lacks a termb function: {error}",
                )
            logger.info("ID card reader SDK %s loaded", self._library_path)
        return self._termb

    def _not_connected_message(self) -> str:
        return (
            "身份证读卡器未连接，请联系工作人员检查读卡器的 USB 连线和电源，"
            f"以及读卡器端口设置（当前为 {self._port}）。"
        )

    def _log_if_changed(self, result: CardRead) -> None:
        if isinstance(result, ReaderFault):
            outcome = f"fault {result.kind.value}"
        else:
            outcome = "card read" if isinstance(result, CardPresent) else "no card"
        if outcome != self._last_outcome:
            self._last_outcome = outcome
            if isinstance(result, ReaderFault):
                logger.warning("ID card reader SDK: %s (%s)", outcome, result.detail)
            else:
                logger.info("ID card reader SDK: %s", outcome)


# -- getters -------------------------------------------------------------------------------


def _call_text_getter(getter: _GetterCall) -> str | None:
    """The getter's text decoded from GBK, or None when the getter reports failure."""
    buffer = ctypes.create_string_buffer(_TEXT_BUFFER_SIZE)
    length = ctypes.c_int(_TEXT_BUFFER_SIZE)
    if getter(buffer, ctypes.pointer(length)) != _OK:
        return None
    returned = length.value
    raw = buffer.raw[:returned] if 0 <= returned <= _TEXT_BUFFER_SIZE else buffer.raw
    # GBK never uses a zero byte inside text, so the first NUL ends the value.
    raw = raw.split(b"\0", 1)[0]
    # gb18030 is a superset of GBK and maps its user-defined areas to private-use code
    # points; bytes that are not GBK at all become U+FFFD instead of failing the card.
    return raw.decode("gb18030", errors="replace").strip(" ")


def _call_photo_getter(getter: _GetterCall) -> bytes:
    """The photo bytes exactly as the SDK gives them; empty when it gives none."""
    buffer = ctypes.create_string_buffer(_PHOTO_BUFFER_SIZE)
    length = ctypes.c_int(_PHOTO_BUFFER_SIZE)
    if getter(buffer, ctypes.pointer(length)) != _OK:
        return b""
    returned = length.value
    return buffer.raw[:returned] if 0 < returned <= _PHOTO_BUFFER_SIZE else b""


# -- values --------------------------------------------------------------------------------


def _record(texts: dict[str, str], photo: bytes) -> IdCardRecord:
    valid_to = texts["valid_to"]
    return IdCardRecord(
        card_type=CardType.RESIDENT,
        name=_mark_gbk_substitutes(texts["name"]),
        sex=_parse_sex(texts["sex"]),
        nation=_parse_nation(texts["nation"]),
        birth_date=_parse_date("birth_date", texts["birth_date"]),
        address=_mark_gbk_substitutes(texts["address"]),
        id_number=texts["id_number"],
        issuer=texts["issuer"],
        valid_from=_parse_date("valid_from", texts["valid_from"]),
        valid_to=None if valid_to == LONG_TERM else _parse_date("valid_to", valid_to),
        photo_wlt=photo,
    )


def _mark_gbk_substitutes(text: str) -> str:
    """Record the SDK's ``?`` for a character GBK lacks as U+FFFD (see the module notes)."""
    return text.replace(_GBK_SUBSTITUTE, "\ufffd")


def _parse_sex(text: str) -> str:
    if text in SEXES:
        return text
    try:
        return _SEX_BY_CODE[text]
    except KeyError:
        raise _FieldError("sex is neither a GB/T 2261.1 label nor a code") from None


def _parse_nation(text: str) -> str:
    """The nation as the card prints it (汉, not 汉族); an unknown value is kept as read."""
    if text.isdigit():
        return nation_name(text) or text
    if nation_code(text) is None and text.endswith("族") and nation_code(text[:-1]):
        return text[:-1]
    return text


def _parse_date(field: str, text: str) -> date:
    # The value is not quoted in the message: it may be a birth date, which is personal.
    match = _DATE.fullmatch(text)
    if match is None:
        raise _FieldError(f"{field} is not a date")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise _FieldError(f"{field} is not a valid calendar date") from None
