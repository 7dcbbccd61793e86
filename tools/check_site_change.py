#!/usr/bin/env python3
"""CI check for the one-repository shape: a change stays inside sites/<slug>/.

Neither Gitea/Forgejo nor GitLab gives a user write rights to one folder of a
repository. When every commune saves into its own branch of the district's
repository (cms: branch: bien-tap/{site} in the root's site.yaml), this check
runs on each merge request, before the district reviews and merges it: it
fails when the branch touches anything outside its own site's folder.

    python tools/check_site_change.py --base origin/main --branch bien-tap/an-binh
    python tools/check_site_change.py --base origin/main --site an-binh [--head HEAD]

The site is given, or read from the branch name by the same pattern as the
root's `cms: branch:` (--pattern, default bien-tap/{site}); a branch of
another name fails, so protect the branches of that pattern on the forge
(only a commune's team pushes to its own) and make this check required
before merging into main. Renames count as a deletion and an addition: both
paths must be inside. Exit status 0 when every changed path is inside, 1
when one is not (each named) or the branch is not a site's, 2 for wrong
usage.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def changed_paths(base: str, head: str, cwd: str | None = None) -> list[str]:
    """Every path the head changes since it left the base (both sides of a rename)."""
    result = subprocess.run(["git", "diff", "--name-only", "--no-renames", "-z", f"{base}...{head}"],
                            capture_output=True, cwd=cwd)
    if result.returncode != 0:
        raise ValueError(result.stderr.decode("utf-8", "replace").strip())
    return [p for p in result.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def outside(paths: list[str], site: str, folder: str = "sites") -> list[str]:
    prefix = f"{folder}/{site}/"
    return [p for p in paths if not p.startswith(prefix) or "/../" in f"/{p}/"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="what the change will be merged into, e.g. origin/main")
    parser.add_argument("--head", default="HEAD", help="the change (default: HEAD)")
    parser.add_argument("--site", help="the site's folder name")
    parser.add_argument("--branch", help="the change's branch name, which names the site")
    parser.add_argument("--pattern", default="bien-tap/{site}",
                        help="how a site's branch is named, as in the root's cms: branch: (default: bien-tap/{site})")
    parser.add_argument("--folder", default="sites", help="where the site folders are (default: sites)")
    args = parser.parse_args(argv)
    if args.site:
        site = args.site
        if not SLUG.fullmatch(site):
            parser.error(f"--site: '{site}' is not a site's folder name")
    elif args.branch:
        named = re.fullmatch(re.escape(args.pattern).replace(re.escape("{site}"), f"({SLUG.pattern})"),
                             args.branch)
        if named is None:
            print(f"Nhánh '{args.branch}' không phải nhánh biên tập của một trang ({args.pattern}).\n"
                  f"The branch '{args.branch}' is not a site's editing branch ({args.pattern}).", file=sys.stderr)
            return 1
        site = named.group(1)
    else:
        parser.error("give --site, or --branch")
    try:
        paths = changed_paths(args.base, args.head)
    except ValueError as error:
        print(f"git diff failed: {error}", file=sys.stderr)
        return 2
    wrong = outside(paths, site, args.folder)
    if wrong:
        print(f"Thay đổi này sửa tệp ngoài thư mục {args.folder}/{site}/ (chỉ được sửa trong đó):\n"
              f"This change touches files outside {args.folder}/{site}/:", file=sys.stderr)
        for path in wrong:
            print(f"  {path}", file=sys.stderr)
        return 1
    print(f"OK: {len(paths)} tệp, tất cả trong / files, all inside {args.folder}/{site}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
