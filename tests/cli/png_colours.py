#!/usr/bin/python3 -B
"""The colours inside a rectangle of a PNG screenshot (8-bit RGB or RGBA, as
Chromium writes them), decoded with zlib alone: prints "DISTINCT SHARE", the
number of distinct colours and the share of the commonest one; with --mean,
their mean brightness (0 to 255) instead.
Usage: png_colours.py FILE X Y WIDTH HEIGHT [--mean] (pixels)."""
import struct
import sys
import zlib
from collections import Counter

path, x0, y0, w, h = sys.argv[1], *map(int, sys.argv[2:6])
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
assert depth == 8 and colour in (2, 6), f"bit depth {depth}, colour type {colour}"
bpp = 4 if colour == 6 else 3
raw, stride = zlib.decompress(idat), width * bpp
# Only the rows down to the rectangle's bottom and the columns up to its right
# edge are unfiltered: each byte depends on those above it and left of it.
need = min(x0 + w, width) * bpp
rows, prev = [], bytearray(need)
for r in range(min(y0 + h, height)):
    f, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:r * (stride + 1) + 1 + need])
    for i in range(need):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
seen = Counter()
for y in range(max(y0, 0), len(rows)):
    row = rows[y]
    for x in range(max(x0, 0), min(x0 + w, width)):
        seen[bytes(row[x * bpp:x * bpp + 3])] += 1
total = sum(seen.values()) or 1
if sys.argv[6:] == ["--mean"]:
    print(round(sum(sum(c) / 3 * n for c, n in seen.items()) / total))
    sys.exit(0)
print(len(seen), round(seen.most_common(1)[0][1] / total, 4) if seen else 1)
