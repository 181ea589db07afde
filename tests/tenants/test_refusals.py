"""What the listing rules refuse or neutralise (hub/tenants/listings.py): text a person types
reaches the website (bio_html, published_listings) and the editor's preview (bio_markdown)
as text, inside **bold** and *italic* runs too; a listing saved from a stale screen is
refused with the STALE sentence and the first save kept; limits hold exactly at the limit."""
import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, TenantListing
from hub.errors import Invalid, Stale
from hub.tenants import listings
from tests.occupancy.test_refusals import on_postgres, saved_meanwhile
from tests.worlds import SOMEONE_ELSE, stale, write

GIULIA_STALE = stale("The listing of Giulia Neri")
OURS = re.compile(r"</?(?:p|strong|em)>|<br>")
ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x27);")
# Typed text full of what HTML and Markdown would act on, markers included.
TYPED = st.text(alphabet="ab *<>&\"'\n/=\\[]()_`#!|~$:.-+{}", max_size=60)
# What Markdown (CommonMark, GFM, Streamlit's :colour[...] and $math$) may act on.
MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!<>|~$:&")


def listing(tenant_id: int) -> TenantListing | None:
    with reading() as session:
        return listings.listing_of(session, tenant_id)


def listing_audit() -> list[tuple[str, str]]:
    with reading() as session:
        return [(entry.action, entry.username) for entry in session.exec(
            select(AuditEntry).where(AuditEntry.entity == "tenant_listings")
            .order_by(AuditEntry.id))]


def save(base, role="communication", version=None, tenant="giulia", **values):
    return write(listings.edit_listing, actor=base[role], tenant_id=base[tenant],
                 version=version, **values)


# --- the website's HTML and the preview's Markdown ------------------------------------------

def test_html_inside_bold_and_italic_runs_is_escaped_on_the_website():
    bio = '**<b>big</b>** and *<i onmouseover="x">it</i>*'
    assert listings.bio_html(bio) == (
        "<p><strong>&lt;b&gt;big&lt;/b&gt;</strong> and "
        "<em>&lt;i onmouseover=&quot;x&quot;&gt;it&lt;/i&gt;</em></p>")


def test_html_inside_bold_and_italic_runs_is_escaped_in_the_preview():
    bio = '**<b>big</b>** and *<i onmouseover="x">it</i>*'
    assert listings.bio_markdown(bio) == (
        '**\\<b\\>big\\<\\/b\\>** and *\\<i onmouseover\\=\\"x\\"\\>it\\<\\/i\\>*')


def test_markdown_inside_bold_and_italic_runs_stays_inert():
    bio = "**[site](javascript:alert(1))** *_under_ `code`* ![x](https://e.org/x.png)"
    assert listings.bio_markdown(bio) == (
        "**\\[site\\]\\(javascript\\:alert\\(1\\)\\)** *\\_under\\_ \\`code\\`* "
        "\\!\\[x\\]\\(https\\:\\/\\/e\\.org\\/x\\.png\\)")
    assert listings.bio_html(bio) == (
        "<p><strong>[site](javascript:alert(1))</strong> <em>_under_ `code`</em> "
        "![x](https://e.org/x.png)</p>")


def test_quotes_entities_and_line_breaks_are_shown_as_typed():
    bio = "**Glaze & <kiln>** \"fired\" — *l'atelier* R&amp;D\none<br>\n\n  \n# not a heading"
    assert listings.bio_html(bio) == (
        "<p><strong>Glaze &amp; &lt;kiln&gt;</strong> &quot;fired&quot; — "
        "<em>l&#x27;atelier</em> R&amp;amp;D<br>one&lt;br&gt;</p><p># not a heading</p>")
    assert listings.bio_markdown(bio) == (
        "**Glaze \\& \\<kiln\\>** \\\"fired\\\" — *l\\'atelier* R\\&amp\\;D  \none\\<br\\>"
        "\n\n\\# not a heading")


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_the_website_html_holds_only_our_own_tags(bio):
    shown = OURS.sub("", listings.bio_html(bio))
    assert not set("<>\"'") & set(ENTITY.sub("", shown))
    assert ENTITY.sub("", shown).count("&") == 0
    typed = "".join(text.replace("\n", "") for runs in listings.bio_pieces(bio)
                    for _, text in runs)
    assert html.unescape(shown) == typed


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_the_preview_markdown_escapes_everything_but_our_own_markers(bio):
    shown = re.sub(r"\\.", "", listings.bio_markdown(bio).replace("  \n", "\n"))
    live = set(shown) & MARKDOWN_SPECIALS
    assert live <= {"*"}
    markers = sum({"plain": 0, "bold": 4, "italic": 2}[style]
                  for runs in listings.bio_pieces(bio) for style, _ in runs)
    assert shown.count("*") == markers


def test_the_website_feed_carries_the_bio_as_typed_and_escaped(base):
    bio = "**<script>alert('x')</script>** made *by hand* & fired"
    save(base, bio=bio, keywords="<b>Raku</b>, kiln", published=True)
    with reading() as session:
        [row] = listings.published_listings(session, site_id=base["site"])
    assert row["bio"] == bio
    assert row["bio_html"] == (
        "<p><strong>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</strong> made "
        "<em>by hand</em> &amp; fired</p>")
    assert row["keywords"] == ["<b>raku</b>", "kiln"]


# --- two people editing one listing ---------------------------------------------------------

def test_the_second_of_two_listing_edits_is_refused_and_the_first_kept(base):
    opened = save(base, role="manager", bio="Stoneware.")
    save(base, version=opened.version, bio="Porcelain.", published=True)
    with pytest.raises(Stale) as refused:
        save(base, role="manager", version=opened.version, bio="Raku.", instagram="neri")
    assert re.fullmatch(GIULIA_STALE, str(refused.value))
    kept = listing(base["giulia"])
    assert (kept.bio, kept.published, kept.instagram, kept.updated_by) == (
        "Porcelain.", True, None, "carla")
    assert listing_audit() == [("create", "boss"), ("update", "carla")]


def test_a_listing_edit_meeting_another_save_at_the_write_is_refused(base, monkeypatch):
    opened = save(base, role="manager", bio="Stoneware.")
    saved_meanwhile(monkeypatch, listings, bio="Theirs.")
    with pytest.raises(Stale) as refused:
        save(base, version=opened.version, bio="Mine.")
    assert re.fullmatch(stale("The listing of Giulia Neri", by=SOMEONE_ELSE), str(refused.value))
    assert listing(base["giulia"]).bio == ("Theirs." if on_postgres() else "Stoneware.")
    assert listing_audit() == [("create", "boss")]


# --- limits, exactly at the limit and one over ----------------------------------------------

@pytest.mark.parametrize("values, field, message", [
    ({"bio": "x" * 1501}, "bio", "bio is 1501 characters; the website takes at most 1500"),
    ({"instagram": "a" * 31}, "instagram", f"instagram '{'a' * 31}' is not a handle "
                                           "(letters, digits, dot and underscore, at most 30)"),
    ({"keywords": ",".join(f"k{n}" for n in range(11))}, "keywords",
     "keywords: at most 10, each under 40 characters, separated by commas"),
    ({"keywords": "k" * 41}, "keywords",
     "keywords: at most 10, each under 40 characters, separated by commas"),
    ({"keywords": ", ".join([f"{n}" + "k" * 27 for n in range(9)] + ["9" + "k" * 30])},
     "keywords", "keywords are longer than 300 characters in all"),
    ({"photo_url": "https://e.org/" + "p" * 487}, "photo URL",
     "photo URL is longer than 500 characters"),
    ({"photo_url": "http://e.org/me.jpg"}, "photo URL",
     "photo URL must start with https:// (the website is secure)"),
])
def test_a_listing_over_a_limit_is_refused_word_for_word_and_nothing_written(
        base, values, field, message):
    with pytest.raises(Invalid) as refused:
        save(base, **{"bio": "Stoneware.", **values})
    assert (refused.value.field, refused.value.message) == (field, message)
    assert listing(base["giulia"]) is None and listing_audit() == []


def test_a_listing_exactly_at_every_limit_is_saved_as_typed(base):
    keywords = [f"{n}" + "k" * 27 for n in range(9)] + ["9" + "k" * 29]   # 300 in all
    saved = save(base, bio="x" * 1500, instagram="@" + "a" * 30, keywords=", ".join(keywords),
                 photo_url="https://e.org/" + "p" * 486, published=True)
    stored = listing(saved.tenant_id)
    assert (len(stored.bio), stored.instagram, len(stored.photo_url)) == (1500, "a" * 30, 500)
    assert stored.keywords == ", ".join(keywords) and len(stored.keywords) == 300
    with reading() as session:
        assert session.exec(select(func.count()).select_from(TenantListing)).one() == 1
