# facereel with the a1 engine on an NVIDIA GPU, serving the web app:
#   docker build --build-arg TORCH_INDEX=<PyTorch's CUDA wheel index, e.g. its cu128 one> -t facereel .
#   docker run --gpus all -p 7860:7860 -v /path/to/SkyReels-A1:/weights:ro -v facereel-jobs:/jobs facereel \
#     app --host 0.0.0.0 --workdir /jobs --weights-dir /weights --auth "$(openssl rand -hex 16)"
#   (the app off loopback needs --auth; other commands: docker run ... facereel animate ...; no command: --help)
# The CUDA runtime comes inside PyTorch's CUDA wheels (and the driver from the host through the NVIDIA
# container toolkit), so a slim Python base is enough. Python 3.11 and the exact set of constraints.txt.
# Weights are mounted, never downloaded (HF_HUB_OFFLINE=1).
# BASE: another image with the same layout (Debian bookworm, Python 3.11 with pip on PATH) where Docker Hub
# cannot be reached (docs/packaging.md: the CPU build made here)
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

# PyTorch's wheel index for your CUDA version (README "GPU install"); required
ARG TORCH_INDEX
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1

# OpenCV and mediapipe need these shared libraries at import time; Debian's stable versions, not pinned
# (bookworm's security updates replace them)
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/facereel
COPY pyproject.toml constraints.txt README.md ./
COPY src ./src
RUN test -n "${TORCH_INDEX}" || { echo "build with --build-arg TORCH_INDEX=<PyTorch's CUDA wheel index>" >&2; exit 1; } \
    && pip install --index-url "${TORCH_INDEX}" -c constraints.txt torch \
    && pip install -c constraints.txt ".[app]"

# numba's cache warmed at build (the demo runs every mesh kernel; a CPU unlike the builder's compiles again)
ENV NUMBA_CACHE_DIR=/opt/facereel/numba-cache
RUN facereel demo -o /tmp/warm && rm -rf /tmp/warm

RUN useradd --create-home --uid 1000 facereel && mkdir /weights /jobs \
    && chown 1000:1000 /jobs && chown -R 1000:1000 "${NUMBA_CACHE_DIR}"
USER 1000:1000
VOLUME ["/weights", "/jobs"]
EXPOSE 7860
ENTRYPOINT ["facereel"]
CMD ["--help"]
