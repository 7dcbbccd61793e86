// Loaded before decap-cms.js. Decap starts itself as soon as it is loaded: on a slow network
// it could read its configuration and draw the page before the scripts after it have run,
// without their Vietnamese wording and widgets (sitegen-cms.js, sitegen-datetime.js). Held
// back here, it starts once every script of the page has run.
(function () {
  'use strict';
  window.CMS_MANUAL_INIT = true;
  document.addEventListener('DOMContentLoaded', function () {
    if (window.CMS && typeof window.CMS.init === 'function') window.CMS.init();
  });
})();
