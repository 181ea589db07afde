"""The Calendar screen: its filters, cached reads and Altair charts."""
