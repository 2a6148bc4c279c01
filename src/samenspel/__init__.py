"""Samenspel: kerngericht samenwerken tussen gemeente, inwoners en partners."""

__version__ = "0.1.0"
