"""The streaming NMEA reader on real receiver logs and on every kind of bad input."""
from __future__ import annotations

import sys
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

import pytest

from rason_plugin.core.ais.nmea import (
    NmeaReader,
    NotAisError,
    _parse_prefix_time,
    _xor_checksum,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ais_oracle import nmea_log, usable_positions  # noqa: E402

SEINE = "caribewave_vernon_20160411.nmea.log"
PYAIS_SAMPLE = "pyais_nmea_sample.txt"


def _nmea(body: str) -> str:
    """Return a full sentence with its checksum computed the plain way (one byte at a time)."""
    cs = 0
    for ch in body:
        cs ^= ord(ch)
    return f"!{body}*{cs:02X}"


def _tag(body: str) -> str:
    """Return an NMEA 4.10 tag block with its checksum (XOR of the characters between the
    backslash and the '*', computed the plain way)."""
    cs = 0
    for ch in body:
        cs ^= ord(ch)
    return f"\\{body}*{cs:02X}\\"


def read_all(source):
    reader = NmeaReader(source)
    reports = list(reader.positions())
    return reader, reports


def test_seine_log_every_position_report_is_found(test_data):
    path = test_data / "ais" / SEINE
    reader, reports = read_all(path)
    stats = reader.stats
    # the oracle reads the log itself: checksums, multipart reassembly, six-bit payloads
    oracle = nmea_log(path)
    kept, not_available, out_of_range, bad_mmsi = usable_positions(oracle["positions"])
    assert stats.positions_found == len(oracle["positions"])
    # the reports at lat 91 / lon 181 are found, counted, and not written as points
    assert stats.skipped["position_not_available"] == not_available
    assert stats.skipped["position_out_of_range"] == out_of_range
    assert stats.skipped["mmsi_invalid"] == bad_mmsi
    assert stats.positions_written == len(reports) == len(kept)
    assert (stats.lines, stats.skipped["checksum"]) == (oracle["lines"], oracle["bad_checksum"])
    assert stats.skipped["multipart_incomplete"] == oracle["incomplete"]
    assert stats.has_times and stats.positions_timed == stats.positions_written
    assert [(r.mmsi, r.time) for r, _ in reports] == [(m, t) for m, t, _, _ in kept]
    assert max(max(abs(r.lon - x), abs(r.lat - y))
               for (r, _), (_, _, x, y) in zip(reports, kept)) < 1e-6
    first = reports[0][0]
    # line 1 is a lat 91 / lon 181 report; line 3 (type 2, 00:00:03) is the first written
    assert first.time == datetime(2016, 4, 11, 0, 0, 3, tzinfo=timezone.utc).timestamp()
    assert (first.mmsi, first.msg_type) == (269057547, 2)
    vessels = {r.mmsi for r, _ in reports}
    assert vessels == {m for m, *_ in kept}
    # A second, independent source: the data provider's own figures for this file
    # (/work/shared/data/README.md): 47,579 sentences, 31,647 position reports in sentences
    # whose checksum holds, 29,634 with valid coordinates, 29 vessels, 159 checksum failures.
    assert (stats.lines, stats.positions_found, stats.positions_written, len(vessels),
            stats.skipped["checksum"]) == (47579, 31647, 29634, 29, 159)


def test_seine_log_vessel_names_come_from_type5(test_data):
    path = test_data / "ais" / SEINE
    reader, reports = read_all(path)
    names = {mmsi: s["vessel_name"] for mmsi, s in reader.static.items() if "vessel_name" in s}
    # the oracle joins the two-part type 5 messages itself and decodes the name bits
    assert names == nmea_log(path)["names"]
    assert names[244650958] == "MOHICANS"
    assert names[269057547] == "VIKING KADLIN"
    assert names[226006680] == "RICHELIEU"
    assert reader.static[269057547]["length"] == 135
    assert reader.static[269057547]["destination"] == "LE PECQ"
    # and the positions carry the name of their vessel
    joined = {r.mmsi: s.get("vessel_name") for r, s in reports}
    assert joined[269057547] == "VIKING KADLIN"


def test_untimestamped_sample_decodes_but_has_no_times(test_data):
    path = test_data / "ais" / PYAIS_SAMPLE
    reader, reports = read_all(path)
    oracle = nmea_log(path)
    kept, *_ = usable_positions(oracle["positions"])
    assert reader.stats.positions_found == len(oracle["positions"]) > 700
    assert len(reports) == len(kept)
    assert not reader.stats.has_times
    assert all(r.time is None for r, _ in reports)
    assert reader.stats.skipped["empty_payload"] == oracle["empty_payload"] > 0
    # the sample keeps only first fragments of two-part type-5 messages
    assert reader.stats.skipped["multipart_incomplete"] == oracle["incomplete"] > 0
    first = reports[0][0]
    assert (first.mmsi, first.msg_type) == (235070716, 3)


def test_checksum_matches_plain_xor():
    body = b"AIVDM,1,1,,A,13aDCkTP?w<tSF0l4Q@>4?wv0d04,0"
    plain = 0
    for byte in body:
        plain ^= byte
    assert _xor_checksum(body) == plain == 0x25


@pytest.mark.parametrize("prefix, expected", [
    (b"2016-04-11 00:00:01, ", datetime(2016, 4, 11, 0, 0, 1, tzinfo=timezone.utc)),
    (b"2016-04-11T00:00:01Z ", datetime(2016, 4, 11, 0, 0, 1, tzinfo=timezone.utc)),
    (b"2016-04-11T09:00:01+09:00,", datetime(2016, 4, 11, 0, 0, 1, tzinfo=timezone.utc)),
    (_tag("s:rORBCOMM,c:1460332801").encode(),
     datetime(2016, 4, 11, 0, 0, 1, tzinfo=timezone.utc)),
    (_tag("c:1460332801000").encode(), datetime(2016, 4, 11, 0, 0, 1, tzinfo=timezone.utc)),
    (b"\\s:rORBCOMM,c:1460332801*4B\\", None),  # the tag block's checksum is 15, not 4B
    (b"17 ", None),                               # a line counter, not a time
    (b"00017 ", None),
    (b"20160411000001 ", datetime(2016, 4, 11, 0, 0, 1, tzinfo=timezone.utc)),
    (b"1460332801.5 ", datetime(2016, 4, 11, 0, 0, 1, 500000, tzinfo=timezone.utc)),
    (b"garbage;", None),
])
def test_receive_time_prefixes(prefix, expected):
    got = _parse_prefix_time(prefix)
    assert got == (None if expected is None else expected.timestamp())


POS_A = _nmea("AIVDM,1,1,,A,13GRFV?00l06RmTL7G35?4<B0D04,0")
POS_B = _nmea("AIVDM,1,1,,B,13aDCkTP?w<tSF0l4Q@>4?wv0t04,0")  # lat 91 / lon 181
TYPE5_1 = _nmea("AIVDM,2,1,3,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0")
TYPE5_2 = _nmea("AIVDM,2,2,3,A,88888888880,2")


def lines_source(lines):
    return lambda: (f"{line}\n".encode() for line in lines)


def test_tag_blocks_trailing_epochs_and_bad_lines_are_counted():
    lines = [
        _tag("c:1460332801") + POS_A,               # tag block time
        POS_A + ",1460332861",                       # trailing epoch
        POS_A[:-2] + "00",                           # checksum failure
        "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47",  # not AIS
        "this is not NMEA at all",
        "",
        POS_B,                                       # not available
        _nmea("AIVDM,1,1,,A,,0"),                    # empty payload
        _nmea("AIVDM,1,1,,A,13GRFV,0"),              # truncated: pyais cannot decode
        _nmea("AIVDM,1,X,,A,13GRFV?00l06RmTL7G35?4<B0D04,0"),  # bad field
    ]
    reader, reports = read_all(lines_source(lines))
    assert [r.time for r, _ in reports] == [1460332801.0, 1460332861.0]
    s = reader.stats
    assert s.skipped["checksum"] == 1
    assert s.skipped["not_ais"] == 2
    assert s.skipped["position_not_available"] == 1
    assert s.skipped["empty_payload"] == 1
    assert s.skipped["undecodable"] == 1
    assert s.skipped["malformed"] == 1
    assert s.positions_found == 3  # the truncated one is not a report


def test_multipart_reassembly_keyed_by_sequence_and_channel():
    other_1 = TYPE5_1.replace(",3,A,", ",3,B,")
    other_1 = _nmea(other_1[1:-3])
    lines = [
        TYPE5_1,            # sequence 3 channel A starts
        other_1,            # same sequence id on channel B: a different message, never completed
        POS_A,              # a single-part message in between
        TYPE5_2,            # completes 3/A
        TYPE5_2,            # a second part 2 with no part 1 pending: incomplete
    ]
    reader = NmeaReader(lines_source(lines))
    static = reader.scan_static()
    # the gpsd documentation's type-5 example
    assert static == {351759000: {
        "vessel_name": "EVER DIADEM", "imo": 9134270, "call_sign": "3FOF8", "ship_type": 70,
        "length": 295, "width": 32, "destination": "NEW YORK"}}
    list(reader.positions())
    assert reader.stats.by_type[5] == 1
    assert reader.stats.skipped["multipart_incomplete"] == 2


def test_empty_and_not_ais_files_raise(tmp_path):
    empty = tmp_path / "empty.nmea"
    empty.write_bytes(b"")
    with pytest.raises(NotAisError, match="empty"):
        NmeaReader(empty).scan_static()
    text = tmp_path / "letter.txt"
    text.write_text("Dear reader,\nthis file holds no AIS.\n" * 10)
    with pytest.raises(NotAisError, match="no AIS sentence"):
        NmeaReader(text).scan_static()


def test_a_big_text_file_that_is_not_ais_stops_early():
    consumed = []

    def source():
        for i in range(10_000_000):
            consumed.append(i)
            yield b"1,2,3,4,5,6\n"

    with pytest.raises(NotAisError):
        NmeaReader(source).scan_static()
    assert len(consumed) == 1000


def test_the_reader_streams_and_never_holds_the_file():
    """A 2 GB log cannot be loaded: the reader must consume lines as it yields reports.

    The source is a generator of 50,000 sentences (~3 MB of text; base-station reports with a
    position report every 100th line): after the first report of the second pass only one of its
    lines has been pulled, and the peak memory of the whole pass stays far below the text size.
    """
    n_lines = 50_000
    pulled = {"n": 0}
    position = (POS_A + "\n").encode()
    base_station = (_nmea("AIVDM,1,1,,A,402:LD1v15F0206b5hL5GNi02D0>,0") + "\n").encode()
    static = (TYPE5_1 + "\n").encode(), (TYPE5_2 + "\n").encode()

    def source():
        pulled["n"] = 0
        yield from static
        for i in range(n_lines):
            pulled["n"] += 1
            yield f"{1460332800 + i} ".encode() + (base_station if i % 100 else position)

    reader = NmeaReader(source)
    reader.scan_static()
    assert pulled["n"] == n_lines
    it = reader.positions()
    first, vessel = next(it)
    assert pulled["n"] == 1
    assert first.mmsi == 226006680 and vessel == {}  # the type 5 is another vessel's
    tracemalloc.start()
    count = 1 + sum(1 for _ in it)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == n_lines // 100
    assert reader.stats.by_type[4] == n_lines - n_lines // 100
    text_size = n_lines * (len(base_station) + 11)
    assert peak < 1_000_000 < text_size


def test_missing_pyais_gives_the_install_command(monkeypatch):
    import builtins

    from rason_plugin.core.ais import decoder

    real_import = builtins.__import__

    def no_pyais(name, *args, **kwargs):
        if name.startswith("pyais"):
            raise ImportError("No module named 'pyais'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyais)
    with pytest.raises(decoder.AisDecoderMissingError) as err:
        NmeaReader(lambda: iter(()))
    assert "pip install" in str(err.value)
    assert decoder.PYAIS_REQUIREMENT in str(err.value)


def test_a_leading_line_counter_is_no_time():
    # A log numbered line by line: "17 !AIVDM..." is the 17th line, not 17 s after 1970. The
    # second line's trailing epoch (10 digits) is its receive time.
    lines = ["17 " + POS_A, "18 " + POS_A + ",1460332861", "0000000019 " + POS_A]
    reader, reports = read_all(lines_source(lines))
    assert [r.time for r, _ in reports] == [None, 1460332861.0, None]
    assert reader.stats.positions_timed == 1


def test_trailing_digits_follow_the_same_rules():
    # 11 digits are neither epoch seconds (9-10) nor milliseconds (12-13); 13 digits are ms
    lines = [POS_A + ",14603328610", POS_A + ",1460332861000", POS_A + ",20160411000101"]
    _, reports = read_all(lines_source(lines))
    # 2016-04-11 00:01:01 UTC = 1460332800 (midnight, from the Seine log's first line) + 61
    assert [r.time for r, _ in reports] == [None, 1460332861.0, 1460332861.0]


def test_tag_block_checksums_are_verified():
    good = _tag("s:r1,c:1460332801")
    bad = good[:-3] + ("00" if good[-3:-1] != "00" else "01") + "\\"
    missing = "\\s:r1,c:1460332801\\"
    reader, reports = read_all(lines_source([good + POS_A, bad + POS_A, missing + POS_A]))
    assert [r.time for r, _ in reports] == [1460332801.0]
    assert reader.stats.skipped["tag_checksum"] == 2
    from rason_plugin.core.ais.nmea import skipped_summary

    assert "2 sentences whose tag block fails its checksum (or has none)" in \
        skipped_summary(reader.stats)


def _renumber(sentence: str, old: str, new: str) -> str:
    """Return ``sentence`` with its sequence/channel fields changed and the checksum redone."""
    body = sentence[1:sentence.rindex("*")].replace(old, new, 1)
    return _nmea(body)


def test_multipart_reassembly_key_includes_the_station():
    # Two receivers (tag block s:) interleave fragments that share sequence id 3 on channel A.
    # The second message is the Seine log's type 5 of line 71-72 (sequence 5, channel B there).
    seine_1 = "!AIVDM,2,1,5,B,540Uv2p00000PF3OGCMHTdTpN0d4@hTp0000001511w2:52=04S1H41@l@00,0*28"
    seine_2 = "!AIVDM,2,2,5,B,00000000000,2*22"
    other_1 = _renumber(seine_1, ",2,1,5,B,", ",2,1,3,A,")
    other_2 = _renumber(seine_2, ",2,2,5,B,", ",2,2,3,A,")
    lines = [
        _tag("s:r1,c:1460332801") + TYPE5_1,
        _tag("s:r2,c:1460332802") + other_1,
        _tag("s:r1") + TYPE5_2,
        _tag("s:r2") + other_2,
    ]
    reader = NmeaReader(lines_source(lines))
    static = reader.scan_static()
    names = {mmsi: fields.get("vessel_name") for mmsi, fields in static.items()}
    # EVER DIADEM: the gpsd documentation's type-5 example; VIKING KADLIN: the Seine log's
    # static message for 269057547 (the name the other test reads from that log)
    assert names == {351759000: "EVER DIADEM", 269057547: "VIKING KADLIN"}
    list(reader.positions())
    assert reader.stats.by_type[5] == 2
    assert reader.stats.skipped["multipart_incomplete"] == 0
