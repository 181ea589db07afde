"""Lab occupancy screen: forms (spaces, leases, bookings) and charts (heatmaps, rates)."""
