"""cli stage of facereel."""
