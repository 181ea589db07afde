"""The HTTP side of Bottega, beside the Streamlit screens: what the server answers without a
browser session. app.py builds the ASGI app from these routes, middleware and start.

- routes.py: the routes beside the screens (/healthz, the feeds);
- start.py: what a server process does once as it starts (schema, demo data, setup code);
- settings.py: the environment variables of the HTTP side (feeds on, HTTPS, framing, address);
- feeds.py: the public feeds (/feeds/<site>/<feed>), with conditional GET, per encoding;
- cache.py: built feeds kept per data version, so polling costs one build per write;
- headers.py: the headers of every response by its path (security; CORS on the feeds);
- health.py: /healthz for monitoring and upgrades;
- keys.py: the server's secret, and the first manager's setup code made from it.

Nothing here imports ui/ or pages/; the screens import from here (the feeds' addresses, HTTPS).
"""
