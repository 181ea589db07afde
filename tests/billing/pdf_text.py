"""The text of a PDF that fpdf2 wrote, read back without fpdf2: the objects, their (deflated)
streams, each font's ToUnicode map, and the strings shown on each page in order. Enough for
the PDFs hub/billing/letters.py writes (Type0 fonts, Identity-H, two bytes a glyph), so a
test reads what a person would see, not what the writer was asked to write. No PDF reader
is among the project's packages; this one refuses what it cannot read rather than guess."""
from __future__ import annotations

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(stream\r?\n|endobj)", re.DOTALL)
TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>]+|\[|\]|[^\s\[\]()<>/]+",
                   re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """{number: (dictionary, stream decoded or None)}; a stream is cut by its /Length, as its
    bytes may hold anything."""
    found, at = {}, 0
    while match := OBJECT.search(data, at):
        body, stream, at = match.group(2), None, match.end()
        if match.group(3).startswith(b"stream"):
            length = int(re.search(rb"/Length\s+(\d+)", body).group(1))
            stream, at = data[at:at + length], at + length
            if b"/FlateDecode" in body:
                stream = zlib.decompress(stream)
        found[int(match.group(1))] = (body, stream)
    return found


def literal(token: bytes) -> bytes:
    """A PDF string's bytes: (…) with its escapes, or <hex>."""
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    out, inner, i = bytearray(), token[1:-1], 0
    while i < len(inner):
        char = inner[i:i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = inner[i + 1:i + 2]
        octal = re.match(rb"[0-7]{1,3}", inner[i + 1:i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            out += ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def to_unicode(cmap: bytes) -> dict[int, str]:
    table = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for first, last, target in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = ord(bytes.fromhex(target.decode()).decode("utf-16-be"))
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                table[code] = chr(start + offset)
    return table


def fonts(found) -> dict[bytes, dict[int, str]]:
    """{resource name (F1): its glyph → text map}, from every page's font resources."""
    maps = {}
    for body, _ in found.values():
        for name, number in re.findall(rb"/(F\d+)\s+(\d+) 0 R", body):
            font = found[int(number)][0]
            unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", font)
            assert unicode, f"font {name!r} has no ToUnicode map: cannot read its text"
            maps[name] = to_unicode(found[int(unicode.group(1))][1])
    return maps


def pdf_text(data: bytes) -> str:
    """The text shown on every page, one line per text object."""
    assert data.startswith(b"%PDF-"), data[:20]
    found = objects(data)
    maps = fonts(found)
    pages = [int(n) for n in re.findall(rb"/Contents\s+(\d+) 0 R", b"".join(
        body for body, _ in found.values()))]
    lines = []
    for page in pages:
        font, saved, operands, line = None, [], [], []
        for token in TOKEN.findall(found[page][1]):
            if token in (b"Tj", b"TJ", b"'", b'"'):
                for operand in operands:
                    if operand[:1] in (b"(", b"<"):
                        raw = literal(operand)
                        line.append("".join(font[int.from_bytes(raw[i:i + 2], "big")]
                                            for i in range(0, len(raw), 2)))
                operands = []
            elif token == b"Tf":
                font, operands = maps[operands[0][1:]], []
            elif token == b"q":     # the graphics state (its font) is saved, then restored
                saved.append(font)
                operands = []
            elif token == b"Q":
                font, operands = saved.pop(), []
            elif token == b"ET":
                if line:
                    lines.append("".join(line))
                line, operands = [], []
            elif re.fullmatch(rb"[A-Za-z*']+", token) and token not in (b"true", b"false"):
                operands = []
            elif token not in (b"[", b"]"):
                operands.append(token)
    return "\n".join(lines)
