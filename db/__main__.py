"""Bottega's command line: `python -m db COMMAND`. Run `python -m db --help` for the list.

An entry point like app.py: account commands go through hub/, so the same validation and
audit apply as in the app. Errors print one line each on stderr and exit non-zero.
"""
from __future__ import annotations

import argparse
import getpass
import sys
import time

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from db.engine import database_url, get_engine, writing
from db.migrate import upgrade
from db.seed import seed_demo, seed_scale
from db.vocabulary import ROLES
from hub import users
from hub.errors import Refused


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except Refused as refusal:
        print(f"error: {refusal}", file=sys.stderr)
    except PasswordMismatch as error:
        print(f"error: {error}", file=sys.stderr)
    except SQLAlchemyError as error:
        where = make_url(database_url()).render_as_string(hide_password=True)
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"error: database {where}: {reason}", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted; nothing was written", file=sys.stderr)
    return 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m db", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def command(name, run, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    command("migrate", migrate, "bring the schema to the newest migration")
    command("seed-demo", demo, "add the demo hub (Officina Creativa, Officine Nora); idempotent")
    scale = command("seed-scale", scale_data, "add a network of hubs N times the demo, for benchmarks")
    scale.add_argument("--factor", type=positive, default=50, help="N (default 50)")
    add = command("add-user", add_user, "add an account (password from stdin or prompted)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    role = command("set-role", set_role, "change an account's role")
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=ROLES)
    for name, action, text in (("deactivate", users.deactivate, "stop an account signing in"),
                               ("reactivate", users.reactivate, "let a deactivated account in"),
                               ("unlock", users.unlock, "lift a lock after failed sign-ins")):
        sub = command(name, account_action(action, name), text)
        sub.add_argument("username")
    reset = command("reset-password", reset_password, "set a new password (stdin or prompted)")
    reset.add_argument("username")
    return top


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--factor must be a whole number of at least 1, not {text!r}")
    return value


class PasswordMismatch(Exception):
    pass


def read_password() -> str:
    """From standard input when it is not a terminal (first line), else prompted twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != password:
        raise PasswordMismatch("repeat password: the two passwords do not match")
    return password


def migrate(_args) -> None:
    upgrade(get_engine())
    print("database is at the newest schema")


def demo(_args) -> None:
    upgrade(get_engine())
    with writing() as session, session.begin():
        added = seed_demo(session)
    print("demo data: " + (", ".join(f"{n} {table}" for table, n in added.items() if n)
                           or "already present, nothing added"))


def scale_data(args) -> None:
    upgrade(get_engine())
    started = time.perf_counter()
    counts = seed_scale(get_engine(), args.factor, progress=progress_bar)
    print(f"\nscale data at factor {args.factor} in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{n:,} {table}" for table, n in counts.items()))


def progress_bar(step: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r{step:<14} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
    sys.stderr.flush()
    if done >= total:
        sys.stderr.write("\n")


def add_user(args) -> None:
    password = read_password()
    with writing() as session, session.begin():
        user = users.add_user(session, actor=users.COMMAND_LINE, username=args.username,
                              role=args.role, name=args.name, email=args.email,
                              password=password)
    print(f"added {user.username} ({user.role})")


def set_role(args) -> None:
    with writing() as session, session.begin():
        user = users.set_role(session, actor=users.COMMAND_LINE, username=args.username,
                              role=args.role)
    print(f"{user.username} is now {user.role}")


def account_action(action, verb):
    def run(args) -> None:
        with writing() as session, session.begin():
            user = action(session, actor=users.COMMAND_LINE, username=args.username)
        print(f"{verb}d {user.username}" if verb.endswith("e") else f"{verb}ed {user.username}")
    return run


def reset_password(args) -> None:
    password = read_password()
    with writing() as session, session.begin():
        user = users.reset_password(session, actor=users.COMMAND_LINE, username=args.username,
                                    password=password)
    print(f"new password set for {user.username}; their open sessions have ended")


if __name__ == "__main__":
    sys.exit(main())
