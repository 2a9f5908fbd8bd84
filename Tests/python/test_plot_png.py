"""Independent checks of Plot's PNG, deflate and SVG output (Python zlib, Pillow, ElementTree).

The Swift tests write their artefacts into $SWIFT_NN_PNG_OUT:

    SWIFT_NN_PNG_OUT=/tmp/plot-out swift test --filter PlotTests
    SWIFT_NN_PNG_OUT=/tmp/plot-out python -m pytest Tests/python/test_plot_png.py

When the variable is unset, the fixture runs `swift test --filter PlotTests` itself into a
temporary folder. Needs: pytest, Pillow.
"""
import base64
import glob
import io
import os
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zlib

import pytest

PIL = pytest.importorskip("PIL.Image")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="session")
def out_dir():
    d = os.environ.get("SWIFT_NN_PNG_OUT")
    if d and glob.glob(os.path.join(d, "*.png")):
        return d
    d = d or tempfile.mkdtemp(prefix="swift-nn-plot-")
    env = dict(os.environ, SWIFT_NN_PNG_OUT=d)
    subprocess.run(["swift", "test", *os.environ.get("SWIFT_TEST_FLAGS", "").split(), "--filter", "PlotTests"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return d


def files(out_dir, pattern):
    found = sorted(glob.glob(os.path.join(out_dir, pattern)))
    assert found, "no %s files in %s" % (pattern, out_dir)
    return found


def chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    i = 8
    while i < len(data):
        (length,) = struct.unpack(">I", data[i:i + 4])
        ctype = data[i + 4:i + 8]
        body = data[i + 8:i + 8 + length]
        (crc,) = struct.unpack(">I", data[i + 8 + length:i + 12 + length])
        assert crc == zlib.crc32(ctype + body) & 0xFFFFFFFF, "bad CRC in %r" % ctype
        yield ctype, body
        i += 12 + length


def test_deflate_streams_decompress_with_zlib(out_dir):
    for z in files(out_dir, "deflate-*.z"):
        raw = open(z[:-2] + ".raw", "rb").read()
        ours = open(z, "rb").read()
        assert zlib.decompress(ours) == raw, z
        reference = zlib.compress(raw, 6)
        assert len(ours) <= 1.15 * len(reference) + 16, (z, len(ours), len(reference))


def test_pngs_decode_and_compress_like_zlib(out_dir):
    for path in files(out_dir, "*.png"):
        if os.path.basename(path).startswith("svg-"):
            continue
        data = open(path, "rb").read()
        parts = list(chunks(data))
        ctypes = [c for c, _ in parts]
        assert ctypes[0] == b"IHDR" and ctypes[-1] == b"IEND", path
        width, height, depth, colour = struct.unpack(">IIBB", parts[0][1][:10])
        channels = {2: 3, 6: 4, 3: 1}[colour]
        if colour == 3:
            assert b"PLTE" in ctypes and ctypes.index(b"PLTE") < ctypes.index(b"IDAT"), path
        idat = b"".join(body for c, body in parts if c == b"IDAT")
        filtered = zlib.decompress(idat)
        # Palette indices may be packed (4 bits for the decision regions' eight colours).
        assert depth == 8 or (colour == 3 and depth == 4), path
        row_bytes = (width * channels * depth + 7) // 8
        assert len(filtered) == height * (1 + row_bytes), path
        assert all(filtered[r * (1 + row_bytes)] <= 4 for r in range(height)), path
        # Our deflate against zlib level 6 on the very same filtered scanlines.
        assert len(idat) <= 1.15 * len(zlib.compress(filtered, 6)) + 16, (path, len(idat))
        img = PIL.open(io.BytesIO(data))
        img.load()
        assert img.size == (width, height)
        assert img.mode == {3: "RGB", 4: "RGBA", 1: "P"}[channels]


def test_pngs_are_within_15_percent_of_an_independent_encoder(out_dir):
    # Issue #5's bound taken literally: the whole file against Pillow's PNG writer (zlib level
    # 6, its own per-row filters) on the same pixels. Unlike the check against zlib on our own
    # filtered rows, this one also sees the choice of filters. 64 bytes of slack for our pHYs
    # chunk on tiny images.
    for path in files(out_dir, "*.png"):
        if os.path.basename(path).startswith("svg-"):
            continue
        ours = open(path, "rb").read()
        img = PIL.open(io.BytesIO(ours))
        img.load()
        theirs = io.BytesIO()
        img.save(theirs, format="PNG")
        assert len(ours) <= 1.15 * len(theirs.getvalue()) + 64, (path, len(ours), len(theirs.getvalue()))


def test_palette_pngs_decode_to_their_pixels(out_dir):
    for path in files(out_dir, "png-palette-*.png"):
        img = PIL.open(path)
        assert img.mode == "P", path
        expected = open(path[:-4] + ".rgba", "rb").read()
        assert img.convert("RGBA").tobytes() == expected, path


def test_scene_pixels(out_dir):
    img = PIL.open(os.path.join(out_dir, "scene-sample.png")).convert("RGB")
    assert img.size == (400, 240)
    assert img.getpixel((2, 2)) == (255, 255, 255)
    assert img.getpixel((200, 200)) == (255, 0, 0)
    assert img.getpixel((80, 70)) == (0, 0, 255)
    assert img.getpixel((300, 80)) == (0, 170, 0)


def test_figure_pngs_are_2x_with_white_background(out_dir):
    img = PIL.open(os.path.join(out_dir, "figure-loss1000.png")).convert("RGB")
    assert img.size == (1280, 960)
    assert img.getpixel((3, 3)) == (255, 255, 255)
    dpi = img.info.get("dpi")
    assert dpi and round(dpi[0]) == 144


def test_svgs_are_standalone(out_dir):
    for path in files(out_dir, "*.svg"):
        root = ET.parse(path).getroot()
        assert root.tag == SVG_NS + "svg", path
        assert root.get("viewBox", "").startswith("0 0 "), path
        assert root.get("width") and root.get("height"), path
        first = list(root)[0]
        assert first.tag == SVG_NS + "rect" and first.get("fill") == "#ffffff", path
        images = 0
        for el in root.iter():
            href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href")
            if href is not None:
                assert href.startswith("data:image/png;base64,"), path
                png = base64.b64decode(href.split(",", 1)[1])
                PIL.open(io.BytesIO(png)).load()
                images += 1
        if os.path.basename(path) == "figure-boundary.svg":
            assert images == 1
