"""What the build, `check` and the preview say to editors about the sites
and the portal (site.yaml, the tree of sites), in Vietnamese and English:
a part of editors.py's catalogue (MESSAGES), kept apart for its length."""

from __future__ import annotations

SITES: dict[str, tuple[str, str]] = {
    "allow-html-not-granted": (
        "'allow_html: true' không có tác dụng: chỉ cổng gốc mới cho phép một trang viết mã HTML, bằng "
        "dòng 'allow_html_sites: [{slug}]' trong site.yaml của cổng gốc. Mã HTML trong bài của trang "
        "này vẫn bị lọc bỏ; hãy hỏi quản trị cổng.",
        "'allow_html: true' has no effect: only the root portal lets a site write raw HTML, with the "
        "line 'allow_html_sites: [{slug}]' in the root's site.yaml. Raw HTML in this site's pages is "
        "still removed; ask the webmaster.",
    ),
    "allow-html-sites-not-root": (
        "'allow_html_sites' chỉ có tác dụng trong site.yaml của cổng gốc ('{root}'); ở đây nó bị bỏ qua.",
        "'allow_html_sites' counts only in the root portal's site.yaml ('{root}'); here it is ignored.",
    ),
    "unknown-html-site": (
        "'allow_html_sites' nêu '{site}' nhưng không có trang nào có thư mục này. Các trang hiện có: {sites}.",
        "'allow_html_sites' names '{site}' but no site has that folder. The sites are: {sites}.",
    ),
    "sample-dated-not-root": (
        "'sample_dated' chỉ có tác dụng trong site.yaml của cổng gốc ('{root}') của một cổng mẫu; ở đây nó bị "
        "bỏ qua: ngày tháng của trang này vẫn đúng như đã viết.",
        "'sample_dated' counts only in a sample portal's root site.yaml ('{root}'); here it is ignored: this "
        "site's dates stay as written.",
    ),
    "cms-not-root": (
        "'cms' chỉ có tác dụng trong site.yaml của cổng gốc ('{root}'); ở đây nó bị bỏ qua. Trang quản trị "
        "của mọi trang lưu vào kho Git mà cổng gốc khai báo.",
        "'cms' counts only in the root portal's site.yaml ('{root}'); here it is ignored. Every site's admin "
        "page saves into the Git repository the root declares.",
    ),
    "cms-forge-incomplete": (
        "'cms: backend: {backend}' là một kho Git: cần thêm 'repo:' (kho nội dung) và 'app_id:' (ứng dụng OAuth "
        "để đăng nhập). Trang quản trị chưa lưu được cho tới khi có đủ; hoặc dùng 'backend: service' (dịch vụ "
        "đăng bài của cổng).",
        "'cms: backend: {backend}' is a Git forge: add 'repo:' (the content repository) and 'app_id:' (the "
        "OAuth application to sign in with). The admin pages cannot save until then; or use 'backend: service' "
        "(the portal's publishing service).",
    ),
    "unknown-cms-site": (
        "'cms: sites:' nêu '{site}' nhưng không có trang nào có thư mục này. Các trang hiện có: {sites}.",
        "'cms: sites:' names '{site}' but no site has that folder. The sites are: {sites}.",
    ),
    "named-root-has-parent": (
        "Trang này được chọn làm cổng gốc (--root) nên dòng 'parent: {parent}' bị bỏ qua. Hãy xóa dòng đó.",
        "This site is the root portal (--root), so its 'parent: {parent}' is ignored. Remove that line.",
    ),
    "no-site-yaml": (
        "Thư mục '{folder}' không có tệp site.yaml nên không được xây dựng. "
        "Hãy tạo site.yaml với ít nhất 'name:' và 'kind:'.",
        "The folder '{folder}' has no site.yaml and is not built. "
        "Create site.yaml with at least 'name:' and 'kind:'.",
    ),
    "bad-site-folder": (
        "Tên thư mục '{folder}' chỉ được gồm chữ thường không dấu, chữ số và dấu '-'; "
        "trang được xuất bản tại '{slug}/'.",
        "The folder name '{folder}' may hold only lowercase ASCII letters, digits and '-'; "
        "the site is published at '{slug}/'.",
    ),
    "unknown-parent": (
        "'parent: {parent}' không trùng tên thư mục của trang nào. Các trang hiện có: {sites}.",
        "'parent: {parent}' names no site. The sites are: {sites}.",
    ),
    "parent-not-allowed": (
        "'parent: {parent}' là một xã, phường, đặc khu hoặc thị trấn, không thể là trang cha; trang này được "
        "đặt dưới cổng gốc '{root}'. Hãy ghi 'parent: {root}'.",
        "'parent: {parent}' is a commune, ward, special zone or town and cannot be a parent; this site is put under "
        "the root portal '{root}'. Write 'parent: {root}'.",
    ),
    "parent-cycle": (
        "Các trang cha tạo thành vòng lặp: {cycle}. Hãy sửa 'parent:' của một trang.",
        "The parents form a cycle: {cycle}. Fix the 'parent:' of one of these sites.",
    ),
    "no-root": (
        "Không có cổng gốc: đúng một trang (tỉnh, hoặc huyện cũ) phải bỏ trống 'parent:'.",
        "There is no root portal: exactly one site (the province, or a former district) must have no 'parent:'.",
    ),
    "several-roots": (
        "Trang này không có 'parent:' nhưng cổng gốc là '{root}'. Hãy thêm 'parent: {root}'.",
        "This site has no 'parent:' but the root portal is '{root}'. Add 'parent: {root}'.",
    ),
    "no-base-url": (
        "Cổng gốc cần 'base_url' (địa chỉ của cổng) để tạo RSS, sơ đồ trang và liên kết chuẩn, "
        "ví dụ: base_url: https://phutho.gov.vn/",
        "The root portal needs 'base_url' for feeds, the sitemap and canonical links, "
        "e.g. base_url: https://phutho.gov.vn/",
    ),
    "no-sites": (
        "Không tìm thấy trang nào trong '{folder}': mỗi trang là một thư mục con có tệp site.yaml.",
        "No sites found in '{folder}': each site is a sub-folder with a site.yaml.",
    ),
}
