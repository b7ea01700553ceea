"""Run a page in headless Chromium against a folder served on 127.0.0.1.

The browser half of billet's Pagefind checks: Pagefind's `pagefind.js` only
runs in a browser (it loads its WebAssembly and index chunks with fetch),
so a check serves a folder holding a Pagefind bundle, opens a page of its
own in Debian's Chromium, and the page POSTs what it found back.

    from pagefind_browser import run_page
    result = run_page(root, page_html, payload, timeout=60)

- `root`: the folder to serve (the page reaches the bundle by its path
  under it, e.g. `/pagefind/pagefind.js`).
- `page_html`: the page, served at `/__check__.html`; it reads `payload`
  from `/__payload__.json` and must POST a JSON body to `/__results__`.
- Returns the POSTed JSON. Fails (SystemExit with the reason) when
  Chromium is missing or the page posts nothing within `timeout` seconds.

Standard library only. The server listens on 127.0.0.1 with a port the
system picks; Chromium runs in its own session, with a fresh profile, the
flags that work on our machines (no sandbox as root, no background
networking: the network is closed), and is killed with its helpers.
"""

import http.server
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PAGE = "/__check__.html"
PAYLOAD = "/__payload__.json"
RESULTS = "/__results__"


class _Server(http.server.ThreadingHTTPServer):
    def __init__(self, root, page, payload):
        self.root = root
        self.page = page.encode("utf-8")
        self.payload = json.dumps(payload).encode("utf-8")
        self.results = None
        self.done = threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def __init__(self, request, address, server):
        super().__init__(request, address, server, directory=server.root)

    def log_message(self, *args):
        pass

    def _send(self, body, kind):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == PAGE:
            return self._send(self.server.page, "text/html; charset=utf-8")
        if self.path == PAYLOAD:
            return self._send(self.server.payload, "application/json")
        return super().do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()
        if self.path == RESULTS and not self.server.done.is_set():
            self.server.results = json.loads(body)
            self.server.done.set()


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("Chromium not found (Debian: apt-get install chromium)")


def run_page(root, page_html, payload, timeout=60, chromium=None):
    """Serves `root`, runs `page_html` in headless Chromium, returns what
    the page POSTed to /__results__."""
    chromium = chromium or find_chromium()
    server = _Server(root, page_html, payload)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{PAGE}"
    profile = tempfile.mkdtemp(prefix="billet-chromium-")
    browser = subprocess.Popen(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        if not server.done.wait(timeout):
            raise SystemExit(f"{url}: the page posted no results in {timeout} s")
    finally:
        try:
            os.killpg(browser.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()
        server.shutdown()
        server.server_close()
        shutil.rmtree(profile, ignore_errors=True)
    return server.results
