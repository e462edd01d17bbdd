"""Where the headless browser that tests and benches open pages in lives, and how it starts:
Debian's chromium, driven by Playwright (whose own browser download is not used)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
