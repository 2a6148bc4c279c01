"""The `group-signals` contract of design §6: JSON lines in, one {"id", "group"} line out."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SAMENSPEL = Path(sys.executable).with_name("samenspel")

LINES = [
    {
        "id": "1",
        "text": "Lantaarnpalen doen het niet in de Spoorstraat",
        "kern": "Sleeuwijk",
        "channel": "web",
        "received_at": "2025-01-13T10:00:00+01:00",
    },
    {
        "id": "2",
        "text": "Straatverlichting Spoorstraat uitgevallen",
        "kern": "Sleeuwijk",
        "channel": "phone",
        "received_at": "2025-01-14T09:00:00Z",
    },
    {
        "id": "3",
        "text": "Hondenpoep in het park",
        "kern": None,
        "channel": None,
        "received_at": None,
    },
]


def _write(path: Path, lines: list) -> Path:
    path.write_text(
        "".join((json.dumps(line) if not isinstance(line, str) else line) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def test_every_input_line_gets_one_output_line_with_its_group(tmp_path):
    source, target = _write(tmp_path / "in.jsonl", LINES), tmp_path / "out.jsonl"
    call_command("group_signals", input=str(source), output=str(target))
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in out] == ["1", "2", "3"]
    assert out[0]["group"] == out[1]["group"] != out[2]["group"]


def test_a_malformed_line_is_named_by_its_number(tmp_path):
    source = _write(tmp_path / "in.jsonl", [LINES[0], '{"id": "2", "text": ', LINES[2]])
    with pytest.raises(CommandError, match="regel 2"):
        call_command("group_signals", input=str(source), output=str(tmp_path / "out.jsonl"))
    assert not (tmp_path / "out.jsonl").exists()


def test_a_line_without_text_is_refused(tmp_path):
    source = _write(tmp_path / "in.jsonl", [LINES[0], {"id": "2", "kern": "Hank"}])
    with pytest.raises(CommandError, match='regel 2: "text"'):
        call_command("group_signals", input=str(source), output=str(tmp_path / "out.jsonl"))


def test_a_bad_timestamp_is_refused(tmp_path):
    source = _write(tmp_path / "in.jsonl", [{**LINES[0], "received_at": "gisteren"}])
    with pytest.raises(CommandError, match='regel 1: "received_at"'):
        call_command("group_signals", input=str(source), output=str(tmp_path / "out.jsonl"))


def test_the_console_script_groups_a_file_without_any_database(tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing/nowhere.sqlite3",
        "DJANGO_SETTINGS_MODULE": "samenspel.conf.test",
    }
    source, target = _write(tmp_path / "in.jsonl", LINES), tmp_path / "out.jsonl"
    done = subprocess.run(  # noqa: S603
        [str(SAMENSPEL), "group-signals", "--input", str(source), "--output", str(target)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3
    assert not (tmp_path / "missing").exists()
