"""PNG snapshots of saved maps through the system's headless Chromium (never a downloaded one).

With Playwright installed (the ``test`` extra), the page is driven: fixed viewport, no
scrollbars, and the picture is taken only once the map says it has drawn its events
(``window.geoeventsMaps[...].ready``, after a gzipped payload is inflated) and two more
animation frames have painted. Without Playwright, Chromium's own ``--screenshot`` is used
with a virtual-time budget, which is usually, not provably, enough.
"""

from __future__ import annotations

import concurrent.futures
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from geoevents.errors import MapError

log = logging.getLogger(__name__)

#: Flags that keep Chromium off the network and quiet.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
)


def chromium_path() -> str:
    """Return the path of the system ``chromium`` (or ``chromium-browser``).

    Raises
    ------
    MapError
        When no Chromium is installed (Debian: ``apt-get install chromium``).
    """
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    msg = "no 'chromium' on PATH; install it (Debian: apt-get install chromium) to take snapshots"
    raise MapError(msg)


#: The page's maps have all drawn their events.
_READY = (
    "() => document.readyState === 'complete' && !!window.geoeventsMaps && "
    "Object.values(window.geoeventsMaps).length > 0 && "
    "Object.values(window.geoeventsMaps).every(s => s.ready)"
)
_PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))"
_NO_SCROLLBARS = "html,body{overflow:hidden!important;margin:0}"


def _snapshot_playwright(url: str, png_path: Path, width: int, height: int, wait_ms: int) -> bool:
    """Take the snapshot with Playwright; return ``False`` when Playwright is not installed."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return False
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS[1:])
            try:
                page = browser.new_page(
                    viewport={"width": width, "height": height}, device_scale_factor=1
                )
                page.goto(url, wait_until="load", timeout=120_000)
                page.add_style_tag(content=_NO_SCROLLBARS)
                try:
                    page.wait_for_function(_READY, timeout=max(wait_ms, 1000) * 10)
                except Error:
                    log.warning("map in %s did not report drawing; snapshot taken anyway", url)
                page.evaluate(_PAINTED)
                page.screenshot(path=str(png_path), full_page=False)
            finally:
                browser.close()
    except Error as exc:
        msg = f"chromium could not snapshot {url!r}: {str(exc).splitlines()[0]}"
        raise MapError(msg) from exc
    return True


def snapshot_png(
    html_path: str | Path,
    png_path: str | Path,
    *,
    width: int = 1200,
    height: int = 800,
    wait_ms: int = 3000,
) -> Path:
    """Render a saved map to PNG with headless Chromium and return the PNG path.

    Parameters
    ----------
    html_path
        A self-contained map written by :func:`geoevents.maps.save_map`.
    png_path
        Where to write the PNG.
    width, height
        Viewport size in pixels.
    wait_ms
        Without Playwright: virtual time given to the page's scripts before the picture is
        taken; with it, a tenth of the longest wait for the map to report it has drawn.

    Raises
    ------
    MapError
        When the HTML file is missing, Chromium is absent, or it writes no image.
    """
    html_path, png_path = Path(html_path).resolve(), Path(png_path).resolve()
    if not html_path.is_file():
        msg = f"no map at {str(html_path)!r}"
        raise MapError(msg)
    png_path.unlink(missing_ok=True)
    png_path.parent.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API refuses to run in a thread with an asyncio loop (Jupyter, or a
    # caller already driving a browser): it gets a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(
            _snapshot_playwright, html_path.as_uri(), png_path, width, height, wait_ms
        )
        done = job.result()
    if done:
        log.info("snapshot %s (%dx%d)", png_path, width, height)
        return png_path
    with tempfile.TemporaryDirectory(prefix="geoevents-chromium-") as profile:
        cmd = [
            chromium_path(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--virtual-time-budget={wait_ms}",
            f"--screenshot={png_path}",
            html_path.as_uri(),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        except subprocess.TimeoutExpired as exc:
            msg = f"chromium took more than 120 s to snapshot {str(html_path)!r}"
            raise MapError(msg) from exc
    if not png_path.is_file() or png_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        msg = f"chromium wrote no PNG for {str(html_path)!r} (exit {proc.returncode}): {tail[0]}"
        raise MapError(msg)
    log.info("snapshot %s (%dx%d)", png_path, width, height)
    return png_path
