// The roster's first screenful, painted before the app's scripts have loaded (docs/architecture.md "Start-up").
// A classic script of its own file, run by index.html right after #root and before the app's module script: the
// CSP allows no inline script. It shows the snapshot renderer/features/roster/snapshot.ts kept, only at a start on
// the roster and only when it was drawn from the database in use by this very build; React then keeps showing it
// until the live rows replace it. The HTML is React's own render of the roster (text escaped), from this origin's
// own storage; under the CSP no inline handler in it could run. It is inert and takes no input.
// Keep the key, the fields and the build id in step with snapshot.ts (test/unit/renderer/rosterSnapshot.test.ts).
(function () {
  'use strict';
  var KEY = 'cadredesk.rosterSnapshot';
  var FORMAT = 1;
  try {
    // the roster is the start route: #/roster, or no route at all
    if (!/^(#\/?(roster)?)?$/.test(window.location.hash)) return;
    var root = document.getElementById('root');
    if (!root || root.firstChild) return;
    var storage = window.localStorage;
    var text = storage.getItem(KEY);
    if (!text) return;
    // the database in use, as renderer/db/databaseName.ts reads it
    var named = storage.getItem('cadredesk.database');
    var database = named && /^cadredesk(-[0-9a-z]{1,20})?$/.test(named) ? named : 'cadredesk';
    var build = Array.prototype.map
      .call(document.querySelectorAll('script[type="module"][src], link[rel="stylesheet"][href]'), function (e) {
        return e.getAttribute('src') || e.getAttribute('href');
      })
      .join(' ');
    var snapshot = null;
    try {
      snapshot = JSON.parse(text);
    } catch {
      snapshot = null;
    }
    if (!snapshot || snapshot.format !== FORMAT || snapshot.database !== database || snapshot.build !== build || typeof snapshot.html !== 'string' || typeof snapshot.css !== 'string') {
      storage.removeItem(KEY); // another database or build: never shown
      return;
    }
    // antd's theme variables, which it adds to the head only as it draws each component
    var style = document.createElement('style');
    style.setAttribute('data-snapshot-style', '');
    style.textContent = snapshot.css;
    document.head.appendChild(style);
    var shown = document.createElement('div');
    shown.setAttribute('data-snapshot', '1');
    shown.setAttribute('inert', '');
    // a picture, not the page: out of the accessibility tree, so nothing can find and act on its menu or rows
    shown.setAttribute('aria-hidden', 'true');
    shown.className = 'roster-snapshot';
    shown.innerHTML = snapshot.html + '<div class="roster-snapshot-hint">正在启动…</div>';
    root.appendChild(shown);
  } catch {
    // no storage, or anything unexpected: the app starts as it would without a snapshot
  }
})();
