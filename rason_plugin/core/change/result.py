"""What a change-detection run returns: counts, areas, the threshold, MAD figures, the outputs."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from ..raster import CommittedOutputs


@dataclass
class ChangeResult:
    """What a run produced, with the numbers a report needs."""

    method: str
    threshold_method: str
    threshold_value: float
    n_valid: int
    n_changed: int
    pixel_area_m2: Optional[float]  # one pixel's area when all have the same (projected CRS), else None
    out_mask: str
    out_magnitude: str
    out_variates: Optional[str] = None
    rho: Optional[np.ndarray] = None  # canonical correlations, ascending, one per MAD variate
    iterations: int = 0
    converged: Optional[bool] = None
    dof: Optional[int] = None
    variate_names: List[str] = field(default_factory=list)
    width: int = 0
    height: int = 0
    geotransform: tuple = ()
    crs_wkt: str = ""
    changed_area_m2: float = 0.0  # sum of the changed pixels' areas (raster.row_pixel_areas)
    commit: Optional[CommittedOutputs] = None  # the user's previous outputs, kept with keep_previous=True
    notes: List[str] = field(default_factory=list)  # what the user should know about the inputs

    @property
    def changed_fraction(self) -> float:
        return self.n_changed / self.n_valid if self.n_valid else 0.0

    def restore_previous_outputs(self):
        """Remove this run's rasters and put back the files they replaced (keep_previous=True runs;
        otherwise the rasters are only removed)."""
        if self.commit is not None:
            self.commit.rollback()
            self.commit = None
            return
        for path in (self.out_mask, self.out_magnitude, self.out_variates):
            for candidate in (path, f"{path}.aux.xml") if path else ():
                if os.path.exists(candidate):
                    os.remove(candidate)

    def discard_previous_outputs(self):
        """Delete the user's previous outputs kept aside (keep_previous=True): the run is final."""
        if self.commit is not None:
            self.commit.release()
            self.commit = None
