"""Tests of the SkyReels-A1 engine (facereel.engines.a1)."""
