"""Bottega: page config, the sign-in gate, and the pages each role may open.

Imported by the ASGI server (`streamlit run app.py` finds `app` here; `uvicorn app:app`
serves it) this file only defines the web app: Streamlit's screens (this same file, run by
Streamlit for each rerun), the public feeds, /healthz and the security headers (ui/web.py),
the route that sets the sign-in cookie (ui/cookie.py), and what the server does once as it
starts (ui/start.py: the schema to head, demo data, the first manager's setup code)."""
from streamlit.starlette import App

from ui import cookie, start, web

if __name__ != "__main__":
    app = App("app.py", routes=[*web.routes(), cookie.route()], middleware=web.middleware(),
              lifespan=start.lifespan)
else:
    import streamlit as st

    from ui import auth, database, language, navigation, vega  # noqa: F401 (charts' locale)
    from ui.focus import focus_ring
    from ui.forms import say_the_unsaid
    from ui.widgets import show_flash

    st.set_page_config(page_title="Bottega", page_icon="🏺", layout="wide")
    focus_ring()
    start.start()  # done as the server started; again only if that failed
    database.read_data_version()  # once per rerun: every cached figure is keyed on it

    user = auth.signed_in_user()
    if user is not None:
        language.follow(user)
    if user is None:
        st.navigation(navigation.signed_out_navigation(auth.sign_in_page),
                      position="hidden").run()
    else:
        auth.sidebar(user)
        show_flash()
        page = st.navigation(navigation.navigation_for(user))
        navigation.explain_refused_screen(user)
        page.run()
        say_the_unsaid()
