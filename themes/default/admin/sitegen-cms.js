// The admin page's own additions to Decap CMS, loaded after decap-cms.js.
//
// 1. Every text of an entry is saved in NFC: Vietnamese typed with a decomposing
//    input method (NFD, as macOS gives it) would otherwise make broken file names
//    ("Đăng" -> "da-ng") and NFD text. preSave runs before the file name is made.
// 2. Decap's Vietnamese wording lacks some phrases (they would show in English,
//    e.g. "Add từ khóa"); they are added here, and a few awkward ones replaced.
// 3. The preview beside the form uses the site's style sheet.
// 4. The site's name where Decap would show its own logo alone (the login page) or the
//    site's address (the top bar), and the lists' dates as 20/11/2026 09:30.
// 5. After publishing, "Đã đăng. Xem trên trang": a link to the item's page.
// 6. With the publishing service, a bar says whether the last change is live yet.
// The dates of the form are sitegen-datetime.js's; the phone layout is sitegen-cms.css's;
// sitegen-start.js holds Decap back until all of these are registered.
(function () {
  'use strict';
  var CMS = window.CMS;
  var script = document.currentScript;
  if (!CMS) return;

  var nfc = function (value) {
    if (typeof value === 'string') return value.normalize('NFC');
    return value && typeof value.map === 'function' ? value.map(nfc) : value; // Immutable Map, List
  };
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) { return nfc(event.entry.get('data')); },
  });

  var words = {
    auth: { loginWithAzure: 'Đăng nhập bằng Azure', loginWithForgejo: 'Đăng nhập bằng Forgejo' },
    app: { app: { waitingBackend: 'Đang kết nối kho nội dung...' } },
    collection: {
      collectionTop: {
        newButton: '+ %{collectionLabel}',  // Decap's '＋' is missing from many fonts
        viewAs: 'Xem dạng', viewAsList: 'Xem dạng danh sách', viewAsGrid: 'Xem dạng lưới',
        groupBy: 'Nhóm theo',
      },
      entries: { unpublishedHeader: 'Mục chưa công bố' },
      groups: { other: 'Khác', negateLabel: 'Không %{label}' },
    },
    editor: {
      editorControl: { field: { widgetLabel: 'Ô %{widgetLabel}' } },
      editorControlPane: {
        i18n: {
          writingInLocale: 'Đang viết bằng %{locale}',
          copyFromLocale: 'Điền từ ngôn ngữ khác',
          copyFromLocaleConfirm: 'Điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung đang có sẽ bị ghi đè.',
        },
      },
      editorInterface: {
        toggleI18n: 'Bật/tắt đa ngôn ngữ', togglePreview: 'Bật/tắt xem trước',
        toggleScrollSync: 'Cuộn cùng nhau', toggleNotes: 'Bật/tắt ghi chú',
      },
      editorNotesPane: {
        title: 'Ghi chú', emptyState: 'Chưa có ghi chú nào.', addNote: 'Thêm ghi chú',
        addPlaceholder: 'Thêm ghi chú...', editPlaceholder: 'Sửa ghi chú...', save: 'Lưu', cancel: 'Hủy',
        edit: 'Sửa', delete: 'Xóa', resolve: 'Đã xong', unresolve: 'Chưa xong',
        confirmDelete: 'Xóa ghi chú này?', shortcut: 'Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh',
      },
      editorToolbar: {
        // After saving: the item's page on the site (quan-tri/xem.html finds it, outputs/cms.py).
        deployButtonLabel: 'Xem trên trang', deployPreviewButtonLabel: 'Xem trước',
        deployPreviewPendingButtonLabel: 'Đang chờ trang cập nhật',
        status: 'Trạng thái: %{status}',
        statusInfoTooltipDraft: 'Mục đang ở trạng thái nháp. Để gửi duyệt, hãy chọn trạng thái "Đang xét duyệt".',
        statusInfoTooltipInReview: 'Mục đang được xét duyệt; bạn vẫn có thể sửa tiếp.',
      },
      editorWidgets: {
        markdown: {
          bold: 'Chữ đậm', italic: 'Chữ nghiêng', strikethrough: 'Gạch ngang', code: 'Mã',
          link: 'Liên kết', linkPrompt: 'Nhập địa chỉ của liên kết', headings: 'Tiêu đề mục',
          quote: 'Trích dẫn', bulletedList: 'Danh sách gạch đầu dòng', numberedList: 'Danh sách đánh số',
          addComponent: 'Chèn', toggleMode: {
            rich: 'Chuyển sang soạn thảo thường', markdown: 'Chuyển sang viết Markdown',
          },
        },
        image: {
          chooseMultiple: 'Chọn các ảnh', chooseUrl: 'Chèn từ địa chỉ web', replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của ảnh', addMore: 'Thêm ảnh', removeAll: 'Bỏ hết ảnh',
          choose: 'Chọn ảnh', chooseDifferent: 'Chọn ảnh khác', remove: 'Bỏ ảnh',
        },
        file: {
          chooseUrl: 'Chèn từ địa chỉ web', chooseMultiple: 'Chọn các tệp', replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của tệp', addMore: 'Thêm tệp', removeAll: 'Bỏ hết tệp',
          choose: 'Chọn tệp', chooseDifferent: 'Chọn tệp khác', remove: 'Bỏ tệp',
        },
        datetime: { setToNow: 'Đặt %{fieldLabel} là bây giờ' },
        list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
        object: { expand: 'Mở ra', collapse: 'Thu gọn' },
      },
    },
    workflow: { workflow: { dateFormat: 'DD/MM/YYYY' } },  // the board's cards: "7 December" in English
    mediaLibrary: {
      mediaLibraryCard: {
        copy: 'Chép', copyUrl: 'Chép địa chỉ', copyPath: 'Chép đường dẫn', copyName: 'Chép tên', copied: 'Đã chép',
      },
      mediaLibraryModal: {
        close: 'Đóng', chooseSelected: 'Dùng tệp đã chọn', deleteSelected: 'Xóa tệp đã chọn',
        images: 'Ảnh', mediaAssets: 'Ảnh và tệp đính kèm',
      },
    },
    ui: {
      settingsDropdown: { account: 'Tài khoản' },
      toast: {
        onFailToPersist: 'Không lưu được: %{details}',
        noteAdded: 'Đã thêm ghi chú', onFailToAddNote: 'Không thêm được ghi chú: %{details}',
        noteUpdated: 'Đã sửa ghi chú', onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
        noteDeleted: 'Đã xóa ghi chú', onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
        noteResolved: 'Ghi chú đã xong', noteReopened: 'Ghi chú được mở lại',
        onFailToToggleNote: 'Không đổi được ghi chú: %{details}',
      },
    },
  };

  var merge = function (base, more) {
    var result = {};
    Object.keys(base || {}).forEach(function (key) { result[key] = base[key]; });
    Object.keys(more).forEach(function (key) {
      var value = more[key];
      result[key] = value && typeof value === 'object' ? merge(result[key], value) : value;
    });
    return result;
  };
  CMS.registerLocale('vi', merge(CMS.getLocale('vi'), words));

  // 3. The preview beside the form uses the site's own style sheet (named by its content:
  //    the admin page says which).
  if (script && script.dataset.previewStyle) CMS.registerPreviewStyle(script.dataset.previewStyle);

  // 4. The site's name: above the login button (under the site's emblem, config.yml's logo_url)
  //    and in the top bar, whose link to the site Decap labels with its address
  //    ('127.0.0.1:8741/an-binh/'). The lists' lines begin with the item's date (each
  //    collection's summary), as the file writes it: '2026-11-20 09:30' is shown 20/11/2026 09:30.
  var data = (script && script.dataset) || {};
  var dates = window.sitegenDates;
  var furnish = function () {
    var login = document.querySelector('[class*="-StyledAuthenticationPage"]');
    if (login && data.siteName && !login.querySelector('.sitegen-login-name')) {
      var heading = document.createElement('h1');
      heading.className = 'sitegen-login-name';
      heading.textContent = data.siteName;
      var title = document.createElement('span');
      title.textContent = data.title || '';
      heading.appendChild(title);
      var logo = login.querySelector('img');
      var after = logo ? logo.parentNode : null;
      login.insertBefore(heading, after && after.parentNode === login ? after.nextSibling : login.firstChild);
    }
    Array.prototype.forEach.call(document.querySelectorAll('a[class*="-AppHeaderSiteLink"]'), function (link) {
      if (data.shortName && link.textContent !== data.shortName) {
        link.title = link.textContent;
        link.textContent = data.shortName;
      }
    });
    if (!dates) return;
    Array.prototype.forEach.call(document.querySelectorAll('a[href*="/entries/"] h2'), function (line) {
      var text = line.firstChild;
      if (!text || text.nodeType !== 3) return;  // the line's text, before its icons
      var parts = /^(.*?) — ([\s\S]*)$/.exec(text.nodeValue);
      if (!parts) return;
      var when = dates.read(parts[1]);
      var shown = when ? dates.format(when, when.timed ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY') + ' — ' + parts[2]
        : (parts[1].trim() ? text.nodeValue : parts[2]);  // a file without a date: its title alone
      if (shown !== text.nodeValue) text.nodeValue = shown;
    });
  };
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; furnish(); });
  }).observe(document.documentElement, { childList: true, characterData: true, subtree: true });

  // 5. After publishing, a link to the item's page, as Decap's "Xem trên trang" (each collection's
  // preview_path) which Decap shows only once an entry is opened again, not after its first save.
  // quan-tri/xem.html opens the page once the site has it. The entry's file name is in the
  // address Decap goes to once it is saved (#/collections/news/entries/<file name>).
  var notice = document.createElement('div');
  notice.id = 'sitegen-published';
  notice.setAttribute('role', 'status');
  var showLink = function (collection, name) {
    notice.textContent = 'Đã đăng. ';
    var link = document.createElement('a');
    link.href = 'xem.html#' + collection + '/' + encodeURIComponent(name);
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = 'Xem trên trang';
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Đóng');
    close.onclick = function () { notice.remove(); };
    notice.appendChild(link);
    notice.appendChild(close);
    var bar = document.getElementById('sitegen-status');
    notice.style.bottom = (bar ? bar.offsetHeight + 8 : 12) + 'px';
    notice.dataset.route = location.hash;
    document.body.appendChild(notice);
  };
  CMS.registerEventListener({
    name: 'postPublish',
    handler: function (event) {
      var collection = event.entry.get('collection');
      var tries = 0;
      var find = function () {
        var route = /^#\/collections\/([^/]+)\/entries\/([^?]+)/.exec(location.hash);
        if (route && route[1] === collection) showLink(collection, decodeURIComponent(route[2]));
        else if (++tries < 50) setTimeout(find, 200);
      };
      find();
    },
  });
  window.addEventListener('hashchange', function () {  // gone once the editor opens something else
    if (notice.parentNode && location.hash !== notice.dataset.route) notice.remove();
  });

  // 6. With the publishing service: a bar at the foot of the page says whether the last
  //    change is live yet, or why not (a file's mistake, by file and line), and links the
  //    site's publication history (where an approver can undo one).
  var service = script && script.dataset.service;
  if (!service) return;
  var bar = document.createElement('div');
  bar.id = 'sitegen-status';
  bar.setAttribute('role', 'status');
  bar.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483646;padding:6px 12px;' +
    'font:14px/1.4 system-ui,sans-serif;background:#eef3f8;border-top:1px solid #b8c7d6;color:#102030;' +
    'max-height:30vh;overflow:auto';
  var time = function (iso) {
    var d = new Date(Date.parse(iso) + 7 * 3600 * 1000); // Vietnam's time, whatever the browser's zone
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds()) + ' ' +
      two(d.getUTCDate()) + '/' + two(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear();
  };
  var show = function (state) {
    var text;
    if (state.failed) text = 'Chưa cập nhật được trang; bản đang đăng vẫn giữ nguyên. ' + state.failed;
    else if (state.pending) text = 'Đang cập nhật trang với thay đổi mới nhất...';
    else if (state.live_at) text = 'Thay đổi đã lên trang lúc ' + time(state.live_at) + '.';
    else text = 'Trang đang được dựng...';
    bar.textContent = text + ' ';
    var history = document.createElement('a');
    history.href = service + '/history';
    history.textContent = 'Lịch sử đăng bài';
    bar.appendChild(history);
    if (state.problems && state.problems.length) {
      var list = document.createElement('ul');
      list.style.cssText = 'margin:4px 0 0;padding-left:20px;color:#7a0000';
      state.problems.forEach(function (line) {
        var item = document.createElement('li');
        item.textContent = line;
        list.appendChild(item);
      });
      bar.appendChild(list);
    }
  };
  var poll = function () {
    fetch(service + '/status', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (state) { if (state) show(state); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 3000); });
  };
  // The bar appears once the service has answered the CMS (the editor signed in): a page
  // served without the service (a plain preview) asks it nothing.
  var started = false;
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var answer = realFetch(input, init);
    if (!started && String((input && input.url) || input).indexOf(service) !== -1) {
      answer.then(function (reply) {
        if (reply.ok && !started) { started = true; document.body.appendChild(bar); poll(); }
      }, function () {});
    }
    return answer;
  };
})();
