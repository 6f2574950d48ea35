// A search that answers in place (htmx) and is refused (400, or 401 when the session ended)
// would swap nothing: the old results and their "N items found" would stay as if they
// answered the new words. The page is loaded instead, as without scripts: it names the
// refused field, or asks to sign in again.
document.addEventListener("htmx:responseError", function (event) {
  var detail = event.detail;
  var path = detail.pathInfo && detail.pathInfo.finalRequestPath;
  if (detail.requestConfig && detail.requestConfig.verb === "get" && path) {
    window.location.assign(path);
  }
});

// A search answered in place puts its words in the address (hx-push-url). The back button
// brings an earlier answer back from htmx's history, as the page's HTML was: its form fields
// hold the words the page was first loaded with, not those typed since. They are set from the
// address again, so the form says what the results answer.
document.addEventListener("htmx:historyRestore", function () {
  var asked = new URLSearchParams(window.location.search);
  document.querySelectorAll("form[hx-push-url] input[name], form[hx-push-url] select[name]")
    .forEach(function (field) {
      if (field.type === "hidden" || field.type === "submit") return;
      field.value = asked.get(field.name) || "";
    });
});

// A button that prints the page (the officer's access answer): without scripts the browser's
// own print command does the same.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});

// The privacy desk's person picker: as the officer types a name or an e-mail address, the
// field's list offers the people it finds (their member number, with name and work address).
// Without scripts the server looks the typed text up when the form is sent.
document.addEventListener("input", function (event) {
  var field = event.target;
  if (!field.matches || !field.matches("input[data-person-picker]")) return;
  var typed = field.value.trim();
  var list = document.getElementById(field.getAttribute("list"));
  if (!list || typed.length < 2 || /^#?\d+$/.test(typed)) return;
  clearTimeout(field.pickerTimer);
  field.pickerTimer = setTimeout(function () {
    fetch(field.dataset.personPicker + "?q=" + encodeURIComponent(typed), {
      headers: { accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (answer) { return answer.ok ? answer.json() : []; })
      .then(function (people) {
        if (field.value.trim() !== typed) return;
        list.replaceChildren.apply(list, people.map(function (person) {
          var option = document.createElement("option");
          option.value = String(person.id);
          option.label = person.name + (person.email ? " · " + person.email : "");
          return option;
        }));
      })
      .catch(function () {});
  }, 250);
});
// The audience form's organisations are boxes to tick, a long list on a phone. A filter box
// (shown only with scripts) hides the boxes whose name does not hold what is typed, accents
// and case aside; ticked ones stay in sight. Without scripts the page's own search narrows it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-filter-choices]").forEach(function (field) {
    var hidden = field.closest("[hidden]");
    if (hidden) hidden.removeAttribute("hidden");
  });
});
document.addEventListener("input", function (event) {
  var field = event.target;
  if (!field.matches || !field.matches("input[data-filter-choices]")) return;
  var plain = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var typed = plain(field.value.trim());
  var list = document.getElementById(field.dataset.filterChoices);
  if (!list) return;
  list.querySelectorAll("li").forEach(function (item) {
    var box = item.querySelector("input");
    item.hidden = !(!typed || (box && box.checked) || plain(item.textContent).indexOf(typed) !== -1);
  });
});

// A file field (_form.html) reads in the page's language: the label 'Kies een bestand' and the
// chosen file's name stand where chromium's 'Choose File' and 'No file chosen' were. Marked
// here, so that without scripts the browser's own control shows, and a file the browser kept
// (back to the page) is named too.
function showChosenFile(field) {
  var chosen = document.getElementById(field.id + "-chosen");
  if (!chosen) return;
  var names = Array.prototype.map.call(field.files || [], function (file) { return file.name; });
  chosen.textContent = names.length ? names.join(", ") : chosen.dataset.none;
}
document.querySelectorAll(".file-pick").forEach(function (pick) {
  pick.classList.add("enhanced");
  var field = pick.querySelector("input[type=file]");
  if (field) showChosenFile(field);
});
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches(".file-pick > input[type=file]")) showChosenFile(field);
});

// A row of tabs wider than the screen (nav.subnav on a phone) starts at its first tab; the open
// one is brought into the row's sight (the row only: the page stays where an address's #card
// put it), and so is a tab the keyboard reaches half out of sight, its focus ring whole (the
// browser scrolls only a tab wholly out of sight). Without scripts the row is scrolled by hand.
document.addEventListener("focusin", function (event) {
  var tab = event.target.closest && event.target.closest("nav.subnav > a");
  if (tab) tab.scrollIntoView({ block: "nearest", inline: "nearest" });
});
document.querySelectorAll("nav.subnav a[aria-current=page]").forEach(function (tab) {
  var row = tab.parentElement;
  var room = row.getBoundingClientRect().right - parseFloat(getComputedStyle(row).paddingRight);
  var beyond = tab.getBoundingClientRect().right - room;
  if (beyond > 0) row.scrollLeft += beyond;
});

// The message after an action (#flash) stands at the top of the page. Where the action leads to
// a part of the page (/projects/N#milestones, an introduction's card), the browser shows that
// part and the message was out of sight: it moves to the top of that part (a section or a card)
// or just above it (a heading, a table), so the two are read together, and takes the focus the
// fragment kept it from taking (autofocus), announced once. Without scripts it stays on top.
(function () {
  var flash = document.getElementById("flash");
  var named = window.location.hash.slice(1);
  var part = null;
  try { part = named && document.getElementById(decodeURIComponent(named)); } catch (e) {}
  if (!flash || !part) return;
  if (part !== flash && !part.contains(flash)) {
    if (part.matches("section, article, aside")) {
      part.prepend(flash);
    } else {
      var spot = part;
      while (spot.parentElement.matches("ul, ol, dl, table, thead, tbody, tfoot, tr, .scroll-x")) {
        spot = spot.parentElement;
      }
      spot.before(flash);
    }
    flash.classList.add("beside");
    // The browser scrolls the part's top to the window's: room above it for the message.
    var above = part.getBoundingClientRect().top - flash.getBoundingClientRect().top;
    part.style.scrollMarginTop = Math.ceil(Math.max(above, 0) + 8) + "px";
    part.scrollIntoView({ block: "start" });
  }
  // Chromium clears the focus as it shows the named part, before the page's load event.
  window.addEventListener("load", function () {
    if (document.activeElement === document.body) flash.focus({ preventScroll: true });
  });
})();
