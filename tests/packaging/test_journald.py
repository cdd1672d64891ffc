"""The journal that holds the kiosk's logs is capped, so logs never fill the queue's disk."""

import configparser
from pathlib import Path

DROP_IN = Path(__file__).parents[2] / "packaging" / "journald" / "kiosk.conf"


def test_the_journal_is_kept_on_disk_within_a_size_cap() -> None:
    parser = configparser.ConfigParser()
    parser.read(DROP_IN, encoding="utf-8")
    journal = parser["Journal"]
    assert journal["Storage"] == "persistent"
    assert journal["SystemMaxUse"].endswith("M")
    assert int(journal["SystemMaxUse"][:-1]) <= 1024
    assert "SystemKeepFree" in journal
