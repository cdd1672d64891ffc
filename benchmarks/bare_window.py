"""The baseline of `ui_cold_start.py`: the least a PySide6 window costs to appear.

A QApplication, a QMainWindow holding one QLabel, at the size the kiosk uses when windowed,
shown, then the event loop; nothing else. Started through the probe it reports its first paint:

    QT_QPA_PLATFORM=offscreen uv run --frozen python benchmarks/paint_probe.py bare_window

On its own with --smoke it shows the window, runs one turn of the event loop and exits 0.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("政务服务自助终端")
    window.setCentralWidget(QLabel("政务服务自助终端"))
    window.resize(1280, 800)
    window.show()
    if "--smoke" in sys.argv[1:]:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    if "--smoke" in sys.argv[1:]:
        print(f"bare window shown at {window.width()}x{window.height()}; event loop exited {code}")
    return code


if __name__ == "__main__":
    sys.exit(main())
