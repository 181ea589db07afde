"""Partners screen: forms, the partner detail, charts, the world map (assets/) and the export."""
