"""condition stage of facereel."""
