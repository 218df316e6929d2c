#!/usr/bin/env python3
"""Write the synthetic Rajin demo data (before/after scenes, true change mask, AIS log + CSV) to a folder.

Usage: python scripts/make_synthetic_demo_data.py OUT_DIR [--boundary rason_boundary.geojson]
Re-running overwrites the same files with identical content (everything is seeded).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sample_data import synthetic, synthetic_ais  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--boundary", type=Path, default=None,
                        help="SEZ boundary GeoJSON (default: the copy shipped with the plugin)")
    parser.add_argument("--seed", type=int, default=20231015, help="seed of the scenes")
    parser.add_argument("--ais-seed", type=int, default=20231001, help="seed of the AIS week")
    args = parser.parse_args(argv)

    scenes = synthetic.write_scene_pair(args.out_dir, args.boundary, seed=args.seed)
    ais = synthetic_ais.write_ais(args.out_dir, seed=args.ais_seed)
    print(f"SYNTHETIC scenes: {scenes.before}\n                  {scenes.after}")
    size = synthetic.SIZE_PX
    print(f"  {size} x {size} px of {synthetic.PIXEL_M:g} m, EPSG:{synthetic.UTM_EPSG}, "
          f"land {scenes.n_land} px, sea {scenes.n_sea} px, "
          f"truly changed {scenes.n_changed} px ({scenes.n_changed * synthetic.PIXEL_M ** 2 / 1e4:g} ha), "
          f"container stacks {scenes.yard_slots_before} -> {scenes.yard_slots_after}")
    print(f"  true change mask: {scenes.truth}")
    print(f"SYNTHETIC AIS: {ais['nmea']} ({ais['n_lines']} lines, {ais['n_positions']} positions, "
          f"{ais['n_static']} static reports, {ais['n_garbage']} garbage lines)")
    print(f"               {ais['csv']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
