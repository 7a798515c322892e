"""engines stage of facereel."""
