"""Settings shared by the batch tests (a module of its own: `conftest` names clash across test folders)."""

SIZE = "160"  # output size: small and fast, still a real face for the tracker
