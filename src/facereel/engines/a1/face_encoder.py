"""SigLIP face tokens: the identity signal that takes the place of the text prompt."""

from __future__ import annotations

import numpy as np
import torch
from transformers import SiglipVisionModel
from transformers.models.siglip.image_processing_pil_siglip import (
    SiglipImageProcessorPil,
)


class FaceEncoder:
    """Aligned face crop (512, 512, 3) uint8 RGB -> SigLIP `last_hidden_state` (1, 729, 1152) in the model's
    own dtype (float32 when loaded by `weights.load_components`, as the release runs it)."""

    def __init__(self, model: SiglipVisionModel, processor: SiglipImageProcessorPil) -> None:
        self.model = model
        self.processor = processor

    @torch.no_grad()
    def __call__(self, face_crop: np.ndarray, device: torch.device) -> torch.Tensor:
        pixels = self.processor(images=[face_crop], return_tensors="pt")["pixel_values"]
        pixels = pixels.to(device=device, dtype=self.model.dtype)
        return self.model(pixel_values=pixels).last_hidden_state
