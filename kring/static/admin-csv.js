// Piccolo Admin's "Export CSV" (/admin) builds its file in the browser, each cell quoted as it
// is stored: a member named "=HYPERLINK(…)", as an old CRM export brings in, became a formula
// when a spreadsheet opened the download. Its cells get the apostrophe Kring's own exports put
// before a cell a spreadsheet would run (kring/spreadsheets.py, safe_cell): one starting with
// = + - @ tab or CR, after any apostrophes. Piccolo Admin doubles every quote inside a cell, so
// a quote right after a separator or a line's start opens a cell.
// Its first line names the columns by their keys ("first_name;organisation_readable"): they are
// named as the admin's pages name them, in the reader's language ("Voornaam;Nummer van de
// organisatie (zoals getoond)"), from the words Kring's page carries (kring/admin_names.py).
(() => {
  const NativeBlob = window.Blob;
  const CSV = "text/csv;charset=utf-8;";  // what Piccolo Admin's export makes, and only it
  const cellStart = /(^|[,;\n])"(?='*[=+\-@\t\r])/g;
  const own = (map, key) => (map && Object.hasOwn(map, key) ? map[key] : undefined);
  const words = () => {
    const data = document.getElementById("kring-table-names");
    try {
      return data ? JSON.parse(data.textContent) : {};
    } catch {
      return {};
    }
  };
  const currentTable = () => decodeURIComponent((location.hash.split("/")[1] || "").split("?")[0]);
  // A header's cell as RFC 4180 quotes one: only where it holds the separator, a quote or a line.
  const cell = (text, separator) =>
    text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  const labelled = (csv) => {
    const end = csv.indexOf("\n");
    const header = end === -1 ? csv : csv.slice(0, end);
    if (header.startsWith('"') || !/^\w+([,;]\w+)*$/.test(header)) return csv;  // not its keys
    const said = words();
    const columns = own(said.columns, currentTable());
    if (!columns) return csv;
    const separator = header.includes(";") ? ";" : ",";
    const named = header.split(separator).map((key) => {
      const label = own(columns, key);
      if (label !== undefined) return cell(label, separator);
      const linked = /^(\w+)_readable$/.exec(key);
      const base = linked && own(columns, linked[1]);
      if (base === undefined || base === null || !said["readable column"]) return key;
      return cell(said["readable column"].replace("%(column)s", () => base), separator);
    });
    return named.join(separator) + (end === -1 ? "" : csv.slice(end));
  };
  window.Blob = class extends NativeBlob {
    constructor(parts, options) {
      const one = parts && parts.length === 1 && typeof parts[0] === "string";
      const csv = one && options && options.type === CSV;
      super(csv ? [labelled(parts[0]).replace(cellStart, "$1\"'")] : parts, options);
    }
  };
})();
