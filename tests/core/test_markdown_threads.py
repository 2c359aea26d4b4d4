"""Rendering Markdown from many threads at once, as a server worker's thread pool does."""

import subprocess
import sys

# Threads that render their first Markdown at the same moment, in a fresh process; before
# the render at import, cmark-gfm aborted about one such process in ten.
_RACE = """
import threading
from app.core.markdown import render_markdown
start = threading.Barrier(16)
def render():
    start.wait()
    render_markdown("| a |\\n|---|\\n| 1 |")
threads = [threading.Thread(target=render) for _ in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
"""


def test_first_renders_at_once_in_a_fresh_process_never_abort_it() -> None:
    # A few processes at a time, so that their threads do run at once.
    for _ in range(10):
        runs = [subprocess.Popen([sys.executable, "-c", _RACE]) for _ in range(4)]
        assert [run.wait(timeout=60) for run in runs] == [0] * 4
