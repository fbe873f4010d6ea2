"""PNG snapshots of saved maps through the system's headless Chromium (never a downloaded one)."""

from __future__ import annotations

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
        Virtual time given to the page's scripts before the picture is taken.

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
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            msg = f"chromium took more than 120 s to snapshot {str(html_path)!r}"
            raise MapError(msg) from exc
    if not png_path.is_file() or png_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        msg = f"chromium wrote no PNG for {str(html_path)!r} (exit {proc.returncode}): {tail[0]}"
        raise MapError(msg)
    log.info("snapshot %s (%dx%d)", png_path, width, height)
    return png_path
