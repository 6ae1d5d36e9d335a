"""The city page's comparison-group chooser on a phone (Chromium, the real snapshot): the
chosen group's name is shown whole, not cut off at the select's edge."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import tab

# the chooser's chosen option drawn at the select's width and font, wrapped: its height
# against the height the select gives its text, and the page's width
FITS = r"""() => {
    const select = document.querySelector('#vergelijk');
    const style = getComputedStyle(select);
    const text = select.options[select.selectedIndex].text;
    const probe = document.createElement('div');
    const inner = select.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
    Object.assign(probe.style, {position: 'absolute', visibility: 'hidden', width: inner + 'px',
        font: style.font, lineHeight: style.lineHeight, letterSpacing: style.letterSpacing,
        whiteSpace: 'normal', overflowWrap: 'anywhere'});
    probe.textContent = text;
    document.body.appendChild(probe);
    const needed = probe.getBoundingClientRect().height;
    probe.remove();
    const box = select.getBoundingClientRect();
    return {text, needed, given: select.clientHeight - parseFloat(style.paddingTop)
        - parseFloat(style.paddingBottom), right: box.right,
        page: document.documentElement.scrollWidth};
}"""


LABELS = {"": "het G40-stedennetwerk", "TY1": "gemeenten van type 1 ("}


@pytest.mark.parametrize("group", ["", "TY1"])  # Utrecht's default G40; the longest name
def test_the_chosen_group_is_shown_whole_at_390_and_1280(browser, live_server: str,
                                                          artifacts: Path, group: str) -> None:
    """At 390 px Utrecht's chooser read 'G40: het G40-stedennetwerk, de 41 lede' (a select
    draws its chosen option on one line): now it wraps, at 1280 px it is one line."""
    with tab(browser, 390, 844) as page:
        page.goto(live_server + "/gemeente/GM0344" + (f"?vergelijk={group}" if group else ""))
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(200)
            seen = page.evaluate(FITS)
            page.locator("form.group").screenshot(
                path=str(artifacts / f"group-chooser-{group or 'G40'}-{width}.png"))
            # the group in words, no id before it ('G40: het ...' until session 42)
            assert seen["text"].startswith(LABELS[group]), seen
            assert seen["given"] >= seen["needed"] - 1, (width, seen)
            assert seen["right"] <= width and seen["page"] <= width, (width, seen)
