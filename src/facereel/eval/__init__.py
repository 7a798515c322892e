"""eval stage of facereel."""
