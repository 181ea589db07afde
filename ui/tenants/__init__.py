"""Tenants screen: forms (tenants, listings and their preview) and indicator charts."""
