"""Messages under the form's fields: none before the resident tries to go on, and each one gone
the moment its field is right."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from drivers.idcard import demo_cards
from kiosk.catalog.offerings import find_offering
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.visits import RunningKiosk
from ui.widgets.error_label import ErrorLabel

BIRTH_REGISTRATION = "11440100MB2C10021K-GA-0001"  # 出生登记: the other parent's ID is typed


def messages_shown(kiosk: RunningKiosk) -> dict[str, str]:
    """Every message visible on the form now, by label name."""
    return {
        label.objectName(): label.text()
        for label in kiosk.window.screens.form.findChildren(ErrorLabel)
        if label.isVisible()
    }


def elderly_form(kiosk: RunningKiosk) -> None:
    """王秀英's form, on its first page (name, ID number and address read from her card)."""
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    kiosk.driver.start_matter(ELDERLY_MATTER)
    kiosk.driver.wait_for(kiosk.window.screens.form)


def test_a_page_prefilled_from_the_card_shows_no_message(kiosk: RunningKiosk) -> None:
    elderly_form(kiosk)

    assert kiosk.driver.text_of("field_name_shown").startswith("王**")
    assert messages_shown(kiosk) == {}


def test_the_next_page_shows_no_message_before_the_resident_tries_to_go_on(
    kiosk: RunningKiosk,
) -> None:
    elderly_form(kiosk)
    kiosk.driver.type_into("field_mobile_input", "13800138000")

    kiosk.driver.tap("form_next")

    assert kiosk.driver.text_of("form_page").startswith("第 2 页")
    assert messages_shown(kiosk) == {}


def test_required_choice_message_clears_as_soon_as_a_choice_is_made(kiosk: RunningKiosk) -> None:
    drive = kiosk.driver
    elderly_form(kiosk)
    drive.type_into("field_mobile_input", "13800138000")
    drive.tap("form_next")
    drive.tap("form_next")  # 是否补领 not answered
    assert messages_shown(kiosk) == {"error_reissue": "必选，请选择"}

    drive.tap("field_reissue_1")  # 否

    assert messages_shown(kiosk) == {}


def test_a_wrong_id_number_message_clears_when_the_number_is_corrected(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(screens.form)
    offering = find_offering(drive.visit.catalog, BIRTH_REGISTRATION)
    other_parent = "field_other_parent_id_number_input"
    while not drive.window.findChild(QLineEdit, other_parent).isVisible():
        drive.fill_form_page(offering, skip=("other_parent_id_number",))
        drive.tap("form_next")  # on to the page that asks for the other parent
    wrong = demo_cards.ELDERLY_RESIDENT.id_number[:-1] + "5"  # the check digit does not match
    drive.type_into(other_parent, wrong)
    drive.tap("form_next")
    assert "error_other_parent_id_number" in messages_shown(kiosk)

    drive.tap_keys("key_backspace", "key_id_x")  # the right check digit

    assert "error_other_parent_id_number" not in messages_shown(kiosk)


def test_delivery_choice_message_clears_as_soon_as_a_method_is_chosen(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(screens.form)
    drive.fill_form(find_offering(drive.visit.catalog, BIRTH_REGISTRATION))
    drive.tap("materials_next")
    drive.tap("delivery_next")  # nothing chosen
    assert drive.text_of("error_delivery.method")

    drive.tap("delivery_0")  # 自取

    assert not drive.find(ErrorLabel, "error_delivery.method").isVisible()
