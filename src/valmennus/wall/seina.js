// The wall page's one script: every 20 s it asks whether the wall changed and, if so, says so in a
// polite live region with a link to show it. It never reloads the page under the reader's hands.
(function () {
  "use strict";
  var box = document.getElementById("seina-uutta");  // a role=status region, always there
  var note = document.getElementById("seina-uutta-ilmoitus");
  if (!box || !note || !window.fetch) { return; }
  var url = box.getAttribute("data-versio");
  var seen = box.getAttribute("data-nyt");
  function ask() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.version && data.version !== seen) {
          note.hidden = false;
        } else {
          window.setTimeout(ask, 20000);
        }
      })
      .catch(function () { window.setTimeout(ask, 60000); });
  }
  window.setTimeout(ask, 20000);
}());
