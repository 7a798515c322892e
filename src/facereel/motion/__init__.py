"""motion stage of facereel."""
