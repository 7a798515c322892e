#!/usr/bin/env bash
# One-shot GPU run of bench/a1_gpu.py over the speed modes (issue #10), for a fresh H200/H100 machine with
# torch (2.11+cu130), accelerate and Triton but without diffusers/torchao/sageattention: they travel as wheels
# in .whl/ (ignored by git). Total wall time ~480 s (bench --time-limit 450 s + install and start-up).
#
# Wheels (run here in the repo root, once; all CPython 3.12 x86-64, ~23 MiB together):
#   P="--no-deps --only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform manylinux1_x86_64 -d .whl"
#   python3 -m pip download $P diffusers==0.42.1
#   python3 -m pip download $P importlib_metadata==8.7.0     # diffusers needs it; the image lacks it
#   python3 -m pip download $P transformers==5.24.0          # the pinned version (the image has 5.17)
#   python3 -m pip download $P regex==2026.11.19             # transformers >= 5.24 checks regex >= 2025.10.22
#   python3 -m pip download $P torchao==0.17.0               # fp8 compute; built for torch >= 2.11
#   python3 -m pip download $P sageattention==1.0.6          # 8-bit attention (Triton kernels, no build)
#
# Run on the device machine from the repo root, with .whl carried:
#   bash bench/a1_gpu_device.sh [seconds for the bench, default 450]
# Output: the table on stdout, also written to $OUT/a1_gpu_speed.md when OUT is set.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-450}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH="$PWD/src:/tmp/site" PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
# Order = what matters most first (the time limit cuts the tail): the exact reference, each single mode,
# the step-cache threshold tables, the combinations, then untiled VAE (memory and decode cost) and the
# whole-model compile (longest warm-up).
modes=none,fp8-compute,sage,guidance-5,teacache,fast,fast-teacache,first-block,untiled,compile-full
python3 bench/a1_gpu.py --only "$modes" --time-limit "$limit" | tee "${OUT:-/tmp}/a1_gpu_speed.md"
