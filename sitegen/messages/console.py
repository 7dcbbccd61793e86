"""What the commands print in the terminal and what their errors say, in
Vietnamese (the default) and English: summaries, progress, the preview's
log, the web server's and the deploy's words. Placeholders are filled from
named values when shown; Said is the error type that carries a code of here.
"""

from __future__ import annotations

from .importing import IMPORTING
from .imports import IMPORTS
from .nukeviet_codes import NUKEVIET
from .service import SERVICE

CONSOLE: dict[str, tuple[str, str]] = {
    # The command line
    "unknown-command": ("không có lệnh '{command}'{close} (các lệnh: {commands})",
                        "unknown command '{command}'{close} (commands: {commands})"),
    "did-you-mean-command": ("; có phải '{command}'?", "; did you mean '{command}'?"),
    "sites-no-match": ("--sites: không thư mục nào khớp '{value}'", "--sites: no folder matches '{value}'"),
    "sites-not-folder": ("--sites: '{value}' không phải thư mục", "--sites: '{value}' is not a folder"),
    "sites-twice": ("--sites: thư mục trang '{name}' có ở hai nơi: '{first}' và '{other}'; tên thư mục của "
                    "mỗi trang phải là duy nhất trong cổng",
                    "--sites: the site folder '{name}' is in two places: '{first}' and '{other}'; a site's "
                    "folder name must be unique in the portal"),
    "root-unknown": ("--root: không có trang '{slug}' trong {where} (các trang: {known})",
                     "--root: no site '{slug}' in {where} (sites: {known})"),
    "site-unknown": ("--site: không có trang '{slug}' trong {where} (các trang: {known})",
                     "--site: no site '{slug}' in {where} (sites: {known})"),
    "bad-now": ("--now: '{value}' không phải ngày giờ như '27/06/2019 17:00'",
                "--now: '{value}' is not a date such as '27/06/2019 17:00'"),
    "bad-listen": ("'{value}' không phải PORT hay ADDR:PORT, ví dụ 127.0.0.1:8080",
                   "'{value}' is not PORT or ADDR:PORT, e.g. 127.0.0.1:8080"),
    "bad-positive": ("'{value}' không phải số nguyên từ 1 trở lên", "'{value}' is not a whole number of 1 or more"),
    "could-not-write": ("Không ghi được{where}: {reason}. Bản đã xuất bản trước đó vẫn giữ nguyên.",
                        "Could not write{where}: {reason}. The published portal is unchanged."),
    # build and check
    "build-summary": ("Đã dựng {sites} trang thông tin: {pages} trang web, {feeds} tệp RSS/lịch, {files} tệp ảnh "
                      "và đính kèm vào '{out}'; {warnings} cảnh báo, {errors} lỗi; {seconds} giây.",
                      "Built {sites} sites: {pages} pages, {feeds} feeds and calendars, {files} files "
                      "into '{out}'; {warnings} warnings, {errors} errors; {seconds} s."),
    "build-unchanged": ("Không có gì thay đổi kể từ lần dựng trước: giữ nguyên bản đã xuất bản.",
                        "Nothing changed since the last build: the publication is kept as it is."),
    "build-report": ("Báo cáo cho quản trị: {report}", "The webmaster's report: {report}"),
    "check-summary": ("Kiểm tra xong: {errors} lỗi, {warnings} cảnh báo.",
                      "Checked: {errors} errors, {warnings} warnings."),
    "more-problems": ("... và {more} vấn đề khác{where}.", "... and {more} more{where}."),
    "more-in-report": (": báo cáo {report} liệt kê tất cả", ": the report {report} lists them all"),
    "more-by-site": (" (xem từng trang: python build.py check --site TÊN-THƯ-MỤC)",
                     " (one site at a time: python build.py check --site FOLDER)"),
    "phase-read": ("Đọc nội dung", "Reading content"),
    "phase-render": ("Dựng và ghi trang", "Rendering and writing"),
    "progress-sites": ("trang thông tin", "sites"),
    # new
    "created": ("Đã tạo: {path}", "Created: {path}"),
    "no-such-site": ("Không có trang '{site}' trong '{where}' (các trang: {known}).",
                     "No site '{site}' in '{where}' (sites: {known})."),
    "new-no-title": ("Hãy ghi tiêu đề, ví dụ: \"Hội nghị triển khai nhiệm vụ năm 2026\".",
                     "Give a title, e.g. \"Hội nghị triển khai nhiệm vụ năm 2026\"."),
    "new-exists": ("Tệp '{path}' đã có; sitegen không ghi đè. Hãy mở tệp đó để sửa, hoặc đặt tiêu đề khác.",
                   "'{path}' exists and is never overwritten: open it to edit, or choose another title."),
    # report
    "report-written": ("Đã ghi báo cáo: {html} (xem bằng trình duyệt) và {json}.",
                       "Report written: {html} (open it in a browser) and {json}."),
    "report-inside-output": ("Thư mục báo cáo '{folder}' nằm trong thư mục xuất bản '{other}': hãy chọn thư mục "
                             "khác (--report).",
                             "The report folder '{folder}' is inside the published output '{other}': choose "
                             "another (--report)."),
    "report-inside-sites": ("Thư mục báo cáo '{folder}' nằm trong thư mục các trang '{other}': hãy chọn thư mục "
                            "khác (--report).",
                            "The report folder '{folder}' is inside the sites folder '{other}': choose another "
                            "(--report)."),
    "report-cannot-create": ("Không tạo được thư mục báo cáo '{folder}': {reason}",
                             "Cannot create the report folder '{folder}': {reason}"),
    "report-not-folder": ("'{folder}' không phải thư mục", "'{folder}' is not a folder"),
    "report-cannot-write": ("Không ghi được '{path}': {reason}", "Cannot write '{path}': {reason}"),
    "table-site": ("Trang", "Site"), "table-score": ("Điểm", "Score"), "table-last": ("Tin mới", "Last news"),
    "table-count": ("Vấn đề", "Issues"), "table-top": ("Vấn đề chính", "Top problem"),
    "table-never": ("chưa có", "never"),
    "table-summary": ("{sites} trang, {behind} trang cần đôn đốc (tin cũ, thiếu lịch, cán bộ hoặc mục bắt buộc).",
                      "{sites} sites, {behind} behind (stale news, no schedule, no staff or missing required "
                      "items)."),
    # The webmaster's list of required items (report/required.py)
    "required-unreadable": ("không đọc được tệp ({reason})", "cannot read the file ({reason})"),
    "required-yaml": ("sai cú pháp YAML", "YAML syntax error"),
    "required-yaml-at": ("sai cú pháp YAML (dòng {line})", "YAML syntax error (line {line})"),
    "required-shape": ("tệp phải gồm các khóa thresholds, score, items",
                       "the file must hold the keys thresholds, score, items"),
    "required-mapping": ("'{key}' phải gồm các dòng 'khóa: giá trị'", "'{key}' must hold 'key: value' lines"),
    "required-unknown-key": ("khóa '{key}' không dùng được; các khóa: {keys}",
                             "the key '{key}' is not used; the keys are: {keys}"),
    "required-not-list": ("'items' phải là một danh sách (mỗi mục bắt đầu bằng '- id: ...')",
                          "'items' must be a list (each item starting with '- id: ...')"),
    "required-twice": ("mục '{id}' được khai báo hai lần", "the item '{id}' is given twice"),
    "required-no-id": ("mục thứ {index} của 'items' cần có 'id:'", "item {index} of 'items' needs an 'id:'"),
    "required-bad-check": ("{where}: 'check: {check}' không có; chọn một trong: {checks}",
                           "{where}: there is no 'check: {check}'; choose one of: {checks}"),
    "required-bad-topic": ("{where}: trang không thể có 'topic: {topic}'; các topic: {topics}",
                           "{where}: no page can have 'topic: {topic}'; the topics are: {topics}"),
    "required-bad-keys": ("{where}: 'keys' phải liệt kê khóa của site.yaml, ví dụ [address, phone, email]",
                          "{where}: 'keys' must list site.yaml keys, e.g. [address, phone, email]"),
    "required-bad-kind": ("{where}: loại trang '{kind}' không có; chọn trong: {kinds}",
                          "{where}: there is no site kind '{kind}'; choose from: {kinds}"),
    "required-number": ("'{key}' phải là một số không âm (đang là '{value}')",
                        "'{key}' must be a number, zero or more (found '{value}')"),
    "required-weekday": ("'thresholds.next_week_schedule_from': '{value}' không phải tên ngày trong tuần (ví dụ: "
                         "Thứ Sáu, Thứ Bảy, Chủ Nhật) hoặc false",
                         "'thresholds.next_week_schedule_from': '{value}' is not a weekday (e.g. Thứ Sáu, Thứ Bảy, "
                         "Chủ Nhật) or false"),
    # The output folder (publish/staging.py)
    "output-refused": ("Không dùng '{out}' làm thư mục đầu ra.", "Refusing to use '{out}' as output."),
    "output-overlaps": ("Thư mục đầu ra '{out}' trùng hoặc chứa thư mục nội dung '{kept}'.",
                        "The output '{out}' overlaps the content folder '{kept}'."),
    "output-is-file": ("'{out}' là một tệp, không phải thư mục.", "'{out}' is a file, not a folder."),
    "output-foreign": ("Thư mục '{out}' đã có nội dung không do sitegen tạo ra; để không xóa nhầm, bản dựng dừng "
                       "lại. Hãy chọn thư mục đầu ra khác (--out) hoặc tự xóa thư mục này.",
                       "'{out}' holds files sitegen did not write; so as not to delete them, the build stops. "
                       "Choose another output folder (--out) or empty it yourself."),
    "output-busy": ("Một bản dựng khác đang ghi vào '{out}'. Hãy chờ bản dựng đó xong rồi chạy lại.",
                    "Another build is writing to '{out}'; wait for it to finish."),
    # nginx
    "nginx-any-host": ("Lưu ý: trang gốc chưa có base_url trong site.yaml; cấu hình trả lời mọi tên miền "
                       "(server_name _).",
                       "Note: the root site has no base_url in its site.yaml; the configuration answers any host "
                       "(server_name _)."),
    "nginx-wants-service": ("Lưu ý: cổng gốc chọn 'cms: {{backend: service}}' nhưng thiếu --service: trang quản "
                            "trị sẽ không lưu được cho tới khi nginx chuyển /__sitegen/service/ tới dịch vụ đăng "
                            "bài (thêm --service, --service-key, --htpasswd).",
                            "Note: the root chooses 'cms: {{backend: service}}' but --service is missing: the admin "
                            "pages cannot save until nginx passes /__sitegen/service/ to the publishing service "
                            "(add --service, --service-key, --htpasswd)."),
    "nginx-not-built": ("Lưu ý: '{out}' chưa phải là thư mục đã dựng trên máy này; hãy chắc chắn máy chủ có thư "
                        "mục đó (ví dụ thư mục 'current' của lệnh deploy).",
                        "Note: '{out}' is not a built portal on this machine; make sure the server has it (for "
                        "example the 'current' link the deploy command makes)."),
    "nginx-same-address": ("Hai trang thông tin '{other}' và '{slug}' cùng địa chỉ {address}: hãy sửa base_url "
                           "trong site.yaml.",
                           "Sites '{other}' and '{slug}' share the address {address}: fix base_url in "
                           "site.yaml."),
    "nginx-bad-host": ("Tên miền '{host}' của trang '{slug}' không hợp lệ.",
                       "The host '{host}' of the site '{slug}' is not a host name."),
    "nginx-bad-path": ("Đường dẫn '{path}' của trang '{slug}' không hợp lệ.",
                       "The path '{path}' of the site '{slug}' is not a plain path."),
    "nginx-off-portal": ("'{url}' không thuộc cổng.", "'{url}' is not on the portal."),
    "nginx-refused": ("Không thể đưa {text} vào cấu hình nginx (có '$' hoặc ký tự điều khiển).",
                      "{text} cannot go into the nginx configuration (a '$' or a control character)."),
    "nginx-refused-file": ("{option}: không thể đưa đường dẫn {path} vào cấu hình nginx (nginx không nhận '$', "
                           "'*', '?', '[' hay ký tự điều khiển trong tên tệp); hãy đổi tên hoặc chuyển tệp.",
                           "{option}: the path {path} cannot go into the nginx configuration (nginx takes no '$', "
                           "'*', '?', '[' or control character in a file name); rename or move the file."),
    "nginx-tls-pair": ("--tls-cert và --tls-key phải đi cùng nhau: chứng chỉ và khóa riêng của nó.",
                       "--tls-cert and --tls-key go together: the certificate and its private key."),
    "nginx-http-needs-tls": ("--http chỉ dùng với --tls-cert: cổng HTTP thường khi đó chuyển sang HTTPS.",
                             "--http goes with --tls-cert only: plain HTTP is then sent to HTTPS."),
    "nginx-http-same": ("--http {http} trùng với địa chỉ HTTPS --listen {listen}; hãy chọn cổng khác, hoặc "
                        "--http off.",
                        "--http {http} is the HTTPS address --listen {listen}; choose another port, or --http off."),
    "nginx-service-needs": ("--service cần cả --service-key FILE (tệp khóa của dịch vụ) và --htpasswd FILE (tệp "
                            "mật khẩu của người biên tập).",
                            "--service needs both --service-key FILE (the service's key file) and --htpasswd FILE "
                            "(the editors' password file)."),
    "nginx-needs-service": ("--service-key và --htpasswd chỉ dùng với --service.",
                            "--service-key and --htpasswd go with --service only."),
    "nginx-bad-service": ("'{value}' không phải ADDR:PORT, ví dụ 127.0.0.1:8750",
                          "'{value}' is not ADDR:PORT, e.g. 127.0.0.1:8750"),
    "nginx-bad-key-file": ("'{path}' không phải tệp khóa của dịch vụ (một dòng proxy_set_header X-Sitegen-Key "
                           "\"...\";); sitegen không ghi đè. Hãy chọn tệp khác (--service-key).",
                           "'{path}' is not the service's key file (one line proxy_set_header X-Sitegen-Key "
                           "\"...\";); sitegen never overwrites it. Choose another file (--service-key)."),
    "nginx-clear-passwords": ("Cảnh báo: không có --tls-cert, mật khẩu của người biên tập đi qua mạng không mã "
                              "hóa; chỉ dùng khi một máy chủ TLS đứng trước nginx này.",
                              "Warning: without --tls-cert the editors' passwords travel in clear text; use this "
                              "only behind a TLS terminator in front of this nginx."),
    "nginx-missing-file": ("Lưu ý: {option} '{path}' chưa có trên máy này; nginx cần tệp đó.",
                           "Note: {option} '{path}' is not on this machine; nginx needs it."),
    "nginx-service-path": ("Trang '{slug}' được đặt tại {address}, chỗ của dịch vụ đăng bài: hãy sửa base_url "
                           "trong site.yaml.",
                           "The site '{slug}' is served at {address}, where the publishing service is: fix "
                           "base_url in site.yaml."),
    # systemd
    "systemd-install": ("Cài đặt (với quyền root): chạy lại lệnh này với '> /etc/systemd/system/{unit}', rồi "
                        "'systemctl daemon-reload' và 'systemctl enable --now sitegen' (tài khoản '{user}' phải "
                        "có sẵn và ghi được các thư mục ReadWritePaths).",
                        "To install (as root): run this command again with '> /etc/systemd/system/{unit}', then "
                        "'systemctl daemon-reload' and 'systemctl enable --now sitegen' (the account "
                        "'{user}' must exist and be able to write the ReadWritePaths folders)."),
    "systemd-bad-user": ("'{value}' không phải tên tài khoản (chữ thường, số, '_' hoặc '-')",
                         "'{value}' is not an account name (lowercase letters, digits, '_' or '-')"),
    "systemd-refused": ("Không thể đưa {value} vào tệp unit của systemd (có ký tự điều khiển).",
                        "{value} cannot go into a systemd unit (a control character)."),
    # deploy
    "deploy-sending": ("Đang gửi '{out}' tới '{dest}' …", "Sending '{out}' to '{dest}' …"),
    "deploy-sent": ("Đã gửi {files} tệp ({size}; {wire} qua đường truyền) trong số {total} tệp ({total_size}). "
                    "Bản {release} đang chạy tại '{dest}'.",
                    "Sent {files} files ({size}; {wire} over the wire) of {total} files ({total_size}). "
                    "Release {release} is live at '{dest}'."),
    "deploy-removed": ("Đã xóa các bản cũ: {names}.", "Removed old releases: {names}."),
    "deploy-rolled-back": ("Đã quay lại: '{dest}' chạy bản {live} thay cho {left}.",
                           "Rolled back: '{dest}' serves {live} instead of {left}."),
    "deploy-not-host": ("'{host}' không phải tên máy chủ.", "'{host}' is not a host name."),
    "deploy-cannot-run": ("Không chạy được {command}: {reason}", "Could not run {command}: {reason}"),
    "deploy-failed-on": ("Lỗi trên '{dest}': {detail}", "Failed on '{dest}': {detail}"),
    "deploy-no-rsync": ("Không tìm thấy rsync; hãy cài đặt (apt-get install rsync).",
                        "rsync was not found; install it (apt-get install rsync)."),
    "deploy-not-built": ("'{out}' không phải thư mục do sitegen dựng; hãy chạy build trước.",
                         "'{out}' is not a portal sitegen built; run build first."),
    "deploy-busy": ("Một bản dựng hoặc lần triển khai khác đang dùng '{out}'; hãy chờ xong rồi chạy lại.",
                    "Another build or deploy is using '{out}'; wait for it to finish."),
    "deploy-rsync-stopped": ("rsync dừng lại (mã {status}); trang đang chạy không thay đổi, lần triển khai sau sẽ "
                             "gửi tiếp phần còn lại.{detail}",
                             "rsync stopped (status {status}); the live site is unchanged, the next deploy "
                             "carries on.{detail}"),
    "deploy-nothing-live": ("Chưa có bản nào được triển khai tới '{dest}'.", "Nothing is deployed at '{dest}'."),
    "deploy-no-earlier": ("Không còn bản nào trước {current} tại '{dest}'.",
                          "No release before {current} is left at '{dest}'."),
    # The preview (serve)
    "serve-edit-local": ("--edit chỉ chạy trên 127.0.0.1: trang quản trị khi đó ghi tệp mà không cần đăng nhập.",
                         "--edit runs on 127.0.0.1 only: the admin pages then write files without signing in."),
    "serve-not-built": ("Không dựng được cổng.", "The portal could not be built."),
    "serve-cannot-listen": ("Không mở được cổng {host}:{port}: {reason}", "Cannot listen on {host}:{port}: {reason}"),
    "serve-previewing": ("Xem trước tại {address} (Ctrl+C để dừng)", "Previewing at {address} (Ctrl+C to stop)"),
    "serve-editing": ("Viết bài trên trình duyệt: {address}{admin} (mỗi xã: {address}<thư-mục>/{admin})",
                      "Edit in the browser: {address}{admin} (each commune: {address}<folder>/{admin})"),
    "serve-build-failed": ("Lỗi khi dựng: {error}", "Build failed: {error}"),
    "serve-rebuilt": ("Đã dựng lại trong {seconds} giây ({rendered} tệp mới, {errors} lỗi)",
                      "Rebuilt in {seconds} s ({rendered} new files, {errors} errors)"),
    "serve-panel-title": ("{errors} lỗi, {warnings} cảnh báo trong nội dung",
                          "{errors} errors, {warnings} warnings in the content"),
    "serve-not-here": ("Không có ở đây.", "Not found."),
    "serve-no-site": ("Không có trang này.", "No such site."),
    "serve-bad-request": ("Yêu cầu không đúng dạng: {error}", "Bad request: {error}"),
    "serve-cannot-write": ("Không ghi được tệp: {reason}", "Could not write: {reason}"),
    "serve-no-backend": ("Để viết bài ở trang quản trị trên máy này, hãy dừng bản xem thử (Ctrl+C) rồi chạy: "
                         "python build.py serve --edit",
                         "To write here, stop the preview (Ctrl+C) and run: python build.py serve --edit"),
    "serve-too-large": ("Tệp quá lớn (tối đa {limit} MB).", "Too large (at most {limit} MB)."),
    "serve-json-only": ("Chỉ nhận JSON.", "JSON only."),
    "serve-local-only": ("Chỉ nhận yêu cầu gửi tới 127.0.0.1.", "Only requests addressed to 127.0.0.1."),
    "serve-cross-origin": ("Không nhận yêu cầu từ trang của nơi khác.", "Cross-origin request refused."),
    "serve-cross-site": ("Không nhận yêu cầu từ trang của nơi khác.", "Cross-site request refused."),
    # The admin pages' local back end (editing/backend.py)
    "backend-no-path": ("Thiếu đường dẫn tệp.", "A file path is required."),
    "backend-outside": ("Đường dẫn '{name}' nằm ngoài các thư mục của trang này ({prefix}: {folders}).",
                        "The path '{name}' is outside this site's folders ({prefix}: {folders})."),
    "backend-escape": ("Đường dẫn '{name}' dẫn ra ngoài thư mục của trang.",
                       "The path '{name}' leads out of the site's folder."),
    "backend-not-base64": ("Tệp tải lên phải mã hóa base64.", "Uploads must be base64."),
    "backend-corrupt": ("Nội dung tệp tải lên bị hỏng.", "The upload's content is corrupt."),
    "backend-unknown-action": ("Thao tác '{action}' không dùng ở đây.", "Unknown action '{action}'."),
    "backend-no-text": ("Thiếu nội dung tệp.", "The entry's text is missing."),
    "backend-nothing": ("Không có gì để lưu.", "Nothing to save."),
    # A generated file's first line (the admin pages' config.yml)
    "admin-config-header": ("Đừng sửa tay: lần dựng sau sẽ viết lại.",
                            "Written by sitegen from the kinds; do not edit."),
}


CONSOLE.update(SERVICE)  # the publishing service's own (messages/service.py)
CONSOLE.update(IMPORTS)  # the import's (messages/imports.py)
CONSOLE.update(IMPORTING)  # WordPress's and the readers' shared codes
CONSOLE.update(NUKEVIET)


def say(code: str, lang: str = "vi", **values: object) -> str:
    """A message of the catalogue in a language, its placeholders filled."""
    vi, en = CONSOLE[code]
    return (en if lang == "en" else vi).format(**values)


def both(code: str, **values: object) -> str:
    """Vietnamese, then English: where no language was asked for (a log line, an exception's text)."""
    return f"{say(code, 'vi', **values)} / {say(code, 'en', **values)}"


class Said(Exception):
    """An error worded by the catalogue: a code and its values, shown in the
    language the command was asked for (message(lang)); str() gives both."""

    def __init__(self, code: str, **values: object):
        super().__init__(code)
        self.code = code
        self.values = values

    def message(self, lang: str = "vi") -> str:
        return say(self.code, lang, **self.values)

    def __str__(self) -> str:
        return both(self.code, **self.values)
