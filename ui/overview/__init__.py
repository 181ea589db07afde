"""Overview screen: its charts."""
