"""Security settings a municipality's CISO would check before go-live."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samenspel.accounts.roles import Role
from samenspel.conf.env import email_settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "samenspel.conf.production",
    "SECRET_KEY": "x7!" + "k" * 60 + "Q9#zP",
    "ALLOWED_HOSTS": "samenspel.altena.nl",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env={**env, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_cookies_are_secure_and_hsts_is_on():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stderr


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_or_eval(client):
    response = client.get("/melden/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_pages_forbid_framing_and_sniffing(client):
    response = client.get("/melden/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(client, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    for _ in range(5):
        response = client.post("/account/inloggen/", {"username": "team", "password": "fout"})
    response = client.post("/account/inloggen/", {"username": "team", "password": "samenspel-test"})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_password_gets_a_dutch_explanation(client, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    response = client.post("/account/inloggen/", {"username": "team", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


@pytest.mark.django_db
def test_forged_csrf_token_is_refused_in_dutch(make_user):
    from django.test import Client

    make_user("team", Role.DEVELOPMENT_TEAM)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/account/inloggen/",
        {"username": "team", "password": "samenspel-test", "csrfmiddlewaretoken": "vervalst"},
    )
    assert response.status_code == 403
    assert "Er is niets opgeslagen" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.altena.nl:2525", {"EMAIL_HOST": "mail.altena.nl", "EMAIL_PORT": 2525}),
        (
            "smtp+tls://user%40altena:geheim@mail.altena.nl:587",
            {
                "EMAIL_HOST_USER": "user@altena",
                "EMAIL_HOST_PASSWORD": "geheim",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("smtp+ssl://mail.altena.nl", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_email_url_is_translated_into_django_settings(url, expected):
    result = email_settings(url)
    assert result["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    for key, value in expected.items():
        assert result[key] == value


def test_unknown_email_scheme_is_a_clear_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL scheme 'pop3'"):
        email_settings("pop3://mail.altena.nl")
