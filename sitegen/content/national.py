"""The national public services a portal links to (Decree 42/2022/NĐ-CP).

Every home page links the National Public Service Portal, the province's own
public-service portal, where a citizen tracks an application, and where
citizens send feedback and petitions (phản ánh, kiến nghị); every procedure
page links its page on the national portal by its code. The root's site.yaml
may name the province's addresses under `services:`; a sub-site takes its
parent's, key by key, unless its own site.yaml names one. Without any, the
national portal's own pages are used.

The national portal's addresses are here, once: when it moves a page, this is
the one place to change.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from urllib.parse import quote

PORTAL = "https://dichvucong.gov.vn/"
TRACKING = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
FEEDBACK = "https://dichvucong.gov.vn/p/home/dvc-phan-anh-kien-nghi.html"
# A procedure's page by its code in the national database (1.001193): the portal's
# "dvc-chi-tiet-thu-tuc-hanh-chinh" page takes the code; its "dvc-tthc-...-chi-tiet"
# page takes an internal number instead, which a code is not.
PROCEDURE = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc={code}"


@dataclass(frozen=True)
class Services:
    """Where a site's citizens find the public services ('' : not named, the national one is used)."""

    province_portal: str = ""  # the province's public-service portal (none: the national portal alone)
    tracking: str = ""  # tracking an application (tra cứu hồ sơ)
    feedback: str = ""  # feedback and petitions (phản ánh, kiến nghị)

    def under(self, parent: "Services") -> "Services":
        """These addresses, each one not named taken from the parent's."""
        return replace(self, **{f.name: getattr(self, f.name) or getattr(parent, f.name) for f in fields(self)})

    @property
    def national(self) -> str:
        return PORTAL

    @property
    def tracking_url(self) -> str:
        return self.tracking or TRACKING

    @property
    def feedback_url(self) -> str:
        return self.feedback or FEEDBACK

    @property
    def own_portal(self) -> str:
        """The province's portal when it is not the national one itself ('' : none)."""
        return "" if self.province_portal.rstrip("/") == PORTAL.rstrip("/") else self.province_portal


def procedure_page(code: str) -> str:
    """A procedure's page on the National Public Service Portal."""
    return PROCEDURE.format(code=quote(code, safe="."))
