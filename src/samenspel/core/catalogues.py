"""Reading gettext catalogues without GNU gettext: used by the translation checks."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Entry:
    msgid: str
    msgstr: list[str] = field(default_factory=list)
    msgid_plural: str = ""
    msgctxt: str | None = None
    fuzzy: bool = False


def english_catalogues() -> list[Path]:
    return sorted(PACKAGE_DIR.glob("*/locale/en/LC_MESSAGES/django.po"))


def parse_po(path: Path) -> list[Entry]:
    """Parse a .po file into entries (header and obsolete entries left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    key: str | None = None
    flags_fuzzy = False

    def finish() -> None:
        nonlocal current
        if current is not None and current.msgid != "":
            entries.append(current)
        current = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
                flags_fuzzy = False
            continue
        if line.startswith("#,"):
            flags_fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if current is None or key is None:
                continue
            if key == "msgid":
                current.msgid += value
            elif key == "msgid_plural":
                current.msgid_plural += value
            elif key == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            else:
                current.msgstr[-1] += value
            continue
        word, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if word == "msgctxt" or (word == "msgid" and (current is None or current.msgstr)):
            finish()
            current = Entry(msgid="", fuzzy=flags_fuzzy)
        if word == "msgctxt":
            current.msgctxt = value
        elif word == "msgid":
            current.msgid = value
        elif word == "msgid_plural":
            current.msgid_plural = value
        elif word.startswith("msgstr"):
            current.msgstr.append(value)
        key = "msgstr" if word.startswith("msgstr") else word
    finish()
    return entries
