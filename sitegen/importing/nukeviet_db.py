"""A NukeViet 4 database, read with pymysql: its address, the connection, and
what it holds.

The address is `mysql://user:password@host:port/database` (also `mariadb://`;
`?unix_socket=/run/mysqld/mysqld.sock` for a local socket); a password left
out of it is taken from MYSQL_PWD, as the mysql client does, so it need not
stand on the command line. A password is never shown: not in an error, not in
the summary. The session is read-only (SET SESSION TRANSACTION READ ONLY):
the import never changes the old site.

NukeViet names its tables `<prefix>_<table>` for the whole site (config,
users) and `<prefix>_<lang>_<module_data>_<table>` for a module's data in one
language; `<prefix>_<lang>_modules` lists the modules. Whatever is wrong is a
SourceError (messages/nukeviet_codes.py) before anything is written: no
server there, the account refused, no such database, a database that is not
NukeViet's (no `..._modules` table), a wrong prefix or language (the ones
found are named), a module's table missing (an incomplete copy).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

import pymysql
import pymysql.cursors

from .model import SourceError

SCHEMES = ("mysql", "mariadb", "mysql+pymysql")
DEFAULT_PORT = 3306
CONNECT_SECONDS = 15
READ_SECONDS = 600
MODULES_TABLE = re.compile(r"(.+)_([a-z]{2})_modules")  # '<prefix>_<lang>_modules'
IDENTIFIER = re.compile(r"[A-Za-z0-9_]+")


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    user: str
    database: str
    password: str = field(default="", repr=False)
    socket: str = ""


def parse_address(url: str) -> Address:
    """The address of `mysql://user:password@host:port/database`; SourceError when it is none."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise SourceError("import-nv-bad-url", url=shown(url)) from None
    database = unquote(parts.path.strip("/"))
    if parts.scheme.lower() not in SCHEMES or not database or "/" in database:
        raise SourceError("import-nv-bad-url", url=shown(url))
    password = unquote(parts.password) if parts.password is not None else os.environ.get("MYSQL_PWD", "")
    socket = (parse_qs(parts.query).get("unix_socket") or [""])[0]
    return Address(parts.hostname or "localhost", port or DEFAULT_PORT, unquote(parts.username or "root"),
                   database, password, socket)


def shown(url: str) -> str:
    """The address as it may be shown: its password, if any, as '***'."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url.strip())


class Database:
    """The open connection, the tables the database holds, and rows read whole."""

    def __init__(self, address: Address):
        self.address = address
        self.connection = _connect(address)
        try:
            with self.connection.cursor() as cursor:
                cursor.execute("SET SESSION TRANSACTION READ ONLY")
                cursor.execute("SHOW TABLES")
                self.tables = frozenset(next(iter(row.values())) for row in cursor.fetchall())
        except pymysql.MySQLError as error:
            self.close()
            raise SourceError("import-nv-read-failed", table=address.database, reason=_reason(error)) from None

    def close(self) -> None:
        try:
            self.connection.close()
        except pymysql.MySQLError:
            pass

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, table: str) -> bool:
        return table in self.tables

    def rows(self, table: str, order: str = "") -> list[dict]:
        """Every row of a table the database holds, as dicts, ordered by the columns named ('id,weight')."""
        columns = [c.strip() for c in order.split(",") if c.strip()]
        if table not in self.tables or not all(IDENTIFIER.fullmatch(c) for c in columns):
            raise ValueError(table, order)  # a name of this reader's own, never the user's
        sql = f"SELECT * FROM `{table}`" + (" ORDER BY " + ", ".join(f"`{c}`" for c in columns) if columns else "")
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql)
                return list(cursor.fetchall())
        except pymysql.MySQLError as error:
            raise SourceError("import-nv-read-failed", table=table, reason=_reason(error)) from None

    def check_site(self, prefix: str, lang: str) -> None:
        """SourceError unless the database is NukeViet's, with this prefix and this language."""
        wanted = f"{prefix}_{lang}_modules"
        if wanted in self.tables:
            return
        found = [m.groups() for m in map(MODULES_TABLE.fullmatch, sorted(self.tables)) if m]
        database = self.address.database
        if not found:
            raise SourceError("import-nv-not-nukeviet", database=database, table=wanted)
        prefixes = sorted({p for p, _lang in found})
        if prefix not in prefixes:
            raise SourceError("import-nv-wrong-prefix", database=database, table=wanted, prefix=prefix,
                              prefixes=", ".join(prefixes))
        raise SourceError("import-nv-wrong-lang", database=database, table=wanted, language=lang,
                          langs=", ".join(sorted({code for p, code in found if p == prefix})))

    def require(self, table: str, module: str, module_file: str) -> None:
        """SourceError when a module's own table is missing (a copy of the database cut short)."""
        if table not in self.tables:
            raise SourceError("import-nv-no-module-table", table=table, module=module, file=module_file,
                              database=self.address.database)


def _connect(address: Address):
    try:
        return pymysql.connect(host=address.host, port=address.port, user=address.user, password=address.password,
                               database=address.database, unix_socket=address.socket or None, charset="utf8mb4",
                               connect_timeout=CONNECT_SECONDS, read_timeout=READ_SECONDS,
                               cursorclass=pymysql.cursors.DictCursor, autocommit=True)
    except pymysql.err.OperationalError as error:
        code = error.args[0] if error.args else 0
        values = {"host": address.socket or address.host, "port": address.port, "reason": _reason(error)}
        if code in (1044, 1045, 1698):
            raise SourceError("import-nv-refused", user=address.user, database=address.database,
                              **values) from None
        if code == 1049:
            raise SourceError("import-nv-no-database", database=address.database, **values) from None
        raise SourceError("import-nv-no-server", **values) from None
    except (pymysql.MySQLError, OSError) as error:
        raise SourceError("import-nv-no-server", host=address.socket or address.host, port=address.port,
                          reason=_reason(error)) from None


def _reason(error: Exception) -> str:
    """The server's or the driver's words, with its error number ('1045: Access denied ...')."""
    if isinstance(error, pymysql.MySQLError) and len(error.args) >= 2:
        return f"{error.args[0]}: {error.args[1]}"
    return str(error) or type(error).__name__
