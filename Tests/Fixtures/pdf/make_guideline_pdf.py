"""Writes guideline.pdf: a one-page PDF with a text layer, built by hand (PDF 1.4, Helvetica).

Run from this folder: python3 make_guideline_pdf.py
"""

LINES = [
    "Home Blood Pressure Guideline",
    "Measure blood pressure at home twice a day for a week before a visit.",
    "Regular home readings support long-",
    "term control of hyperten-",
    "sion and show whether treatment works.",
    "Sit quietly for five minutes before each measurement.",
]


def content_stream():
    parts = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in LINES:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        parts.append(f"({escaped}) Tj T*")
    parts.append("ET")
    return "\n".join(parts).encode("latin-1")


def build():
    stream = content_stream()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (Home Blood Pressure Guideline) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


if __name__ == "__main__":
    with open("guideline.pdf", "wb") as handle:
        handle.write(build())
