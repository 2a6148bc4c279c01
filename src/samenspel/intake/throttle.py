"""Rate limit of the public report form, per client IP, kept in the Django cache.

The window starts at a client's first counted submission and lasts
settings.SAMENSPEL_REPORT_RATE_WINDOW seconds. The IP address is hashed before it
becomes a cache key: an IP address is personal data (AVG) and the cache needs none.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address our own reverse proxies saw.

    X-Forwarded-For is trusted only for as many hops as settings.SAMENSPEL_TRUSTED_PROXIES
    says (default 0): anyone can send that header, so trusting it blindly would let a
    client pick a fresh "IP" for every request.
    """
    trusted = int(getattr(settings, "SAMENSPEL_TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(ip: str) -> tuple[str, str]:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]
    base = f"samenspel:intake:report-rate:{digest}"
    return f"{base}:start", f"{base}:count"


def report_rate_limited(ip: str) -> bool:
    """True when this client has used up its submissions in the current window."""
    _, count_key = _keys(ip)
    return cache.get(count_key, 0) >= settings.SAMENSPEL_REPORT_RATE_LIMIT


def report_rate_consume(ip: str) -> bool:
    """Count one submission; False when it goes over the limit (then refuse it)."""
    window = max(1, int(settings.SAMENSPEL_REPORT_RATE_WINDOW))
    start_key, count_key = _keys(ip)
    now = time.time()
    cache.add(start_key, now, timeout=window)
    start = cache.get(start_key, now)
    remaining = max(1, int(start + window - now))
    if cache.add(count_key, 1, timeout=remaining):
        count = 1
    else:
        try:
            # incr is atomic on Redis and the local-memory cache.
            count = cache.incr(count_key)
        except ValueError:
            cache.set(count_key, 1, timeout=remaining)
            count = 1
        # Some backends reset the expiry on incr; keep the window where it began.
        cache.touch(count_key, remaining)
    return count <= settings.SAMENSPEL_REPORT_RATE_LIMIT
