"""Figures for the mesh engine's artefacts, read from rendered frames (issue #9): one module per kind of
artefact (seams, slivers, cut hair, one-pixel steps, the neck, the wall under a turned jaw, the jaw, the mouth's surroundings, the synthetic teeth, the upper teeth as a thin beaded band, the lower lip's rim line, closed lids, the far cheek's hair, the neck tone's straight outline, the neck tone's straight top under the near ear, the neck tone's hue off the neck's skin, thin lines along the jaw, the outline's shadow smeared across a turned cheek, the jaw's flicker under a jittering track, thin vertical streaks beside the face, a pale ring inside the lips round a driven open mouth, a driven open mouth as a flat black slot, dark specks in a turned photo's unfolding far cheek, the skin above the mouth drawn below the upper lip, a laugh's opening short under a moustache, a painted side shade opened across a turned cheek;
docs/eval.md lists them with units). Benches and tests use them; the engine does not.

Each reads ~0 on the source repeated (docs/benchmarks.md has each figure beside that baseline).
"""
