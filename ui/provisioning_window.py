"""The window an unprovisioned kiosk shows: the provisioning screen alone, no resident flow and
no staff console."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from ui.provisioning_flow import ProvisioningFlow
from ui.screens.provisioning import ProvisioningScreen


class ProvisioningWindow(QMainWindow):
    def __init__(self, screen: ProvisioningScreen, flow: ProvisioningFlow) -> None:
        super().__init__()
        self.setObjectName("provisioning_window")
        self.setWindowTitle(self.tr("政务服务自助终端"))
        self.provisioning, self.flow = screen, flow
        self.setCentralWidget(screen)

    def shutdown(self) -> None:
        self.flow.shutdown()
