"""The publishing service's words (sitegen/service): what editors read in the
admin page when something is refused, and what the webmaster reads in its log."""

from __future__ import annotations

SERVICE: dict[str, tuple[str, str]] = {
    # Refusals, shown to the editor in the admin page
    "service-no-key": ("Dịch vụ đăng bài chỉ nhận yêu cầu đi qua máy chủ web của cổng (nginx). Không có gì "
                       "thay đổi.",
                       "The publishing service takes requests only through the portal's web server (nginx). "
                       "Nothing was changed."),
    "service-unknown-user": ("Tài khoản '{user}' chưa có trong danh sách người biên tập. Hãy nhờ quản trị cổng "
                             "thêm vào tệp người biên tập.",
                             "The account '{user}' is not in the editors file. Ask the webmaster to add it."),
    "service-not-your-site": ("Tài khoản '{user}' không được biên tập trang '{site}' (được: {sites}).",
                              "The account '{user}' may not edit the site '{site}' (may: {sites})."),
    "service-no-site": ("Không có trang '{site}' trong cổng.", "There is no site '{site}' in the portal."),
    "service-cross-site": ("Không nhận yêu cầu gửi từ trang của nơi khác.", "Cross-site request refused."),
    "service-json-only": ("Yêu cầu phải là JSON.", "Requests must be JSON."),
    "service-too-large": ("Yêu cầu quá lớn (tối đa {limit} MB): hãy thu nhỏ ảnh hoặc tệp.",
                          "The request is too large (at most {limit} MB): make the picture or file smaller."),
    "service-bad-request": ("Yêu cầu không đọc được ({error}).", "The request cannot be read ({error})."),
    "service-cannot-write": ("Không lưu được vào kho nội dung ({reason}). Không có gì thay đổi; hãy thử lại hoặc "
                             "báo quản trị cổng.",
                             "Could not write to the content repository ({reason}). Nothing was changed; try "
                             "again or tell the webmaster."),
    "service-busy": ("Có người vừa lưu cùng lúc; không có gì thay đổi. Hãy lưu lại.",
                     "Someone saved at the same moment; nothing was changed. Save again."),
    "service-no-file": ("Không có tệp '{name}'.", "There is no file '{name}'."),
    "service-editor-cannot-publish": (
        "Tài khoản '{user}' là biên tập viên: bài được gửi duyệt, người duyệt sẽ đăng. Hãy lưu bài rồi chọn "
        "trạng thái \"Đang xét duyệt\"; ảnh và tệp được gửi duyệt cùng bài.",
        "The account '{user}' is an editor: entries go for review and an approver publishes them. Save the "
        "entry and set it to \"In review\"; pictures and files go for review with it."),
    "service-editor-cannot-approve": ("Chỉ người duyệt mới đặt được trạng thái \"Sẵn sàng đăng\" (tài khoản "
                                      "'{user}' là biên tập viên).",
                                      "Only an approver can set \"Ready\" (the account '{user}' is an editor)."),
    "service-file-refused": ("Tệp '{name}' không được đăng lên cổng: chỉ nhận {types}, và nội dung phải đúng "
                             "loại của tên tệp.",
                             "The file '{name}' cannot be published: only {types} are taken, and the content "
                             "must be what its name says."),
    "service-bad-entry": ("Tên mục không hợp lệ ('{collection}/{slug}').", "Not a valid entry name "
                          "('{collection}/{slug}')."),
    "service-no-entry": ("Không có bài '{slug}' đang chờ duyệt.", "There is no entry '{slug}' under review."),
    "service-bad-status": ("Trạng thái không hợp lệ: '{status}'.", "Not a valid status: '{status}'."),
    "service-not-own": ("Thay đổi chạm tới '{name}', ngoài các thư mục nội dung của trang này: không đăng.",
                        "The change touches '{name}', outside this site's content folders: not published."),
    "service-conflict": ("Tệp '{name}' đã được đăng khác đi sau khi bài này bắt đầu được sửa. Không có gì thay "
                         "đổi: hãy mở lại bài, xem bản đang đăng và lưu lại.",
                         "The file '{name}' was published differently after this entry was started. Nothing "
                         "was changed: open the entry again, look at what is published and save again."),
    "service-undo-approver": ("Chỉ người duyệt mới hoàn tác được một lần đăng.", "Only an approver can undo a "
                              "publication."),
    "service-undo-unknown": ("Không tìm thấy lần đăng '{commit}' của trang này.",
                             "No publication '{commit}' of this site was found."),
    "service-undo-conflict": ("Tệp '{name}' đã được sửa tiếp sau lần đăng đó: hãy sửa bài trực tiếp thay vì "
                              "hoàn tác.",
                              "The file '{name}' was changed again since: edit the entry instead of undoing."),
    "service-undone": ("Đã hoàn tác: {subject}. Trang sẽ cập nhật trong vài giây.",
                       "Undone: {subject}. The site updates in a few seconds."),
    # The webmaster's log
    "service-started": ("Dịch vụ đăng bài đang nghe ở http://{address}/ ({users} người biên tập; kho {repo}, "
                        "nhánh {branch}). Dừng bằng Ctrl+C hoặc SIGTERM.",
                        "The publishing service listens on http://{address}/ ({users} editors; repository "
                        "{repo}, branch {branch}). Stop it with Ctrl+C or SIGTERM."),
    "service-stopping": ("Đang dừng: hoàn tất việc đang làm...", "Stopping: finishing what is in hand..."),
    "service-built": ("Đã dựng ({sites}): {rendered} tệp làm mới, {errors} lỗi, {seconds} giây.",
                      "Built ({sites}): {rendered} outputs made, {errors} errors, {seconds} s."),
    "service-build-failed": ("Không dựng được; cổng đang đăng vẫn giữ nguyên: {error}",
                             "The build failed; the published portal is as it was: {error}"),
    "service-deploy-failed": ("Không gửi được cổng tới máy chủ: {error}", "Could not deploy the portal: {error}"),
    "service-not-git": ("--sites '{folder}' không nằm trong một kho Git. Hãy tạo kho: git -C {folder} init && "
                        "git -C {folder} add -A && git -C {folder} commit -m 'Nội dung ban đầu'",
                        "--sites '{folder}' is not in a Git repository. Make one: git -C {folder} init && "
                        "git -C {folder} add -A && git -C {folder} commit -m 'First content'"),
    "service-no-commit": ("Kho nội dung '{repo}' chưa có lần ghi (commit) nào trên nhánh đang dùng.",
                          "The content repository '{repo}' has no commit on its current branch."),
    "service-one-sites": ("Dịch vụ đăng bài cần đúng một --sites (một kho nội dung).",
                          "The publishing service needs exactly one --sites (one content repository)."),
    "service-hand-edits": ("Đã ghi vào lịch sử {count} tệp sửa trực tiếp trên máy chủ: {names}",
                           "Committed {count} files edited by hand on the server: {names}"),
    "service-cannot-listen": ("Không nghe được ở {address}: {reason}", "Cannot listen on {address}: {reason}"),
    "service-refused-log": ("Từ chối {user} ({site}, {action}): {reason}", "Refused {user} ({site}, {action}): "
                            "{reason}"),
    # The editors file
    "editors-unreadable": ("Không đọc được tệp người biên tập {path}: {reason}",
                           "Cannot read the editors file {path}: {reason}"),
    "editors-not-utf8": ("{path}: tệp người biên tập phải lưu bằng UTF-8.", "{path}: the editors file must be "
                         "UTF-8."),
    "editors-not-yaml": ("{path}:{line}: tệp người biên tập viết sai cú pháp YAML.",
                         "{path}:{line}: the editors file is not valid YAML."),
    "editors-no-users": ("{path}:{line}: tệp người biên tập cần khóa 'users:' liệt kê từng tài khoản.",
                         "{path}:{line}: the editors file needs a 'users:' key listing each account."),
    "editors-twice": ("{path}:{line}: tài khoản '{user}' được khai hai lần.", "{path}:{line}: the account "
                      "'{user}' is listed twice."),
    "editors-bad-name": ("{path}:{line}: tên tài khoản '{user}' chỉ được gồm chữ không dấu, chữ số, '.', '_', "
                         "'-', '@'.",
                         "{path}:{line}: the account name '{user}' may hold only ASCII letters, digits, '.', "
                         "'_', '-', '@'."),
    "editors-bad-user": ("{path}:{line}: tài khoản '{user}' cần dạng {{sites: [an-lac], role: editor}}.",
                         "{path}:{line}: the account '{user}' needs the form {{sites: [an-lac], role: editor}}."),
    "editors-bad-sites": ("{path}:{line}: tài khoản '{user}' cần 'sites:' là danh sách thư mục trang, hoặc "
                          "[\"*\"] cho mọi trang.",
                          "{path}:{line}: the account '{user}' needs 'sites:' as a list of site folders, or "
                          "[\"*\"] for every site."),
    "editors-bad-role": ("{path}:{line}: tài khoản '{user}' có vai trò '{role}': chỉ được {roles}.",
                         "{path}:{line}: the account '{user}' has the role '{role}': only {roles}."),
}
