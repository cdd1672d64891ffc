"""Messages the domain shows people, in Simplified Chinese (the default) and English.

The domain returns `Message` values, not finished strings, so each screen, receipt or command
renders them in the language its reader chose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_LOCALE = "zh_CN"


@dataclass(frozen=True)
class Message:
    zh: str
    en: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, locale: str = DEFAULT_LOCALE) -> str:
        template = self.en if locale.startswith("en") else self.zh
        # A parameter that is itself a Message (a duration) is said in the same language.
        params = {
            key: value.render(locale) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        return template.format(**params)

    def __str__(self) -> str:
        return self.render()


def msg(zh: str, en: str, /, **params: Any) -> Message:
    return Message(zh, en, params)
