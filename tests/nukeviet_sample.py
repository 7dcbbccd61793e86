"""NukeViet's eGovernment sample (tests/fixtures/nukeviet/README.md) loaded into a
database, as NukeViet's installer loads it: the one core table it needs, then
every `$sql_create_table[] = "...";` statement of data_egovernment.php with the
table prefix and the site's path put in."""

from __future__ import annotations

import re
from pathlib import Path

import pymysql

FIXTURES = Path(__file__).parent / "fixtures" / "nukeviet"
SAMPLE = FIXTURES / "data_egovernment.php"
CORE = FIXTURES / "core-tables.sql"
UPLOADS = FIXTURES / "uploads"

_STATEMENT = re.compile(r'^\$sql_create_table\[\] = ', re.M)
_JOIN = re.compile(r"""\s*\.\s*(\$db_config\['prefix'\]|NV_BASE_SITEURL)\s*\.\s*""")
_ESCAPES = {'"': '"', "\\": "\\", "$": "$", "n": "\n", "t": "\t", "r": "\r"}  # PHP's, in double quotes


def statements(php: str, prefix: str, base: str = "/") -> list[str]:
    """The sample's SQL statements, in order."""
    found = []
    for start in _STATEMENT.finditer(php):
        at, parts = start.end(), []
        while php[at] != ";":
            joined = _JOIN.match(php, at)
            if joined:
                parts.append(prefix if "prefix" in joined.group(1) else base)
                at = joined.end()
                continue
            assert php[at] == '"', php[at - 40:at + 40]
            text, at = _string(php, at + 1)
            parts.append(text)
        found.append("".join(parts))
    return found


def _string(php: str, at: int) -> tuple[str, int]:
    """A PHP double-quoted string from just after its opening quote: its text, and where it ends."""
    text = []
    while php[at] != '"':
        if php[at] == "\\":
            text.append(_ESCAPES.get(php[at + 1], "\\" + php[at + 1]))
            at += 2
        else:
            text.append(php[at])
            at += 1
    return "".join(text), at + 1


def load(port: int, database: str, prefix: str = "nv4") -> None:
    """A new database holding the sample, its tables named with prefix."""
    from pymysql.constants import CLIENT

    connection = pymysql.connect(host="127.0.0.1", port=port, user="root", charset="utf8mb4", autocommit=True,
                                 client_flag=CLIENT.MULTI_STATEMENTS)
    core = "\n".join(line for line in CORE.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
    sql = [core.replace("{prefix}", prefix), *statements(SAMPLE.read_text(encoding="utf-8"), prefix)]
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            cursor.execute(f"USE `{database}`")
            for at in range(0, len(sql), 500):  # 500 statements a round trip
                cursor.execute(";\n".join(sql[at:at + 500]))
                while cursor.nextset():
                    pass
    finally:
        connection.close()


def execute(port: int, database: str, *sql: str, args: tuple = ()) -> None:
    """Statements run on the database, as root (to change the sample for a test)."""
    connection = pymysql.connect(host="127.0.0.1", port=port, user="root", database=database, charset="utf8mb4",
                                 autocommit=True)
    try:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement, args or None)
    finally:
        connection.close()
