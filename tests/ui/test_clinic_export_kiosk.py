"""On a clinic kiosk, a patient's export goes only to the clinic's keys, into the clinic's folder."""

from ui_helpers import settle

from desktop.exchange.age_files import generate_identity
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy


def _card(qtbot, database, today, policy=HOME):
    from desktop.ui.settings.clinic_export_card import ClinicExportCard

    card = ClinicExportCard(database, today, policy=policy)
    qtbot.addWidget(card)
    return card


def test_kiosk_export_goes_to_the_clinic_folder_for_the_clinic_key_only(qtbot, database, today, tmp_path, dialogs):
    identity, recipient = generate_identity()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    kiosk = ClinicPolicy(kiosk=True, recipients=(recipient,), export_folder=str(inbox))
    card = _card(qtbot, database, today, kiosk)
    assert card.key.isReadOnly() and card.key.text() == recipient
    card.save_for_clinic()
    settle(qtbot)
    card.save_for_clinic()  # a second export never overwrites the first
    settle(qtbot)
    files = sorted(inbox.glob("*.age"))
    assert len(files) == 2 and "sent" in card.status.text()
    assert not dialogs.shown  # no file dialog on a kiosk
    from desktop.exchange.age_files import decrypt_in_process

    assert decrypt_in_process(files[0].read_bytes(), identity)  # the clinic's key opens it


def test_kiosk_without_a_clinic_key_or_folder_cannot_export(qtbot, database, today):
    card = _card(qtbot, database, today, ClinicPolicy(kiosk=True))
    assert not card.send_button.isEnabled() and "ask a member of staff" in card.key_status.text()


def test_at_home_the_patient_types_their_clinic_key(qtbot, database, today):
    card = _card(qtbot, database, today)
    assert not card.key.isReadOnly() and not card.send_button.isEnabled()  # until a clinic key is typed in
    card.key.setText(generate_identity()[1])
    assert card.send_button.isEnabled()
