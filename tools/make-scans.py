#!/usr/bin/env python3
"""Makes image-only PDFs (scans) of a PDF, to test OCR: every page rendered
by poppler (pdftoppm) in grey at DPI and put back as one JPEG picture per
page, without any text layer.

  tools/make-scans.py IN.pdf OUT.pdf --dpi 300 [--degrade] [--pages 2-3]

--degrade simulates a scan: the page tilted 0.8 degrees, specks of noise,
and strong JPEG artefacts (quality 35). Damage to one box (PAGE:X0,Y0,X1,Y1,
points from the top left, each repeatable): --smudge blots it as a stain
does (a cell OCR cannot read, or a speck), --erase whitens it (part of a
digit worn away). Deterministic (fixed seeds).
Needs only poppler-utils and Python's standard library.
"""
import argparse, math, os, random, re, subprocess, sys, tempfile, zlib

TILT_DEGREES = 0.8
NOISE_FRACTION = 0.004  # of the pixels, set to a random grey
JPEG_QUALITY, DEGRADED_JPEG_QUALITY = 75, 35


def read_pgm(path):
    data = open(path, "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, bytearray(data[m.end():m.end() + w * h])


def tilt(w, h, pix, degrees):
    """A small rotation as two shears: rows shifted sideways, then columns
    (in strips) shifted down; white fills what moves in."""
    t = math.tan(math.radians(degrees))
    out = bytearray(b"\xff" * (w * h))
    for y in range(h):  # horizontal shear
        s = int(round((y - h / 2) * t))
        row = pix[y * w:(y + 1) * w]
        row = (b"\xff" * s + row[:w - s]) if s >= 0 else (row[-s:] + b"\xff" * -s)
        out[y * w:(y + 1) * w] = row
    res = bytearray(b"\xff" * (w * h))
    strip = 4
    for x0 in range(0, w, strip):  # vertical shear, strip by strip
        x1 = min(w, x0 + strip)
        s = int(round(-(x0 - w / 2) * t))
        for y in range(max(0, s), min(h, h + s)):
            res[y * w + x0:y * w + x1] = out[(y - s) * w + x0:(y - s) * w + x1]
    return res


def add_noise(w, h, pix, rng):
    for _ in range(int(w * h * NOISE_FRACTION)):
        pix[rng.randrange(w * h)] = rng.choice((0, 60, 120, 200, 255))


# The greys a damage draws, at random per pixel (darker of it and the page),
# or white over all of the box.
DAMAGE_GREYS = {"smudge": (40, 90, 140, 190, 230, 255), "erase": None}


def damage(w, h, pix, box, dpi, kind, rng):
    x0, y0, x1, y1 = (int(v * dpi / 72) for v in box)
    greys = DAMAGE_GREYS[kind]
    for y in range(max(0, y0), min(h, y1)):
        for x in range(max(0, x0), min(w, x1)):
            pix[y * w + x] = 255 if greys is None else min(pix[y * w + x], rng.choice(greys))


def jpeg_of(w, h, pix, dpi, quality, work):
    """JPEG bytes of a grey image, through pdftoppm (no image library here):
    the image goes into a one-page PDF, which pdftoppm renders as JPEG."""
    pdf = os.path.join(work, "raw.pdf")
    write_pdf(pdf, [(w, h, zlib.compress(bytes(pix)), "/FlateDecode")], dpi)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-jpeg", "-jpegopt", f"quality={quality}",
                    "-singlefile", pdf, os.path.join(work, "raw")], check=True)
    return open(os.path.join(work, "raw.jpg"), "rb").read()


def jpeg_geometry(data):
    """Width, height and components from a JPEG's frame header (SOFn)."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = int.from_bytes(data[i + 5:i + 7], "big"), int.from_bytes(data[i + 7:i + 9], "big")
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("no JPEG frame header")


def write_pdf(path, images, dpi):
    """A PDF of one picture per page, page size = picture size at dpi."""
    objs = ["<</Type/Catalog/Pages 2 0 R>>", None]
    kids = []
    for i, (w, h, data, filt) in enumerate(images):
        space = "/DeviceGray"
        if filt == "/DCTDecode":  # pdftoppm may write RGB JPEGs, and a pixel more or less
            w, h, components = jpeg_geometry(data)
            space = "/DeviceGray" if components == 1 else "/DeviceRGB"
        pw, ph = w * 72 / dpi, h * 72 / dpi
        img, content, page = len(objs) + 1, len(objs) + 2, len(objs) + 3
        objs.append((f"<</Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace{space}/BitsPerComponent 8"
                     f"/Filter{filt}/Length {len(data)}>>", data))
        cs = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        objs.append((f"<</Length {len(cs)}>>", cs))
        objs.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {pw:.2f} {ph:.2f}]"
                    f"/Resources<</XObject<</Im0 {img} 0 R>>>>/Contents {content} 0 R>>")
        kids.append(page)
    objs[1] = f"<</Type/Pages/Kids[{' '.join(f'{k} 0 R' for k in kids)}]/Count {len(kids)}>>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, o in enumerate(objs, 1):
        offsets.append(len(out))
        if isinstance(o, tuple):
            out += f"{n} 0 obj{o[0]}stream\n".encode() + o[1] + b"\nendstream endobj\n"
        else:
            out += f"{n} 0 obj{o}endobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer<</Size {len(objs) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    open(path, "wb").write(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--degrade", action="store_true")
    ap.add_argument("--pages", help="FIRST-LAST (default: all)")
    ap.add_argument("--quality", type=int, help="JPEG quality (default 75, degraded 35)")
    for kind in DAMAGE_GREYS:
        ap.add_argument(f"--{kind}", action="append", default=[], help="PAGE:X0,Y0,X1,Y1 in points")
    a = ap.parse_args()
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as work:
        cmd = ["pdftoppm", "-r", str(a.dpi), "-gray"]
        if a.pages:
            first, last = a.pages.split("-")
            cmd += ["-f", first, "-l", last]
        subprocess.run(cmd + [a.input, os.path.join(work, "p")], check=True)
        images = []
        damages = [(kind, int(p), [float(v) for v in b.split(",")])
                   for kind in DAMAGE_GREYS for p, b in (m.split(":") for m in getattr(a, kind))]
        for number, name in enumerate(sorted(f for f in os.listdir(work) if f.endswith(".pgm")), 1):
            w, h, pix = read_pgm(os.path.join(work, name))
            for kind, page, box in damages:
                if page == number:
                    damage(w, h, pix, box, a.dpi, kind, rng)
            if a.degrade:
                pix = tilt(w, h, pix, TILT_DEGREES)
                add_noise(w, h, pix, rng)
            quality = a.quality or (DEGRADED_JPEG_QUALITY if a.degrade else JPEG_QUALITY)
            images.append((w, h, jpeg_of(w, h, pix, a.dpi, quality, work), "/DCTDecode"))
        write_pdf(a.output, images, a.dpi)
    print(f"{a.output}: {len(images)} pages, {os.path.getsize(a.output) // 1024} KB", file=sys.stderr)


if __name__ == "__main__":
    main()
