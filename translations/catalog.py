"""Bottega's gettext catalog, managed with Babel.

    python translations/catalog.py update           # extract the words, merge into it/messages.po
    python translations/catalog.py check [FILE.po]  # list words with no Italian yet (exit 1)
    python translations/catalog.py merge PART.po …  # fill empty Italian entries from other .po files
    python translations/catalog.py part OUT.po PATH …  # the words of some files only, into OUT.po

`update` is `pybabel extract` + `pybabel update` with Bottega's keywords: besides `_`, `N_`
and `ngettext`, the field names that hub/ refusals carry (`Invalid("end", …)`,
`checks.text(value, "name", …)`) are words too, shown translated before the sentence.
"""
from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "translations" / "messages.pot"
SOURCES = ("app.py", "pages", "ui", "web", "hub")
FIELD_CHECKS = ("text", "email", "phone", "web_address", "country", "day", "one_of", "money",
                "optional_email", "visible")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "Invalid": (1,),
            "counted": (2, 3),
            **{name: (2,) for name in FIELD_CHECKS}}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]")


def catalog_file(code: str = "it") -> Path:
    return ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"


def sources() -> list[Path]:
    files = []
    for source in SOURCES:
        path = ROOT / source
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def extract(files: list[Path] | None = None) -> Catalog:
    """Every word the code marks, with where it is used."""
    template = Catalog(project="Bottega", charset="utf-8")
    for path in files if files is not None else sources():
        for lineno, message, comments, context in extract_from_file(
                "python", path, keywords=KEYWORDS, strip_comment_tags=True):
            if isinstance(message, str) or all(message):
                template.add(message, None, [(str(path.relative_to(ROOT)), lineno)],
                             auto_comments=comments, context=context)
    if files is not None:
        return template
    sys.path.insert(0, str(ROOT))
    from hub.words import VOCABULARIES, english
    for vocabulary, codes in VOCABULARIES.items():
        for code in codes:
            template.add(english(vocabulary, code), None, [("hub/words.py", 1)],
                         context=vocabulary)
    return template


def read(path: Path, code: str = "it") -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code)


def write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, sort_output=False)


def update() -> Catalog:
    with warnings.catch_warnings(record=True) as skipped:
        warnings.simplefilter("always")
        template = extract()
    for warning in skipped:  # an f-string inside _() or a refusal: it cannot be looked up
        print(f"not extracted: {warning.message}".split(": warning:")[0], file=sys.stderr)
    write(template, TEMPLATE)
    path = catalog_file()
    if path.exists():
        catalog = read(path)
    else:
        catalog = Catalog(locale="it", project="Bottega", charset="utf-8",
                          copyright_holder="Bottega", fuzzy=False)
    # Italian as gettext writes it: one and other (CLDR's "many" for millions is not needed).
    catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    write(catalog, path)
    return catalog


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def problems(catalog: Catalog) -> list[str]:
    """Entries with no Italian, a fuzzy one, or one that loses or adds a placeholder."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = placeholders(ids[-1]) | placeholders(ids[0])
        for string in strings:
            if placeholders(string) != wanted and placeholders(string) != placeholders(ids[0]):
                found.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    return found


def merge(parts: list[Path]) -> int:
    path = catalog_file()
    catalog = read(path)
    filled = 0
    for part in parts:
        for message in read(part):
            if not message.id or message.fuzzy or not message.string:
                continue
            mine = catalog.get(message.id, message.context)
            if mine is not None and (not mine.string or (isinstance(mine.string, tuple)
                                                         and not all(mine.string))):
                mine.string = message.string
                mine.flags.discard("fuzzy")
                filled += 1
    write(catalog, path)
    return filled


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        catalog = update()
        print(f"{len(catalog)} words in {catalog_file().relative_to(ROOT)}; "
              f"{len(problems(catalog))} to translate")
        return 0
    if command == "part":  # part OUT.po FILE_OR_DIR…: one area's words, keeping what OUT has
        out, paths = Path(argv[1]), [Path(p).resolve() for p in argv[2:]]
        files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.py")))]
        part = read(out) if out.exists() else Catalog(locale="it", fuzzy=False)
        part._num_plurals, part._plural_expr = 2, "(n != 1)"
        part.update(extract(files), no_fuzzy_matching=True)
        part.obsolete.clear()
        write(part, out)
        print(f"{len(part)} words in {out}; {len(problems(part))} to translate")
        return 0
    if command == "merge":
        print(f"filled {merge([Path(p) for p in argv[1:]])} entries")
        return 0
    if command == "check":
        found = problems(read(Path(argv[1]) if len(argv) > 1 else catalog_file()))
        print("\n".join(found) or "every word has its Italian")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
