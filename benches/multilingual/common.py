"""Shared helpers of the multilingual evaluation (see README.md)."""
import gzip, subprocess


def is_unspaced_char(c):
    """neardup's text::is_unspaced, for letters (Han, kana, Thai...)."""
    u = ord(c)
    if u < 0x0E00 or not (c.isalnum()):
        return False
    return (0x0E00 <= u <= 0x0EFF or 0x1000 <= u <= 0x109F or 0x1780 <= u <= 0x17FF
            or 0x19E0 <= u <= 0x19FF or 0x2E80 <= u <= 0x2FDF or 0x3005 <= u <= 0x3007
            or 0x3021 <= u <= 0x3029 or 0x3031 <= u <= 0x3035 or 0x3038 <= u <= 0x303C
            or 0x3040 <= u <= 0x30FF or 0x3100 <= u <= 0x312F or 0x31A0 <= u <= 0x31BF
            or 0x31F0 <= u <= 0x31FF or 0x3400 <= u <= 0x4DBF or 0x4E00 <= u <= 0x9FFF
            or 0xF900 <= u <= 0xFAFF or 0xFF66 <= u <= 0xFF9D or 0x1B000 <= u <= 0x1B16F
            or 0x20000 <= u <= 0x3134F)


def render_man(path):
    """A man page (gzipped roff) as plain UTF-8 text, or '' when groff fails.
    Pages that only include another (.so) give ''."""
    raw = gzip.open(path).read()
    if raw.lstrip().startswith(b".so "):
        return ""
    try:
        out = subprocess.run(
            ["groff", "-man", "-Tutf8", "-P-cbou", "-K", "utf8"],
            input=raw, capture_output=True, timeout=30, env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        ).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return ""
    # groff hyphenates and fills lines; join lines into paragraphs
    paras, cur = [], []
    for line in out.splitlines():
        line = line.strip()
        if not line:
            if cur:
                paras.append(" ".join(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(paras)


def html_paragraphs(html):
    """The <p> paragraphs of an HTML page as plain text (tags dropped,
    entities decoded, white space collapsed)."""
    import html as h
    import re
    out = []
    for m in re.finditer(r"<p\b[^>]*>(.*?)</p>", html, re.S):
        t = h.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
        t = re.sub(r"\s+", " ", t).strip()
        if t:
            out.append(t)
    return out
