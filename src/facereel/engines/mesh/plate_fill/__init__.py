"""The background plate: the photo with the head removed and its hole filled (once per source)."""
