"""`facereel app`: a local web page to animate portraits (uploads, presets, options, live progress)."""

from __future__ import annotations

import argparse
import ipaddress
import socket
from pathlib import Path

from facereel.cli.common import say
from facereel.errors import InputError

EXAMPLES = """examples:
  facereel app                                  # http://127.0.0.1:7860, jobs under ./facereel-app
  facereel app --port 8000 --workdir /tmp/facereel-jobs
  facereel app --keep-days 7                    # finished jobs older than a week are removed (hourly)
  facereel app --weights-dir ./SkyReels-A1      # the page may use these weights (engine a1), nothing else
  facereel app --host 0.0.0.0 --auth "$(openssl rand -hex 16)"   # other machines, with an access token
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("app", help="local web app: upload a portrait, pick a driver, watch it animate",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only); any other address needs --auth")
    p.add_argument("--auth", default=None, metavar="TOKEN",
                   help="access token every request must carry (open http://HOST:PORT/?token=TOKEN once, or send "
                        "'Authorization: Bearer TOKEN'); required unless --host is a loopback address")
    p.add_argument("--weights-dir", type=Path, action="append", default=[], metavar="FOLDER",
                   help="SkyReels-A1 weights folder (or a folder of them) that jobs may use, by name; repeatable. "
                        "The page can name no other path and no hub id")
    p.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    p.add_argument("--workdir", type=Path, default=Path("facereel-app"),
                   help="folder for uploads and results, one subfolder per job (default ./facereel-app)")
    p.add_argument("--max-upload-mb", type=float, default=200, help="largest upload per job in MB (default 200)")
    p.add_argument("--keep-days", type=float, default=None, metavar="N",
                   help="remove finished, failed and cancelled jobs (and their files) N days after they ended, "
                        "at start-up and then once an hour (default: keep everything)")
    p.set_defaults(run=run)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _check_listenable(host: str, port: int) -> None:
    """InputError unless a server can listen on `host`:`port` now (a port in use, an address not of this machine);
    else uvicorn would end with its own log line and exit code 3. The probe socket is closed again at once."""
    try:
        with socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as exc:  # socket.gaierror too
        reason = (exc.strerror or str(exc)).split(" (while attempting")[0]  # create_server's added words
        raise InputError(f"cannot listen on {host} port {port} ({reason})") from None


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise InputError(f"--port must be between 1 and 65535 (got {args.port})")
    if args.max_upload_mb <= 0:
        raise InputError(f"--max-upload-mb must be positive (got {args.max_upload_mb})")
    if args.keep_days is not None and not args.keep_days > 0:
        raise InputError(f"--keep-days must be positive (got {args.keep_days})")
    if not _is_loopback(args.host) and not args.auth:
        raise InputError(f"--host {args.host} lets other machines in: give --auth TOKEN too (see docs/security.md)")
    if args.auth is not None and len(args.auth) < 16:
        raise InputError("--auth: use a token of at least 16 characters, e.g. $(openssl rand -hex 16)")
    try:
        import uvicorn

        from facereel.app.server import create_app
    except ImportError as exc:
        raise InputError(f"facereel app needs the web extra ({exc.name} is missing): pip install 'facereel[app]'") from None

    _check_listenable(args.host, args.port)
    app = create_app(args.workdir, max_upload_bytes=int(args.max_upload_mb * 2**20), keep_days=args.keep_days,
                     host=args.host, auth=args.auth, weights_dirs=tuple(args.weights_dir))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    query = "?token=TOKEN (your --auth)" if args.auth else ""
    say(args, f"facereel app: open http://{shown}:{args.port}/{query} (jobs in {args.workdir}; Ctrl+C stops)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
