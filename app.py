"""Bottega's one entry, read by two programs:

1. **The server** (`streamlit run app.py`, or `uvicorn app:app`) imports this file and serves
   its `app`: Streamlit's screens plus the HTTP side in web/ (the public feeds, /healthz, the
   security headers, what the server does once as it starts) and the sign-in cookie's route
   (ui/sign_in/cookie.py).
2. **Streamlit** runs this same file as `__main__` for every rerun of a browser's session:
   ui/navigation.py draws the screens a signed-in person may open.
"""
if __name__ == "__main__":   # 2. a rerun of the screens
    from ui.navigation import run_screens

    run_screens()
else:                        # 1. the server, importing this file for `app`
    from streamlit.starlette import App

    from ui.sign_in import cookie
    from web.headers import middleware
    from web.routes import routes
    from web.start import lifespan

    app = App("app.py", routes=[*routes(), cookie.route()], middleware=middleware(),
              lifespan=lifespan)
