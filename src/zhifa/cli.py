"""The `zhifa` command: Django's management commands plus zhifa's own."""

from __future__ import annotations

import os
import sys

ZHIFA_COMMANDS = (
    "demo",
    "seed",
    "audit",
    "regions",
    "lawbase",
    "parties",
    "calendar",
    "rules",
    "deadlines",
    "casefiles",
    "schedule",
    "pki",
    "serve",
    "db_worker",
    "openapi",
    "token",
)


def _help() -> None:
    from django.core.management import get_commands, load_command_class

    print("用法 / usage: zhifa <command> [options]\n")
    print("zhifa 命令 / zhifa commands:")
    commands = get_commands()
    for name in ZHIFA_COMMANDS:
        if name in commands:
            help_text = load_command_class(commands[name], name).help.splitlines()[0]
            print(f"  {name:<10} {help_text}")
    django_commands = sorted(name for name in commands if name not in ZHIFA_COMMANDS)
    print("\nDjango 命令 / Django commands (zhifa <command> --help for details):")
    line = " "
    for name in django_commands:
        if len(line) + len(name) > 88:
            print(line)
            line = " "
        line += f" {name}"
    print(line)


def main(argv: list[str] | None = None) -> None:
    from zhifa.core.lifetime import end_with_keeper

    end_with_keeper()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.dev")
    argv = list(sys.argv if argv is None else argv)
    import django

    django.setup()
    if len(argv) < 2 or (argv[1] in {"-h", "--help", "help"} and len(argv) == 2):
        _help()
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zhifa", *argv[1:]])


if __name__ == "__main__":
    main()
