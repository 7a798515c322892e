"""face stage of facereel."""
