"""What every chart shares: the Vega theme and locale (vega), the colours (palette), whole-number
count axes (axes), and titles that fit a phone (titles). Each area's charts are in
ui/<area>/charts.py."""
