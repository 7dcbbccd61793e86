"""`nginx`: print the web server's configuration for the portal (sitegen.serving.nginx),
with HTTPS (--tls-cert) and the publishing service behind a password (--service)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..messages.console import say
from ..portal.read import read_portal
from ..problems import Severity
from ..publish.staging import MARKER
from ..serving import identity
from ..serving.nginx import ConfigError, Options, Service, Tls, configuration, served_sites
from ..serving.nginx_service import plain_http, service_address
from ..serving.nginx_syntax import file_name

SERVICE = "127.0.0.1:8750"  # where `python build.py service` listens unless told otherwise


def add_arguments(parser) -> None:
    from ..options import add_lang, add_sites, listen_address, words

    add_sites(parser)
    add_lang(parser)
    parser.add_argument("--root", metavar="SLUG", help=words(parser, "root"))
    parser.add_argument("--out", type=Path, default=Path("public"), metavar="DIR", help=words(parser, "nginx-out"))
    parser.add_argument("--listen", type=listen_address(parser), metavar="ADDR:PORT", help=words(parser, "listen"))
    parser.add_argument("--brotli", action="store_true", help=words(parser, "brotli"))
    parser.add_argument("--tls-cert", type=Path, metavar="CRT", help=words(parser, "tls-cert"))
    parser.add_argument("--tls-key", type=Path, metavar="KEY", help=words(parser, "tls-key"))
    parser.add_argument("--http", type=_plain_address(listen_address(parser)), metavar="ADDR:PORT|off",
                        help=words(parser, "http"))
    parser.add_argument("--service", nargs="?", const=SERVICE, type=_service_address(parser), metavar="ADDR:PORT",
                        help=words(parser, "nginx-service", default=SERVICE))
    parser.add_argument("--service-key", type=Path, metavar="FILE", help=words(parser, "nginx-service-key"))
    parser.add_argument("--htpasswd", type=Path, metavar="FILE", help=words(parser, "htpasswd"))
    parser.set_defaults(usage_error=parser.error)  # for the options that go together (_options)


def _plain_address(listen):
    """--http: a listen address, or off."""
    def parse(text: str) -> str:
        return "" if text == "off" else listen(text)

    return parse


def _service_address(parser):
    import argparse

    def parse(text: str) -> str:
        if not service_address(text):
            raise argparse.ArgumentTypeError(say("nginx-bad-service", parser.lang, value=text))
        return text

    return parse


def run(args) -> int:
    """Print the configuration on stdout; notes and errors on stderr. 0, 1 (no portal) or 2."""
    from ..content.dates import build_time

    try:
        options = _options(args)
    except ConfigError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    portal, problems = read_portal(args.sites, build_time(None), root=args.root)
    for found in problems:
        # The sites' own files say where each is served: their mistakes change the configuration.
        if found.severity == Severity.ERROR and (portal is None or Path(found.path).name == "site.yaml"):
            print(found.format(args.lang), file=sys.stderr)
    if portal is None:
        return 1
    try:
        served = served_sites(portal)
        text = configuration(served, options)
    except ConfigError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    if options.service is not None and not _service_key(options.service.key_file, args.lang):
        return 2
    _notes(args, served, options)
    cms = portal.sites[0].config.cms
    if options.service is None and cms is not None and cms.backend == "service":
        print(say("nginx-wants-service", args.lang), file=sys.stderr)
    sys.stdout.write(text)
    return 0


def _options(args) -> Options:
    """The options as the configuration takes them: paths absolute and checked (ConfigError);
    options that go together missing end the command as a usage error (2)."""
    lang = args.lang
    if (args.tls_cert is None) != (args.tls_key is None):
        args.usage_error(say("nginx-tls-pair", lang))
    if args.http is not None and args.tls_cert is None:
        args.usage_error(say("nginx-http-needs-tls", lang))
    if args.service is not None and (args.service_key is None or args.htpasswd is None):
        args.usage_error(say("nginx-service-needs", lang))
    if args.service is None and (args.service_key is not None or args.htpasswd is not None):
        args.usage_error(say("nginx-needs-service", lang))
    listen = args.listen or ("443" if args.tls_cert is not None else "80")
    tls = service = None
    if args.tls_cert is not None:
        http = plain_http(listen) if args.http is None else args.http
        if http and _same_socket(http, listen):
            args.usage_error(say("nginx-http-same", lang, http=http, listen=listen))
        tls = Tls(_file(args.tls_cert, "--tls-cert"), _file(args.tls_key, "--tls-key"), http)
    if args.service is not None:
        service = Service(args.service, _file(args.service_key, "--service-key"), _file(args.htpasswd, "--htpasswd"))
    return Options(os.path.abspath(args.out), listen, args.brotli, tls, service)


def _same_socket(first: str, second: str) -> bool:
    """Two listen addresses nginx could not both take: one port, one address (or every address)."""
    (host, _colon, port), (other, _colon, other_port) = first.rpartition(":"), second.rpartition(":")
    return port == other_port and (host == other or host in ("", "*") or other in ("", "*"))


def _file(path: Path, option: str) -> str:
    return file_name(os.path.abspath(path), option)


def _service_key(path: str, lang: str) -> bool:
    """The key file, made now when missing (identity.key); False when it holds something else (said why)."""
    try:
        identity.key(Path(path))
    except ValueError:
        print(say("nginx-bad-key-file", lang, path=path), file=sys.stderr)
        return False
    return True


def _notes(args, served, options: Options) -> None:
    """What the webmaster should know, on stderr: the configuration is printed all the same."""
    lang = args.lang
    if not served[0].host:
        print(say("nginx-any-host", lang), file=sys.stderr)
    if not (Path(options.out) / MARKER).is_file():
        print(say("nginx-not-built", lang, out=options.out), file=sys.stderr)
    if options.service is not None and options.tls is None:
        print(say("nginx-clear-passwords", lang), file=sys.stderr)
    files = [(options.tls.cert, "--tls-cert"), (options.tls.key, "--tls-key")] if options.tls else []
    files += [(options.service.htpasswd, "--htpasswd")] if options.service else []
    for path, option in files:
        if not os.path.isfile(path):
            print(say("nginx-missing-file", lang, option=option, path=path), file=sys.stderr)
