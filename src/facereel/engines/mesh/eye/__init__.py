"""The eyes redrawn inside the target lids: eyeball, iris, closed lids, lash smear."""
