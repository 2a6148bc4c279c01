"""Fixtures shared by every test: users per role, and a real SMTP server on localhost."""

import pytest

from samenspel.accounts.roles import Role

PASSWORD = "samenspel-test"


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Start every test in Dutch: a request in English must not leak into the next test."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture
def make_user(db):
    """Create a user with one or more roles, and the Employee record that goes with it."""
    from django.contrib.auth.models import Group

    from samenspel.accounts.models import User
    from samenspel.organisation.models import Department, Employee

    def make(username: str, *roles: Role, department=None, **employee_fields) -> User:
        user = User.objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@altena.test"
        )
        for role in roles:
            group, _ = Group.objects.get_or_create(name=Role(role).value)
            user.groups.add(group)
        if department is None:
            department, _ = Department.objects.get_or_create(
                slug="openbare-ruimte", defaults={"name": "Openbare Ruimte"}
            )
        Employee.objects.create(
            user=user,
            name=username.title(),
            email=user.email,
            department=department,
            is_development_team=Role.DEVELOPMENT_TEAM in roles,
            is_manager=Role.MANAGER in roles,
            **employee_fields,
        )
        return user

    return make


@pytest.fixture
def users(make_user):
    """One user per role, named after the role."""
    return {role: make_user(role.value, role) for role in Role}


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            self.messages.append(message)
            return "250 Message accepted for delivery"

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    controller.messages = handler.messages
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Route Django's mail through the real SMTP server above."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_server
