"""Training-data preparation and datasets for the staged SkyReels-A1 recipe (see docs/training.md).

`prepare` turns talking-head videos into self-reenactment clips with the front end unchanged
(`facereel.animate.inputs.a1_condition` draws every condition video); `dataset.ClipDataset` reads them back as the
tensors the A1 pipeline consumes. `loop.train` runs one stage of the recipe (`stages.STAGES`: motion, identity,
joint) and writes checkpoints in the published weights layout (`checkpoint`).
"""
