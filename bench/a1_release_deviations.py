"""Agreement with the released SkyReels-A1 pipeline on ../shared/a1-ref, for the defaults and each deviation.

Rebuilds the tiny model with ../shared/a1-ref/make_tiny_a1.py, runs one window stage by stage
(`facereel.engines.a1.stages.run_stages`) per configuration and prints, per stage, the max relative error
(max|ours - release| / max|release|) and the mean relative error (mean|ours - release| / mean|release|), and
the frames' max / mean level difference and PSNR against the release's frames. The first rows give the scale:
the release's own float32 vs bfloat16 runs.

    PYTHONPATH=src HF_HUB_OFFLINE=1 python bench/a1_release_deviations.py [--configs default-fp32 ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from facereel.engines.a1 import A1Engine, A1Options  # noqa: E402
from facereel.engines.a1.options import blend_steps_for  # noqa: E402
from facereel.engines.a1.stages import relative_error, run_stages  # noqa: E402

A1_REF = Path(__file__).resolve().parents[1].parent / "shared" / "a1-ref"
STAGES = ("face_tokens", "image_latents", "landmark_latents", "v0", "lat0", "v1", "lat1", "final_latents")
# name: (dtype, reference file, option overrides)
CONFIGS = {
    "default-fp32": ("float32", "release_fp32", {}),
    "default-bf16": ("bfloat16", "release_bf16", {}),
    "guider-tiled-fp32": ("float32", "release_fp32", {"guider_tiling": "on"}),
    "float32-latents-bf16": ("bfloat16", "release_bf16", {"float32_latents": True}),
}


def mean_relative(ours: np.ndarray, ref: np.ndarray) -> float:
    """mean|ours - ref| / mean|ref| in float64."""
    ours, ref = np.asarray(ours, np.float64), np.asarray(ref, np.float64)
    return float(np.abs(ours - ref).mean() / np.abs(ref).mean())


def row(name: str, ours: dict, ref: dict) -> str:
    """One line: per-stage max / mean relative error, then frames."""
    cells = [f"{k} {relative_error(np.asarray(ours[k]), ref[k]):.1e}/{mean_relative(ours[k], ref[k]):.1e}"
             for k in STAGES]
    diff = np.abs(ours["frames"].astype(np.int64) - ref["frames"].astype(np.int64))
    mse = float(np.mean(diff.astype(np.float64) ** 2))
    psnr = 10 * np.log10(255.0**2 / mse) if mse else float("inf")
    return f"{name}: " + ", ".join(cells) + f"; frames max {diff.max()} mean {diff.mean():.2e} levels, PSNR {psnr:.1f} dB"


def framing(reference_frames: np.ndarray) -> None:
    """The two input/output deviations on lp_s1 (the reference's photo): the face's share of the model frame
    height with --region face vs release, and what paste-back does to the release's frames (pasted into the
    photo through the release region, cropped again, compared with the frames)."""
    from facereel.face.crop import model_region, release_region
    from facereel.face.paste import feather_mask, paste_region
    from facereel.animate.inputs import load_source

    source = load_source(A1_REF.parent / "data" / "portraits" / "lp_s1.jpg")
    size = (source.image.shape[1], source.image.shape[0])
    release = release_region(size, (720, 480))
    for name, region in (("face", model_region(size, source.landmarks, (720, 480))), ("release", release)):
        y = region.to_region(source.landmarks)[:, 1]
        print(f"--region {name}: face height = {(y.max() - y.min()) / 480:.3f} of the frame height")
    inner = feather_mask((720, 480), max(2, round(0.08 * 480))) >= 1
    on_photo = np.zeros((480, 720), bool)
    bar = int(round(-release.x0 * release.factor))
    on_photo[:, bar:720 - bar] = True
    whole, interior = [], []
    for frame in reference_frames:
        back = release.crop(paste_region(source.image, frame, release)).astype(np.float64)
        whole.append(10 * np.log10(255.0**2 / np.mean((back - frame) ** 2)))
        sel = inner & on_photo
        interior.append(10 * np.log10(255.0**2 / np.mean((back[sel] - frame[sel]) ** 2)))
    print(f"paste-back: feathered band {1 - inner.mean():.1%} of the frame; frames pasted and cropped again vs "
          f"the release's: PSNR {np.mean(whole):.1f} dB whole frame, {np.mean(interior):.1f} dB away from the band "
          "on the photo (resampling only)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", nargs="*", choices=list(CONFIGS), default=list(CONFIGS))
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads (the reference run used 2)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    refs = {name: dict(np.load(A1_REF / f"{name}.npz")) for name in ("release_fp32", "release_bf16")}
    inputs = dict(np.load(A1_REF / "inputs.npz"))
    print(f"torch {torch.__version__}, {args.threads} threads")
    print(row("release bf16 vs release fp32 (scale)", refs["release_bf16"], refs["release_fp32"]), flush=True)
    if (A1_REF.parent / "data").is_dir():
        framing(refs["release_fp32"]["frames"])
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "model"
        subprocess.run([sys.executable, str(A1_REF / "make_tiny_a1.py"), str(model), "0"], check=True,
                       capture_output=True)
        for name in args.configs:
            dtype, ref_name, overrides = CONFIGS[name]
            options = A1Options(steps=2, blend_steps=blend_steps_for(2), window_frames=9, window_overlap=4,
                                **overrides)
            engine = A1Engine.from_pretrained(model, "cpu", getattr(torch, dtype), options)
            out = run_stages(engine, inputs["ref"], inputs["cond"], inputs["face"])
            ours = {k: v.float().numpy() if isinstance(v, torch.Tensor) else v for k, v in out.items()}
            print(row(f"{name} vs {ref_name}", ours, refs[ref_name]), flush=True)


if __name__ == "__main__":
    main()
