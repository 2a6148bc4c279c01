"""Read the text back from a reportlab PDF without external tools.

reportlab writes its page streams with the filters ASCII85 and Flate and shows text with
the `Tj` operator in WinAnsi encoding; this undoes exactly that, nothing more.
"""

import base64
import re
import zlib

_STREAM = re.compile(rb"<<((?:(?!<<).)*?)>>\s*stream\r?\n(.*?)\r?\n?endstream", re.S)
# A shown string, or an operator that starts a new line of text.
_SHOWN = re.compile(rb"\((?P<text>(?:\\.|[^\\)])*)\)\s*Tj|(?P<newline>T\*|\b(?:ET|Td|TD)\b)", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    def replace(match):
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(replace, raw)


def _decoded(header: bytes, data: bytes) -> bytes:
    if b"ASCII85Decode" in header:
        # reportlab ends the data with the "~>" marker but does not open it with "<~".
        data = base64.a85decode(data.strip().removeprefix(b"<~").removesuffix(b"~>"))
    if b"FlateDecode" in header:
        data = zlib.decompress(data)
    return data


def pdf_text(content: bytes) -> str:
    """All text shown on the pages, with a line break where the PDF starts a new line."""
    parts = []
    for header, data in _STREAM.findall(content):
        if b"/Subtype" in header:  # fonts and images carry no page text
            continue
        for match in _SHOWN.finditer(_decoded(header, data)):
            if match["newline"]:
                parts.append("\n")
            else:
                parts.append(_unescape(match["text"]).decode("cp1252"))
    return "".join(parts)
