"""The neck between the moved jaw and the collar: its warp, sides, tone, the hole's end and the jaw's shadow on it."""
