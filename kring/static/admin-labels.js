// Piccolo Admin (/admin) draws several controls as an icon alone, which a screen reader
// announces as "link" or "checkbox" and nothing more (axe-core: label, link-name, select-name):
// each row's checkbox and the one that selects every row, the three dots that open a row's
// actions (its list and its edit page), the cross that closes a window or a notice, the arrow
// beside a sorted column's heading, the pager's arrows, page number and page size; and its
// tables show yes and no as a tick and a cross that say nothing to a screen reader. This names
// them in the reader's language (words.labels, from kring/admin_names.py), where Piccolo Admin's
// Vue left no name; a name it gives is kept. Its forms' fields get their labels, which it does
// not tie to them, its sort window's lists theirs. Its page says it is in English (<html
// lang="en">) whatever language it shows, and has no landmarks; its windows are no dialogs and
// its notices are not read out: those are set here too.
(() => {
  const data = document.getElementById("kring-table-names");
  if (!data) return;
  const words = JSON.parse(data.textContent);
  const labels = words.labels;
  if (!labels) return;
  // Font Awesome 6's names, and its older ones.
  const ICONS = {
    "xmark": "close", "times": "close",
    "ellipsis-vertical": "more actions", "ellipsis-v": "more actions",
    "caret-up": "sorted up", "caret-down": "sorted down",
    "angle-left": "previous page", "angle-right": "next page",
  };
  const named = (element) =>
    element.hasAttribute("aria-label") ||
    element.hasAttribute("aria-labelledby") ||
    (element.getAttribute("title") || "").trim() !== "" ||
    (element.labels ? element.labels.length > 0 : element.textContent.trim() !== "");
  const name = (element, label) => {
    if (label && element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
  };
  const withRow = (message, row) => message.replace("%(row)s", () => row);
  const icon = (element) => element.querySelector(":scope > svg[data-icon]")?.dataset.icon;
  const set = (element, attribute, value) => {
    if (element && element.getAttribute(attribute) !== value) element.setAttribute(attribute, value);
  };
  // A table by its name in the reader's language, from its key in a link ("#/organisation/add/").
  const tableOf = (link) => {
    const key = decodeURIComponent((link.getAttribute("href") || "").split("/")[1] || "");
    return (words.tables || {})[key.replaceAll("_", " ")] ?? key;
  };
  // A form's field: its label, then a block holding its control(s), not tied to each other.
  const labelFields = () => {
    for (const label of document.querySelectorAll("form label:not([for])")) {
      const field = label.nextElementSibling;
      if (!field || field.tagName !== "DIV") continue;
      const text = [...label.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.nodeValue)
        .join("")
        .trim();
      if (!text) continue;
      for (const control of field.querySelectorAll("input:not([type=hidden]), select, textarea")) {
        if (named(control) && !control.dataset.kringNamed) continue;
        control.dataset.kringNamed = "1";
        name(control, text);
      }
      // Its links beside a reference: add a row to the table it points at, or edit that row.
      for (const link of label.querySelectorAll("a[href^='#/']")) {
        if (named(link) && !link.dataset.kringNamed) continue;
        const adds = /\/add\/?$/.test(link.getAttribute("href"));
        link.dataset.kringNamed = "1";
        name(link, labels[adds ? "add row" : "edit row"].replace("%(table)s", () => tableOf(link)));
      }
    }
  };
  const label = () => {
    set(document.documentElement, "lang", words.language);
    for (const nav of document.querySelectorAll("#nav")) set(nav, "role", "banner");
    set(document.querySelector(".sidebar_wrapper"), "role", "navigation");
    for (const main of document.querySelectorAll(".wrapper > .left_column, .wrapper > .welcome, #nav ~ .inner")) {
      set(main, "role", "main");
    }
    set(document.querySelector(".wrapper > .right_column"), "role", "complementary");
    labelFields();
    // Its list of rows: the table whose heading starts with the checkbox that selects them all.
    for (const all of document.querySelectorAll("table > thead > tr > th:first-child > input[type=checkbox]")) {
      const table = all.closest("table");
      name(all, labels["select all"]);
      const headings = table.querySelectorAll(":scope > thead > tr > th");
      const last = headings[headings.length - 1];
      if (last && last !== all.parentElement && !last.textContent.trim()) {
        const hidden = document.createElement("span");
        hidden.className = "kring-for-screen-readers";
        hidden.textContent = labels.actions;
        last.append(hidden);
      }
      for (const row of table.querySelectorAll(":scope > tbody > tr")) {
        const box = row.querySelector(":scope > td:first-child > input[type=checkbox]");
        if (!box || named(box) && !box.dataset.kringNamed) continue;
        box.dataset.kringNamed = "1";
        name(box, withRow(labels["select row"], box.value));
        const dots = row.querySelector(":scope > td:last-child a.subtle");
        if (dots && ICONS[icon(dots)] === "more actions") {
          dots.dataset.kringNamed = "1";
          name(dots, withRow(labels["row actions"], box.value));
        }
      }
    }
    for (const link of document.querySelectorAll("a, button")) {
      if (named(link) && !link.dataset.kringNamed) continue;
      const shown = ICONS[icon(link)];
      if (shown === undefined || (shown === "more actions" && link.closest("tbody"))) continue;
      link.dataset.kringNamed = "1";
      name(link, labels[shown]);
    }
    // Its windows (sort, export, bulk change, add a row) and its notices: a dialog named by its
    // first words, its heading left empty hidden; a notice a screen reader reads out.
    for (const modal of document.querySelectorAll("#overlay > .modal")) {
      set(modal, "role", "dialog");
      set(modal, "aria-modal", "true");
      const heading = modal.querySelector(":scope > .heading > h1");
      if (heading && !heading.textContent.trim()) set(heading, "aria-hidden", "true");
      else if (heading) heading.removeAttribute("aria-hidden");
      const title = heading?.textContent.trim() || modal.querySelector(":scope > p")?.textContent.trim();
      if (title) set(modal, "aria-label", title.replace(/:$/, ""));
    }
    set(document.getElementById("message_popup"), "role", "status");
    for (const select of document.querySelectorAll("select[name=column][data-uitest=sort_by_selector]")) {
      if (!named(select)) name(select, labels["sort column"]);
    }
    for (const select of document.querySelectorAll("select[name=ordering]")) {
      if (!named(select)) name(select, labels["sort direction"]);
    }
    const pager = document.getElementById("pagination");
    const number = pager?.querySelector("input[type=number]");
    if (number && !named(number)) name(number, labels.page);
    const size = document.querySelector("#page_size select");
    if (size && !named(size)) name(size, labels["page size"]);
    // A yes or no in a cell: a tick or a cross, hidden from screen readers.
    for (const drawn of document.querySelectorAll("td span.boolean > svg[data-icon]")) {
      const said = { check: labels.yes, xmark: labels.no, times: labels.no }[drawn.dataset.icon];
      if (said === undefined || drawn.getAttribute("aria-label") === said) continue;
      drawn.removeAttribute("aria-hidden");
      drawn.setAttribute("role", "img");
      drawn.setAttribute("aria-label", said);
    }
  };
  new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
  label();
})();
