"""The colours every chart uses: the building's terracotta, olive, sand, clay and ink."""

TERRACOTTA, OLIVE, SAND, CLAY, INK = "#B5523B", "#7A8450", "#E9DFC9", "#D9A46C", "#2F2A25"
