"""The faces a video source's groups held back from moving away from the faces in front of them (`away_cap`), over
the whole clip: video-to-video makes one `FaceGroup` per source frame (`VideoFaceGroups`), so each group's
`held_back` covers its one frame; `HeldAway` gathers them by the faces' numbers through the clip, to be said in
one note line at the end of the job (`away_cap.away_note`), as a still portrait's `FaceGroup.away_note` is."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from facereel.engines.mesh.away_cap import away_note
from facereel.engines.mesh.face_regions import front_measures
from facereel.engines.mesh.group import FaceGroup


class HeldAway:
    """`add` each frame's group after its render, with the numbers of its faces through the clip; `note` at the
    end."""

    def __init__(self) -> None:
        self._held: dict[int, float] = {}
        """{face number: the most px its move away was held back, over the frames added}."""
        self._sizes: dict[int, float] = {}
        """{face number: its size (px, `front_measures`) in the frame where it was held back the most, else in the
        first frame that held a face back}."""
        self._ahead: dict[int, set[int]] = {}
        """{face number: the numbers of the faces in front of it in the frames that held a face back}."""

    def add(self, group: FaceGroup, numbers: Sequence[int]) -> None:
        """The faces `group` (one frame's, rendered) held back; its face i is face `numbers[i]` of the clip. The
        overlaps and sizes of a frame that held a face back are kept for every face of it: a face in front held
        back is named beside the face behind it, which itself may not be held (`away_note`)."""
        if not group.held_back:
            return
        sizes = front_measures(group.faces)[0]
        for slot, fronts in group.ahead.items():
            self._ahead.setdefault(numbers[slot], set()).update(numbers[front] for front in fronts)
        for slot, size in enumerate(sizes):
            self._sizes.setdefault(numbers[slot], float(size))
        for slot, px in group.held_back.items():
            face = numbers[slot]
            if px > self._held.get(face, -1.0):
                self._held[face], self._sizes[face] = px, float(sizes[slot])

    def note(self) -> str | None:
        """The one-line note for the faces held back by a pixel or more over the frames added (`away_note`, faces
        named by their numbers through the clip), or None."""
        if not self._held:
            return None
        sizes = np.array([self._sizes.get(face, 0.0) for face in range(max(self._sizes) + 1)], np.float32)
        return away_note(self._held, {face: sorted(ahead) for face, ahead in self._ahead.items()}, sizes)
