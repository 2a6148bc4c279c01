"""CI check: every translatable string in the code is in the English catalogues.

Runs `makemessages` (needs GNU gettext) into a scratch copy of each app and compares the
extracted msgids with the committed catalogue. Exit code 1 lists what is missing.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from samenspel.core.catalogues import PACKAGE_DIR, parse_po  # noqa: E402

DJANGO_ADMIN = ROOT / ".venv" / "bin" / "django-admin"


def extracted_msgids(app_dir: Path) -> set[tuple[str | None, str]]:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / app_dir.name
        shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
        (copy / "locale").mkdir()
        subprocess.run(
            [
                str(DJANGO_ADMIN),
                "makemessages",
                "-l",
                "en",
                "--ignore=tests/*",
                "--settings=samenspel.conf.test",
                f"--pythonpath={ROOT / 'src'}",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
        )
        po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
        return {(e.msgctxt, e.msgid) for e in parse_po(po)} if po.exists() else set()


def main() -> int:
    failures = 0
    for app_dir in sorted(p for p in PACKAGE_DIR.iterdir() if (p / "apps.py").exists()):
        wanted = extracted_msgids(app_dir)
        po = app_dir / "locale" / "en" / "LC_MESSAGES" / "django.po"
        have = {(e.msgctxt, e.msgid) for e in parse_po(po)} if po.exists() else set()
        missing = sorted(m for _, m in wanted - have)
        if missing:
            failures += 1
            print(f"{app_dir.name}: {len(missing)} string(s) missing from {po.relative_to(ROOT)}:")
            for msgid in missing[:20]:
                print(f"  {msgid!r}")
    if failures:
        print("Run `make messages`, translate the new entries, and commit the .po and .mo files.")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
