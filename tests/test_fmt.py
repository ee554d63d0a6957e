"""The one escape helper: user text shown as written, never as Markdown, a link or a formula."""

import pytest

from ucj.core.fmt import WORD_JOINER, escape_md


@pytest.mark.parametrize(
    "text, expected",
    [
        ("http://evil.example", "http\\:\u2060//evil\\.example"),
        ("lihat WWW.evil.example", "lihat W\u2060WW\\.evil\\.example"),
        ("ani@evil.example", "ani@\u2060evil\\.example"),
        ("$x^2$", "\\$x^2\\$"),
        ("[link](http://x)", "\\[link\\]\\(http\\:\u2060//x\\)"),
        ("Kota Jambi", "Kota Jambi"),
        ("awww.x", "awww\\.x"),  # not a link for the autolinker either: left alone
    ],
)
def test_bare_urls_and_markdown_are_made_inert(text, expected):
    assert escape_md(text) == expected


def test_the_text_reads_the_same_once_rendered():
    import re

    text = "Lihat https://kantor.example/a_b?x=1 atau www.bpjs.example, surel ani@kantor.example"
    rendered = re.sub(r"\\(.)", r"\1", escape_md(text)).replace(WORD_JOINER, "")
    assert rendered == text
