"""The `samenspel` console script: Django's management commands under one name.

`samenspel demo` migrates, loads the Altena demo data and serves the app;
every other sub-command is passed to Django (`samenspel migrate`,
`samenspel send-outbox`, `samenspel group-signals ...`). Sub-commands may be
written with dashes; Django's command names use underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.conf.dev")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
