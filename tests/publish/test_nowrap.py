"""Word joiners become spans that do not wrap (:mod:`stadstrends.publish.nowrap`): the
page's text holds "'s-Hertogenbosch" as typed, so that Ctrl+F and a copied name match;
before, "'s-\\u2060Hertogenbosch" was in the overview, the sentences and the h1."""

from __future__ import annotations

from stadstrends.publish.nowrap import nowrap_joined


def test_text_gets_a_span_markup_loses_the_joiner() -> None:
    page = ('<title>&#39;s-\u2060Hertogenbosch</title><h1 title="&#39;s-\u2060Hertogenbosch">'
            'Trendstudie &#39;s-\u2060Hertogenbosch</h1><p>van 2016–\u20602023, in</p>'
            '<script>{"a": "2016–\u20602023"}</script>')
    assert nowrap_joined(page) == (
        '<title>&#39;s-Hertogenbosch</title><h1 title="&#39;s-Hertogenbosch">Trendstudie '
        '<span class="nowrap">&#39;s-Hertogenbosch</span></h1><p>van <span class="nowrap">'
        '2016–2023,</span> in</p><script>{"a": "2016–2023"}</script>')


def test_a_page_without_joiners_is_unchanged() -> None:
    assert nowrap_joined("<p>Zwolle 2016</p>") == "<p>Zwolle 2016</p>"


def test_a_script_ends_at_its_own_closing_tag_whatever_it_holds() -> None:
    """A chart's spec in a script holds '<' (Vega expressions: 'datum.y < 0') and other
    tags' names; the script ends at the first closing tag of its own name, in any case."""
    page = ('<SCRIPT>if (a < b && "</p>" && "</scriptx>") {"t": "2016–\u20602023"}</Script >'
            '<p>2016–\u20602023</p><svg><text>1\u20602</text></svg>')
    assert nowrap_joined(page) == (
        '<SCRIPT>if (a < b && "</p>" && "</scriptx>") {"t": "2016–2023"}</Script >'
        '<p><span class="nowrap">2016–2023</span></p><svg><text>12</text></svg>')


def test_a_name_and_its_bracket_share_one_span() -> None:
    """A joiner before a space (:func:`~stadstrends.publish.format.keep_numbers_whole`:
    'Bergen (Limburg)') keeps the space in the span: the name and its bracket on one line,
    the text as typed."""
    page = ('<h1 title="Bergen\u2060 (Limburg)">Trendstudie Bergen\u2060 (Limburg)</h1>'
            '<p>op Bergen\u2060 (Noord-\u2060Holland) lijken</p>')
    assert nowrap_joined(page) == (
        '<h1 title="Bergen (Limburg)">Trendstudie <span class="nowrap name">Bergen (Limburg)</span>'
        '</h1><p>op <span class="nowrap name">Bergen (Noord-Holland)</span> lijken</p>')
