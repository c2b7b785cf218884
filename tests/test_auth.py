"""Console accounts: hashes, roles, and the one-time admin password."""

from vigia.auth import allows, authenticate, hash_password, new_console_token, verify_password
from vigia.settings import load_settings


def test_hashes_verify_only_their_password_and_are_salted():
    hashed = hash_password("correct horse battery")
    assert hashed.startswith("scrypt$") and verify_password("correct horse battery", hashed)
    assert not verify_password("correct horse batterY", hashed)
    assert hash_password("correct horse battery") != hashed
    assert not verify_password("x", "not-a-hash") and not verify_password("x", "md5$1$2$3$4$5")


def test_roles_are_ordered():
    assert allows("admin", "annotator") and allows("annotator", "viewer") and allows("viewer", "viewer")
    assert not allows("viewer", "annotator") and not allows("annotator", "admin")


def test_token_admin_exists_only_while_no_accounts_are_configured(isolated):
    token, hashed = new_console_token()
    assert authenticate(load_settings(console_token_hash=hashed), "admin", token).role == "admin"
    assert authenticate(load_settings(console_token_hash=hashed), "admin", "wrong") is None
    users = [{"username": "ana", "role": "viewer", "password_hash": hash_password("una clave larga")}]
    configured = load_settings(console_token_hash=hashed, console_users=users)
    assert authenticate(configured, "admin", token) is None
    assert authenticate(configured, "ana", "una clave larga").role == "viewer"
