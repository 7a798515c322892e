#!/usr/bin/env bash
# One-shot GPU session for a fresh H200/H100 machine with torch (2.11+cu130), accelerate and Triton but without
# diffusers: the a1 speed modes (bench/a1_gpu.py, issue #10), then the training steps (bench/train_gpu.py: the
# stages with bf16 frozen weights, and full fine-tuning of the blocks under FSDP2 on one GPU, issue #13). The
# missing packages travel as wheels in .whl/ (ignored by git). Each part has its own time limit, so one that
# hangs or runs long cannot take the others' time; total wall time <= a1 + train + fsdp2 seconds + ~20 s.
#
# Wheels (run here in the repo root, once; all CPython 3.12 x86-64, ~56 MiB; torchao and sageattention only
# for the fp8-compute / sage modes):
#   P="--no-deps --only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform manylinux1_x86_64 -d .whl"
#   python3 -m pip download $P diffusers==0.42.1
#   python3 -m pip download $P importlib_metadata==8.7.0     # diffusers needs it; the image lacks it
#   python3 -m pip download $P transformers==5.24.0          # the pinned version (the image has 5.17)
#   python3 -m pip download $P regex==2026.11.19             # transformers >= 5.24 checks regex >= 2025.10.22
#   python3 -m pip download $P av==18.1.0                    # facereel.train imports the video reader (36 MB)
#   python3 -m pip download $P torchao==0.17.0               # optional: fp8 compute; built for torch >= 2.11
#   python3 -m pip download $P sageattention==1.0.6          # optional: 8-bit attention (Triton kernels)
#
# Run on the device machine from the repo root, with .whl carried:
#   bash bench/gpu_device.sh [a1 modes] [a1 seconds] [train seconds] [fsdp2 seconds]   (0 seconds skips a part)
# Output: the tables on stdout, also written to $OUT/{a1_gpu,train_gpu,train_fsdp2}.md when OUT is set.
set -uo pipefail
cd "$(dirname "$0")/.."
modes=${1:-none,best,compile-untiled,untiled-autotune,untiled,first-block}
a1_s=${2:-280}
train_s=${3:-150}
fsdp2_s=${4:-110}
out=${OUT:-/tmp}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  || exit 1
export PYTHONPATH="$PWD/src:/tmp/site" PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
date -u
[ "$a1_s" -gt 0 ] && python3 bench/a1_gpu.py --only "$modes" --time-limit "$a1_s" 2>&1 | tee "$out/a1_gpu.md"
date -u
[ "$train_s" -gt 0 ] && python3 bench/train_gpu.py --time-limit "$train_s" 2>&1 | tee "$out/train_gpu.md"
date -u
[ "$fsdp2_s" -gt 0 ] && timeout -k 5 "$fsdp2_s" torchrun --nproc_per_node 1 bench/train_gpu.py --strategy fsdp2 \
  --only joint-full 2>&1 | tee "$out/train_fsdp2.md"
date -u
