"""The Tenants screen's forms: add / edit / retire a tenant (manager), staff notes, and the
public listing editor with its preview (communication and manager). Keys start `tenants_`."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from db.models import Tenant, TenantListing, User
from db.vocabulary import RESIDENCIES, SECTORS
from hub.errors import Refused
from hub.i18n import N_, _, ngettext
from hub.tenants import listings
from hub.tenants import roster
from ui.confirm import confirm
from ui.database import reading, save
from ui.format import as_text, countries, country_name, day_text, label, listed, moment_text, number
from ui.forms import form
from ui.widgets import EARLIEST_DAY, choice_box

FLAG_LABELS = {"young_entrepreneur": N_("Young entrepreneur (under 35 at joining)"),
               "female_led": N_("Female-led business"), "startup": N_("Start-up (under 3 years)")}
ANSWERS = {None: N_("not answered"), True: N_("yes"), False: N_("no")}


def named(names: dict):
    """A format_func from the names worked out in this run: AppTest formats a value again
    outside the run, where the language is English. A label passed back formats as itself."""
    return lambda option: names.get(option, str(option))


def _flag_inputs(tenant: Tenant | None, key: str) -> dict:
    st.caption(_("Target-group flags are kept only with the tenant's recorded consent; "
                 "without a consent date leave them 'not answered'."))
    consent = st.date_input(_("Consent date"), value=tenant.consent_on if tenant else None,
                            key=f"{key}_consent", format="DD/MM/YYYY")
    columns = st.columns(3)
    answers = named({answer: _(name) for answer, name in ANSWERS.items()})
    flags = {flag: columns[i].selectbox(_(name), list(ANSWERS), format_func=answers,
                                        index=list(ANSWERS).index(getattr(tenant, flag, None)),
                                        key=f"{key}_{flag}")
             for i, (flag, name) in enumerate(FLAG_LABELS.items())}
    return {"consent_on": consent, **flags}


def tenant_fields(tenant: Tenant | None, key: str) -> dict:
    """The inputs of a tenant record; returns their values."""
    left, right = st.columns(2)
    codes = countries()
    values = {
        "name": left.text_input(_("Name"), value=tenant.name if tenant else "", key=f"{key}_name"),
        "business": right.text_input(_("Business"), value=(tenant.business or "") if tenant else "",
                                     key=f"{key}_business"),
        "sector": left.selectbox(_("Sector"), SECTORS, key=f"{key}_sector",
                                 format_func=named({code: label("sector", code) for code in SECTORS}),
                                 index=SECTORS.index(tenant.sector) if tenant else 0),
        "origin_country": right.selectbox(
            _("Origin country"), codes, format_func=named({code: country_name(code) for code in codes}),
            key=f"{key}_country", index=codes.index(tenant.origin_country if tenant else "IT")),
        "residency": left.selectbox(_("Residency"), RESIDENCIES, key=f"{key}_residency",
                                    format_func=named({code: label("residency", code).capitalize()
                                                       for code in RESIDENCIES}),
                                    index=RESIDENCIES.index(tenant.residency) if tenant else 0),
        "joined_on": right.date_input(_("Joined"), value=tenant.joined_on if tenant else date.today(),
                                      min_value=EARLIEST_DAY, key=f"{key}_joined",
                                      format="DD/MM/YYYY"),
        "email": left.text_input(_("Email"), value=(tenant.email or "") if tenant else "",
                                 key=f"{key}_email"),
        "phone": right.text_input(_("Phone"), value=(tenant.phone or "") if tenant else "",
                                  key=f"{key}_phone"),
    }
    return values | _flag_inputs(tenant, key)


def add_tenant_form(user: User, site_id: int | None, site_names: dict[int, str]) -> None:
    with form("tenants_add") as add:
        st.markdown(_("**New tenant**"))
        site = choice_box(_("Site"), site_names, key=add.key("tenants_add_site"),
                          index=list(site_names).index(site_id) if site_id in site_names else 0)
        values = tenant_fields(None, add.key("tenants_add"))
        website = st.text_input(_("Website"), key=add.key("tenants_add_website"))
        twin = st.checkbox(_("This is a different person from an existing tenant with the same "
                             "name and business"), key=add.key("tenants_add_twin"))
        if add.submitted(_("Add tenant"), type="primary"):
            tenant = add.save(roster.add_tenant, actor=user, site_id=site, website=website,
                              allow_duplicate=twin, **values)
            if tenant is not None:
                add.done(_("{name} added").format(name=tenant.name))


def edit_tenant_form(user: User, tenant: Tenant,
                     owed: Callable[[User, int], list[str]] | None = None) -> None:
    """`owed(user, tenant_id)`: what the retiring tenant still owes or holds in credit, as
    lines for the confirmation (given by the page: billing is not the tenants' area)."""
    with form(f"tenants_edit_{tenant.id}", version=tenant.version,
              about=("tenant", tenant.id)) as edit:
        st.markdown(_("**Edit the record**"))
        values = tenant_fields(tenant, edit.key(f"tenants_edit_{tenant.id}"))
        if edit.submitted(_("Save tenant"), type="primary"):
            saved = edit.save(roster.edit_tenant, actor=user, tenant_id=tenant.id, **values)
            if saved is not None:
                edit.done(_("{name} saved").format(name=saved.name))
    if tenant.left_on is None:
        with form(f"tenants_retire_{tenant.id}", version=tenant.version,
                  about=("tenant", tenant.id)) as retire:
            st.markdown(_("**Retire**: running leases end on the leaving day, later bookings "
                          "are cancelled, the listing is unpublished; the history stays."))
            left_on = st.date_input(_("Leaving day"), value=date.today(),
                                    key=retire.key(f"tenants_retire_day_{tenant.id}"),
                                    format="DD/MM/YYYY")
            if retire.submitted(_("Retire tenant")):
                try:
                    retire.ask(RETIRE, retirement_sentence(tenant.id, left_on),
                               details=owed(user, tenant.id) if owed else None,
                               tenant_id=tenant.id, left_on=left_on)
                except Refused as refusal:
                    st.error(as_text(str(refusal)), icon=":material/block:")
    confirm(RETIRE, title=_("Retire the tenant"), action=_("Retire"),
            run=lambda **request: _retire(user, **request))


RETIRE = "tenants_retire"


def retirement_sentence(tenant_id: int, left_on: date) -> str:
    """What retiring changes, e.g. Retire Studio Rossi on 31 Dec 2026 — the lease of L12
    ends that day, 2 later bookings are cancelled, and …"""
    with reading() as session:
        effect = roster.retirement(session, tenant_id=tenant_id, left_on=left_on)
    # Each clause is a whole clause in every language; the sentence puts them in its order.
    leases = (ngettext("the lease of {spaces} ends that day", "the leases of {spaces} end that day",
                       len(effect.spaces)).format(spaces=listed(effect.spaces))
              if effect.spaces else _("no lease runs past that day"))
    bookings = (ngettext("{count} later booking is cancelled", "{count} later bookings are cancelled",
                         effect.bookings).format(count=number(effect.bookings))
                if effect.bookings else _("no later booking is cancelled"))
    listing = (_("their public listing comes off the website") if effect.unpublishes
               else _("they have no published listing"))
    return _("Retire {tenant} on {day} — {leases}, {bookings}, and {listing}. Their history "
             "stays.").format(tenant=effect.tenant, day=day_text(left_on), leases=leases,
                              bookings=bookings, listing=listing)


def _retire(user: User, *, tenant_id: int, version: int | None, left_on: date) -> str | None:
    retired = save(roster.retire_tenant, actor=user, tenant_id=tenant_id, version=version,
                   left_on=left_on)
    if retired is None:
        return None
    return _("{name} retired on {day}").format(name=retired.name, day=day_text(left_on))


def notes_form(user: User, tenant: Tenant) -> None:
    with form(f"tenants_notes_{tenant.id}", version=tenant.version,
              about=("tenant", tenant.id)) as edit:
        notes = st.text_area(_("Staff notes"), value=tenant.notes or "", max_chars=roster.MAX_NOTES,
                             key=edit.key(f"tenants_notes_{tenant.id}"),
                             help=_("Seen by the manager and the communication team only"))
        if edit.submitted(_("Save notes")):
            if edit.save(roster.edit_staff_notes, actor=user, tenant_id=tenant.id,
                         notes=notes) is not None:
                edit.done(_("Notes saved"))


def listing_preview(name: str, business: str | None, sector: str, country: str,
                    draft: dict) -> None:
    """The listing as the website shows it: the same escaped bio, links and keywords."""
    with st.container(border=True):
        if draft.get("photo_url"):
            st.caption(_("Photo: {address}").format(address=as_text(draft["photo_url"])))
        st.subheader(as_text(name), anchor=False)
        st.caption(" · ".join(as_text(part) for part in
                              (business, label("sector", sector).capitalize(), country) if part))
        st.markdown(listings.bio_markdown(draft.get("bio", "")) or _("*No bio yet.*"))
        if keywords := [k.strip() for k in (draft.get("keywords") or "").split(",") if k.strip()]:
            st.markdown(" ".join(f":gray-badge[{as_text(k)}]" for k in keywords))
        links = []
        if draft.get("website"):
            links.append(_("Website: {address}").format(address=as_text(draft["website"])))
        if draft.get("instagram"):
            links.append(f"Instagram: @{as_text(draft['instagram'].removeprefix('@'))}")
        if links:
            st.caption(" · ".join(links))


def listing_editor(user: User, tenant: Tenant, country: str, listing: TenantListing | None) -> None:
    """Edit on the left, the website's view on the right; Preview shows a draft unsaved."""
    stored = {field: getattr(listing, field) if listing else None
              for field in ("bio", "website", "instagram", "keywords", "photo_url", "published")}
    draft_key = f"tenants_draft_{tenant.id}"
    edit, preview = st.columns([3, 2], gap="large")
    with edit, form(f"tenants_listing_{tenant.id}", version=listing.version if listing else None,
                    about=("listing", tenant.id)) as listed_form:
        key = listed_form.key
        values = {
            "bio": st.text_area(_("Bio"), value=stored["bio"] or "", height=200,
                                key=key(f"tenants_bio_{tenant.id}"), max_chars=listings.MAX_BIO,
                                help=_("Plain text; **bold** and *italic* work, a blank line starts "
                                       "a paragraph")),
            "website": st.text_input(_("Website"), value=stored["website"] or "",
                                     key=key(f"tenants_website_{tenant.id}")),
            "instagram": st.text_input("Instagram", value=stored["instagram"] or "",
                                       key=key(f"tenants_instagram_{tenant.id}")),
            "keywords": st.text_input(_("Craft keywords"), value=stored["keywords"] or "",
                                      key=key(f"tenants_keywords_{tenant.id}"),
                                      help=_("Separated by commas, at most {count}").format(
                                          count=listings.MAX_KEYWORDS)),
            "photo_url": st.text_input(_("Photo URL"), value=stored["photo_url"] or "",
                                       key=key(f"tenants_photo_{tenant.id}")),
            "published": st.checkbox(_("Published on the website"), value=bool(stored["published"]),
                                     key=key(f"tenants_published_{tenant.id}")),
        }
        buttons = st.columns(2)
        with buttons[0]:
            previewed = listed_form.submitted(_("Preview"), name="preview")
        with buttons[1]:
            saved = listed_form.submitted(_("Save listing"), type="primary")
        if previewed:
            st.session_state[draft_key] = values
        if saved:
            result = listed_form.save(listings.edit_listing, actor=user, tenant_id=tenant.id,
                                      **values)
            if result is not None:
                st.session_state.pop(draft_key, None)
                listed_form.done(_("Listing of {name} saved").format(name=tenant.name))
    draft = st.session_state.get(draft_key) or {k: v or "" for k, v in stored.items()}
    with preview:
        st.markdown(_("**Preview** (draft, not saved)") if draft_key in st.session_state
                    else _("**Preview**"))
        listing_preview(tenant.name, tenant.business, tenant.sector, country, draft)
        if listing and listing.updated_at:
            words = (_("Last updated {moment} by {user}") if listing.published
                     else _("Last updated {moment} by {user} · not published"))
            st.caption(words.format(moment=moment_text(listing.updated_at),
                                    user=as_text(listing.updated_by)))


def load_for_editing(tenant_id: int) -> tuple[Tenant | None, TenantListing | None]:
    """Fresh rows (not cached): the versions an edit is checked against."""
    with reading() as session:
        return session.get(Tenant, tenant_id), listings.listing_of(session, tenant_id)
