#!/usr/bin/python3
"""Writes a copy of a world-model archive whose largest weight record is
damaged inside an otherwise valid zip (fresh CRCs): `zeros` overwrites its
first 256 bytes with 0.0 floats (finite, plausible), `nan` with NaNs.
Usage: damage_model.py IN.pt OUT.pt zeros|nan"""
import sys
import zipfile

source, target, how = sys.argv[1:4]
with zipfile.ZipFile(source) as zin:
    records = [i for i in zin.infolist() if "/data/" in i.filename and not i.filename.endswith(".pkl")]
    victim = max(records, key=lambda i: i.file_size).filename
    with zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == victim:
                fill = b"\x00" * 256 if how == "zeros" else b"\xff\xff\xc0\x7f" * 64
                data = fill + data[256:]
            zout.writestr(info, data)
print(f"damaged {victim}")
