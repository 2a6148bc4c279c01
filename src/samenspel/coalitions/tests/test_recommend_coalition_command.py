"""`samenspel recommend-coalition`: JSON in, JSON out, clear messages, no database needed.

The call_command tests run without the `db` fixture, so pytest-django would fail them on any
database access; the subprocess test points the real console script at a database that does
not exist.
"""

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

CASE = {
    "employees": [
        {
            "id": 1,
            "department": "Openbare Ruimte",
            "skills": {"riolering": 3},
            "available_hours": 4,
            "development_team": False,
            "engaged_before": False,
        },
        {
            "id": 2,
            "department": "Sociaal Domein",
            "skills": {"participatie": 2},
            "available_hours": 4,
            "development_team": False,
            "engaged_before": True,
        },
        {
            "id": 3,
            "department": "Ontwikkelteam",
            "skills": {"participatie": 3},
            "available_hours": 8,
            "development_team": True,
            "engaged_before": True,
        },
    ],
    "challenge": {
        "id": 12,
        "owner_department": "Openbare Ruimte",
        "needs": {"riolering": 3, "participatie": 1, "asbest": 1},
        "hours_per_member": 2,
        "min_size": 2,
        "max_size": 3,
        "max_per_department": 1,
    },
}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "case.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(path: Path) -> dict:
    out = StringIO()
    call_command("recommend_coalition", "--input", str(path), stdout=out)
    return json.loads(out.getvalue())


def test_command_prints_the_proposed_coalition_as_json(tmp_path):
    answer = run(write(tmp_path, CASE))
    assert set(answer) == {"members", "objective", "solver", "uncovered"}
    assert [(m["id"], m["role"]) for m in answer["members"]] == [
        (1, "owner"),
        (2, "member"),
        (3, "coach"),
    ]
    assert answer["members"][0]["reason"].startswith("dekt riolering (niveau 3)")
    assert answer["solver"] == "cp-sat-optimal"
    assert answer["uncovered"] == ["asbest"]
    assert isinstance(answer["objective"], int)


def test_infeasible_case_is_explained_in_dutch_and_english(tmp_path):
    case = json.loads(json.dumps(CASE))
    case["employees"][0]["available_hours"] = 1
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, case))
    assert "Niemand van de eigenaarsafdeling 'Openbare Ruimte'" in str(raised.value)
    assert "Nobody in the owner department" in str(raised.value)


def test_invalid_json_names_line_and_column(tmp_path):
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, '{"employees": [}'))
    assert "geen geldige JSON (regel 1" in str(raised.value)


def test_missing_input_file_is_explained(tmp_path):
    with pytest.raises(CommandError) as raised:
        run(tmp_path / "bestaat-niet.json")
    assert "bestaat niet" in str(raised.value)


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("samenspel")
    if script.exists():
        return [str(script)]
    found = shutil.which("samenspel")
    assert found, "the samenspel console script is installed with the package"
    return [found]


def test_console_script_works_without_a_database_and_fails_without_traceback(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samenspel.conf.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'nowhere.sqlite3'}",
    }
    ok = subprocess.run(  # noqa: S603 - fixed arguments, our own console script
        [*_console_script(), "recommend-coalition", "--input", str(write(tmp_path, CASE))],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["members"][0]["role"] == "owner"
    assert not (tmp_path / "missing").exists()

    bad = subprocess.run(  # noqa: S603
        [*_console_script(), "recommend-coalition", "--input", str(write(tmp_path, []))],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode != 0
    assert "De invoer moet een object zijn" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert bad.stdout == ""
