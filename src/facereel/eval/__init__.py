"""eval stage of facereel: the field's metrics, offline, on any engine's output.

Metric functions take arrays (frames, landmarks) and live in `pixels` (PSNR/SSIM/L1), `landmarks`
(AKD, AED proxies, APD), `identity` (dlib similarity), `temporal` (jitter, flicker, size drift) and
`perceptual` (LPIPS from user weights); `run` scores videos (self / cross reenactment, always beside
the do-nothing baseline) and `report` writes JSON, Markdown and plots.
"""
