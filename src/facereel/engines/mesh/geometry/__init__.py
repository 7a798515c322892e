"""The map stage: target landmarks -> the backward map of the head's mesh (pose limit, the far side's moves, the stretch limit, the rasterised warp and its health)."""
