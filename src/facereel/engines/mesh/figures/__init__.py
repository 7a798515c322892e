"""Figures for the mesh engine's artefacts, read from rendered frames (issue #9): seams, slivers, cut hair,
one-pixel steps, the rigid neck, the moved jaw's outline, flat blocks. Benches and tests use them; the engine does not.

Each reads ~0 on the source repeated (docs/benchmarks.md has each figure beside that baseline).
"""
