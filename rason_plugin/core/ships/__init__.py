"""Ship detection in SAR images (CFAR) and matching of detections to AIS: pure numpy, no I/O."""
