"""Building screen: forms (issues, works periods) and charts (issues, spending, days out)."""
