"""The open mouth: the driver's or a synthetic interior inside the target lips, the lips' corners and inner edge."""
