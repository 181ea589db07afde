"""The Italian catalog: it holds every word the code marks, each with a reviewed (non-fuzzy)
Italian that keeps its placeholders; plurals have both forms; the glossary's screen names are
the catalog's."""
import importlib.util
import re

import pytest

from hub.i18n import ROOT, _, ngettext, speaking

spec = importlib.util.spec_from_file_location("catalog", ROOT / "translations" / "catalog.py")
catalog = importlib.util.module_from_spec(spec)
spec.loader.exec_module(catalog)


@pytest.fixture(scope="module")
def italian():
    return catalog.read(catalog.catalog_file("it"))


@pytest.fixture(scope="module")
def marked():
    return catalog.extract()


def test_every_marked_word_is_in_the_catalog(italian, marked):
    """A word marked in the code but missing here would show in English to an Italian user:
    `python translations/catalog.py update` adds it."""
    missing = [m.id for m in marked if m.id and italian.get(m.id, m.context) is None]
    assert not missing, f"run translations/catalog.py update and translate: {missing[:20]}"


def test_every_word_has_a_reviewed_italian_that_keeps_its_placeholders(italian):
    assert catalog.problems(italian) == []


def test_the_catalog_holds_no_word_the_code_no_longer_marks(italian, marked):
    stale = [m.id for m in italian if m.id and marked.get(m.id, m.context) is None]
    assert not stale, f"run translations/catalog.py update: {stale[:20]}"


def test_plurals_have_the_singular_and_the_plural(italian):
    plurals = [m for m in italian if isinstance(m.id, tuple)]
    assert plurals
    for message in plurals:
        assert len(message.string) == 2 and all(message.string), message.id


def test_the_problems_check_itself_finds_a_lost_placeholder_and_a_fuzzy_entry():
    from babel.messages.catalog import Catalog
    broken = Catalog(locale="it")
    broken.add("{count} rows", "righe")
    broken.add("Save", "Salva", flags=["fuzzy"])
    broken.add("Site", "")
    assert len(catalog.problems(broken)) == 3


def test_plural_forms_are_italian_gettexts_one_and_other():
    with speaking("it"):
        assert ngettext("{n} booking", "{n} bookings", 1) != ngettext("{n} booking",
                                                                       "{n} bookings", 2)


def glossary() -> dict[str, str]:
    rows = (ROOT / "translations" / "GLOSSARY.md").read_text().splitlines()
    pairs = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) == 3 and "screen" in cells[2]:
            pairs[cells[0]] = cells[1]
    return pairs


def test_the_screens_are_named_as_the_glossary_says():
    screens = glossary()
    assert len(screens) == 9
    with speaking("it"):
        for english, italian in screens.items():
            assert _(english) == italian


def test_no_f_string_hides_inside_a_marked_call():
    """`_(f"…{x}")` cannot be looked up: the extractor skips it, and the screen stays English."""
    found = []
    for path in catalog.sources():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\b(_|N_|ngettext|pgettext)\(\s*f[\"']", line):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    assert not found


def test_no_marking_name_is_subscripted():
    """The extractor takes `counted[…]` for a call of counted() that never closes, and skips
    every word after it in the file: a variable must not be named like a marking function."""
    found = []
    names = "|".join(name for name in catalog.KEYWORDS if name.isidentifier() and name != "_")
    for path in catalog.sources():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(rf"(?<![\w.])({names})\s*\[", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found
