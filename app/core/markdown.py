"""Markdown to HTML that is safe to put in front of any client."""

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# Built once: `nh3.clean` builds its sanitizer from these sets on every call, which is half
# the cost of cleaning an advert's description.
_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    attributes={"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener",
)


# cmark-gfm registers its extensions' node flags on its first render, unguarded: two threads
# rendering first at once abort the process ("flag initialization error in
# cmark_register_node_flag"), as forty writes at once to a fresh server worker did. One
# render at import, before any thread can ask for one, registers them.
cmarkgfm.markdown_to_html_with_extensions("", extensions=["table"])


def render_markdown(text: str) -> str:
    """Render Markdown, then let through only plain formatting tags and http(s)/mailto links.

    Rendered by cmark-gfm, GitHub's CommonMark in C, with its table extension: the importer
    renders every advert it reads, and this is twice as fast as a renderer in Python. Raw
    HTML is allowed while rendering (adverts use it) and cleaned afterwards by nh3, so
    scripts, styles, event handlers and `javascript:` URLs never reach a client.
    """
    html = cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_UNSAFE, extensions=["table"]
    )
    return _CLEANER.clean(html)
