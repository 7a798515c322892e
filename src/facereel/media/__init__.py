"""media stage of facereel."""
