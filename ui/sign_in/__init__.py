"""Signing in: the gate and its page (auth), the HttpOnly sign-in cookie set by the server
(cookie), and the browser's address failures are counted against (client)."""
