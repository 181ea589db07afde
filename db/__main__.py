"""Bottega's command line: `python -m db COMMAND`. Run `python -m db --help` for the list.

An entry point like app.py: account and site commands go through hub/, so the same validation and
audit apply as in the app. Errors print one line each on stderr and exit non-zero.
"""
from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from babel.numbers import format_currency
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from db.engine import database_url, get_engine, reading, writing
from db.migrate import upgrade
from db.seed.driver import seed_demo, seed_scale
from db.vocabulary import LANGUAGES, ROLES
from hub.admin import backup, transfer, users
from hub.billing import invoices
from hub.errors import Invalid, Refused
from hub.i18n import _, locale
from hub import sites


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except transfer.ImportRefused as refusal:
        for problem in refusal.outcome.errors:
            print(f"error: {refusal.outcome.file_name}, {problem}", file=sys.stderr)
        print(f"error: {refusal.outcome.bad_rows} bad row(s); nothing was imported",
              file=sys.stderr)
    except OSError as error:
        print(f"error: {error.filename or 'file'}: {error.strerror or error}", file=sys.stderr)
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
    add.add_argument("--language", choices=LANGUAGES,
                     help="what the screens speak to them (default: BOTTEGA_LANGUAGE, else en)")
    site = command("add-site", add_site, "add a site (a building of the hub), manager's rules")
    site.add_argument("code", help="short code used in import files, like ON")
    site.add_argument("--name", required=True)
    site.add_argument("--city", required=True)
    site.add_argument("--country", default="IT", help="ISO code or name (default IT)")
    site.add_argument("--area", default="0", help="total area in m² (default 0)")
    site.add_argument("--address", default=None)
    site.add_argument("--timezone", default="Europe/Rome", help="default Europe/Rome")
    site.add_argument("--opens", default="08:00", help="opening time (default 08:00)")
    site.add_argument("--closes", default="20:00", help="closing time (default 20:00)")
    site.add_argument("--days", default="Mon-Sat", help="open days, like Mon-Sat or Mon Wed Fri")
    site.add_argument("--budget", default=None,
                      help="yearly building budget in euros, like 40000 (default: none)")
    role = command("set-role", set_role, "change an account's role")
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=ROLES)
    for name, action, text in (("deactivate", users.deactivate, "stop an account signing in"),
                               ("reactivate", users.reactivate, "let a deactivated account in"),
                               ("unlock", users.unlock, "lift the pauses after failed sign-ins")):
        sub = command(name, account_action(action, name), text)
        sub.add_argument("username")
    reset = command("reset-password", reset_password, "set a new password (stdin or prompted)")
    reset.add_argument("username")
    imported, exported = transfer.imported(), transfer.exported()
    load = command("import", import_file, f"import a CSV or XLSX file of {', '.join(imported)}: "
                                          "all rows or none, every bad row reported by line")
    load.add_argument("kind", choices=imported, metavar="KIND")
    load.add_argument("file")
    dump = command("export", export_file,
                   f"export {', '.join(exported)} as CSV or XLSX (by the suffix)")
    dump.add_argument("kind", choices=exported, metavar="KIND")
    dump.add_argument("file")
    bill_run = command("bill", bill, "issue the month's invoices to every payer not yet billed "
                                     "for it (and credit notes for fees refunded since)")
    bill_run.add_argument("--month", required=True, help="the month billed, like 2027-03")
    bill_run.add_argument("--site", help="the code of one site (default: every site in use)")
    save = command("backup", backup_file, "write a consistent backup of the whole database")
    save.add_argument("file")
    back = command("restore", restore_file, "restore a backup into an empty database")
    back.add_argument("file")
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
                              password=password, language=args.language)
    print(f"added {user.username} ({user.role})")


def add_site(args) -> None:
    with writing() as session, session.begin():
        site = sites.add_site(session, actor=users.COMMAND_LINE, code=args.code, name=args.name,
                              city=args.city, country=args.country, total_area_m2=args.area,
                              address=args.address, timezone=args.timezone,
                              building_budget=args.budget,
                              opens_at=sites.parse_clock(args.opens, "--opens"),
                              closes_at=sites.parse_clock(args.closes, "--closes"),
                              weekdays=sites.parse_days(args.days, "--days"))
    print(f"added site {site.code} ({site.name}, {site.city}); open "
          f"{sites.days_text(site.open_weekdays)} {site.opens_at:%H:%M}–{site.closes_at:%H:%M}")


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



def import_file(args) -> None:
    path = Path(args.file)
    data = path.read_bytes()
    report = progress_bar if sys.stderr.isatty() else None
    with writing() as session, session.begin():
        outcome = transfer.import_file(
            session, actor=users.COMMAND_LINE, kind=transfer.get_kind(args.kind), data=data,
            file_name=path.name,
            progress=(lambda done, total: report("importing", done, total)) if report else None)
    print(f"imported {args.kind} from {path.name}: {outcome.summary()}")


def export_file(args) -> None:
    path = Path(args.file)
    file_format = transfer.file_format(path.name)
    with reading() as session:
        data = transfer.export_file(session, actor=users.COMMAND_LINE,
                                    kind=transfer.get_kind(args.kind), file_format=file_format)
    path.write_bytes(data)
    print(f"exported {args.kind} to {path} ({len(data):,} bytes)")


def bill(args) -> None:
    with writing() as session, session.begin():
        site_id = None
        if args.site is not None:
            site = sites.site_by_code(session, args.site)
            if site is None:
                known = ", ".join(sorted(other.code for other in sites.list_sites(session)))
                raise Invalid("site", _("there is no site with code '{code}' (known: {known})")
                              .format(code=args.site, known=known))
            site_id = site.id
        run = invoices.bill_month(session, actor=users.COMMAND_LINE, month=args.month,
                                  site_id=site_id)
    print(bill_report(run, args.site))


def bill_report(run: invoices.BillRun, site_code: str | None) -> str:
    where = f" at {site_code.strip().upper()}" if site_code else ""
    month = f"{run.month:%Y-%m}"
    if not run.invoices and not run.credit_notes:
        return (f"nothing issued for {month}{where}: every payer with something to bill is "
                "already billed for it")
    said = [f"{counted(len(run.invoices), 'invoice')}, total {euros(run.total)}"]
    if run.credit_notes:
        said.append(f"{counted(len(run.credit_notes), 'credit note')}, total "
                    f"{euros(run.credited)}")
    return f"billed {month}{where}: " + "; ".join(said)


def counted(count: int, thing: str) -> str:
    return f"{count:,} {thing}" + ("" if count == 1 else "s")


def euros(amount) -> str:
    return format_currency(amount, "EUR", locale=locale())


def backup_file(args) -> None:
    path = Path(args.file)
    counts = backup.write_backup(get_engine(), path, actor=users.COMMAND_LINE)
    print(f"backup written to {path}: " + ", ".join(f"{n:,} {table}" for table, n
                                                   in counts.items() if n))


def restore_file(args) -> None:
    upgrade(get_engine())
    counts = backup.restore(get_engine(), Path(args.file), actor=users.COMMAND_LINE)
    print(f"restored from {args.file}: " + ", ".join(f"{n:,} {table}" for table, n
                                                    in counts.items() if n))


if __name__ == "__main__":
    sys.exit(main())
