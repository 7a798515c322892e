"""The head's own neck motion down its neck with --body (issue #9): `figures.neck_fold` over a driven clip.

Drives a ../shared/data portrait at its own size with `--body` as `facereel animate` streams it (its first
`--frames` driver frames; `torso_on_face`'s setup) and prints one Markdown row per window: the mean and largest
change of the head layer's map down its neck (px a row; past 1 the neck folds), beside the source repeated (0).
Run it on an older tree for the engine before.

Run: PYTHONPATH=src .venv/bin/python bench/neck_fold.py lp_s5 ../shared/data/driving/sr_1.mp4 --frames 61
     --windows 52,60
"""

from __future__ import annotations

from torso_on_face import arguments, driven_body, print_windows

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.neck_fold import neck_fold
from facereel.face import landmark_ids as ids


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    animator, driven_frames = driven_body(args)
    face, figures = face_size(animator.source_landmarks), []
    for driven in driven_frames:
        mapped = animator.map_frame(driven.target)
        animator.draw(mapped, driven.torso, None)
        displacement = animator.warp.full_size(mapped.coarse, mapped.seam)
        chin = mapped.target[ids.CHIN, :2] - animator.origin
        figures.append(neck_fold(displacement, animator.drawn_alpha(), chin, face))
    print_windows(figures, args.windows)


if __name__ == "__main__":
    main()
