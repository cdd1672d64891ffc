"""Taking the kiosk out of service (暂停服务) and back from the console, in words: the switch
itself (kiosk/service_state.py) keeps the state across restarts and audits each flip."""

from __future__ import annotations

from kiosk.console.outcome import ActionOutcome
from kiosk.i18n import msg
from kiosk.service_state import ServiceSwitch


class ServiceMode:
    def __init__(self, switch: ServiceSwitch) -> None:
        self._switch = switch

    @property
    def in_service(self) -> bool:
        return self._switch.in_service

    def set_in_service(self, in_service: bool, actor: str) -> ActionOutcome:
        self._switch.set_in_service(in_service, actor)
        if in_service:
            return ActionOutcome(
                True,
                msg(
                    "本机已恢复服务：离开管理界面后回到首页，群众可以办理。",
                    "The kiosk is back in service: on leaving the console it shows the home "
                    "screen and residents can apply.",
                ),
            )
        return ActionOutcome(
            True,
            msg(
                "本机已暂停服务：离开管理界面后显示「暂停服务」，不受理申请；重启后也保持，直到恢复服务。",
                "The kiosk is out of service: on leaving the console it shows 'Out of service' "
                "and takes no application, even after a restart, until it is put back.",
            ),
        )
