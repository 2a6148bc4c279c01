"""The recommender is a pure module: importing it must not pull in Django."""

import subprocess
import sys


def test_recommender_imports_without_django():
    code = (
        "import sys\n"
        "import samenspel.coalitions.recommender\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
