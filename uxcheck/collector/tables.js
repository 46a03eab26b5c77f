// uxcheck collector, tables part: every table and ARIA grid as a matrix of cell texts with the
// row's role (header / body / footer). Only text is read per cell (no layout), so a 10,000-row
// statement stays cheap. Other list-like structures (div rows, definition lists, cards) are
// collected here too as kind "list" / "dl" / "cards", with the same row/cell shape.
// Every entry also carries `heading`: the nearest heading before it ("Pending transactions").
U.nearHeading = function (el) {
  const HEADING = "h1, h2, h3, h4, h5, h6, [role=heading], legend, caption";
  let node = el;
  for (let level = 0; node && level < 6; level++) {
    let sib = node.previousElementSibling;
    for (let n = 0; sib && n < 6; n++) {
      if (sib.matches(HEADING)) return U.clean(sib.textContent).slice(0, 200);
      const inner = sib.querySelectorAll(HEADING);
      if (inner.length) return U.clean(inner[inner.length - 1].textContent).slice(0, 200);
      sib = sib.previousElementSibling;
    }
    node = node.parentElement;
    if (node && node.matches && node.matches("section, article, [role=region], main, aside")) {
      const own = node.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > header h1, :scope > header h2, :scope > header h3, :scope > [role=heading]");
      if (own && !own.contains(el)) return U.clean(own.textContent).slice(0, 200);
    }
  }
  return "";
};

// Money-ish text: a currency sign or code, or digits with two decimals.
U.MONEYISH = /[€$£¥₹￥円]|R\$|\b(?:EUR|USD|GBP|CHF|JPY|BRL|CAD|AUD)\b|\d[.,]\d\d(?!\d)/;

// The cells of a div/flex row: its text-bearing descendants, descending through wrappers.
U.rowCells = function (row) {
  const cells = [];
  const visit = (node, depth) => {
    for (const child of node.children) {
      if (cells.length >= 12) return;
      const tag = child.tagName;
      if (tag === "SCRIPT" || tag === "STYLE" || tag === "TEMPLATE" || tag === "SVG" || tag === "svg") continue;
      const text = U.clean(child.textContent);
      if (!text) continue;
      let own = false;
      for (const t of child.childNodes) if (t.nodeType === 3 && t.textContent.trim()) { own = true; break; }
      const textKids = Array.from(child.children).filter((k) => U.clean(k.textContent)).length;
      if (!own && textKids >= 2 && depth < 4) visit(child, depth + 1);
      else cells.push({ text, header: false });
    }
  };
  visit(row, 0);
  if (!cells.length) {
    const t = U.clean(row.textContent);
    if (t) cells.push({ text: t, header: false });
  }
  return cells;
};

U.parts.tables = function () {
  const out = [];
  const MAX_ROWS = 20000;
  const cellText = (c) => U.clean(c.textContent);
  for (const [el, offset, prefix] of U.all) {
    const role = el.getAttribute("role");
    const isTable = el.tagName === "TABLE" && role !== "presentation" && role !== "none";
    const isGrid = !isTable && (role === "grid" || role === "table" || role === "treegrid");
    if (!isTable && !isGrid) continue;
    const rows = [];
    const rowEls = isTable ? Array.from(el.rows) : Array.from(el.querySelectorAll("[role=row]"));
    for (const tr of rowEls.slice(0, MAX_ROWS)) {
      if (isTable && tr.closest("table") !== el) continue; // rows of nested tables belong to them
      let rrole = "body";
      const section = isTable ? tr.parentElement.tagName : null;
      if (section === "THEAD") rrole = "header";
      else if (section === "TFOOT") rrole = "footer";
      const cellEls = isTable ? Array.from(tr.cells)
        : Array.from(tr.querySelectorAll("[role=cell], [role=gridcell], [role=columnheader], [role=rowheader]"));
      const cells = cellEls.map((c) => {
        const cr = c.getAttribute("role");
        const header = c.tagName === "TH" || cr === "columnheader" || cr === "rowheader";
        const cell = { text: cellText(c), header };
        if (c.colSpan > 1) cell.colspan = c.colSpan;
        return cell;
      });
      if (!isTable && cellEls.length && cellEls.every((c) => c.getAttribute("role") === "columnheader")) rrole = "header";
      else if (isTable && rrole === "body" && cells.length && cells.every((c) => c.header) && rows.every((r) => r.role === "header")) rrole = "header";
      rows.push({ role: rrole, cells });
    }
    // A wide table inside its own horizontal scroll box is fine on a phone: record it.
    let scroller = false, node = el.parentElement;
    while (node && node.tagName !== "BODY") {
      const ox = getComputedStyle(node).overflowX;
      if (ox === "auto" || ox === "scroll") { scroller = true; break; }
      node = node.parentElement;
    }
    const caption = isTable && el.caption ? U.clean(el.caption.textContent) :
      U.clean(el.getAttribute("aria-label") || U.idText(el, el.getAttribute("aria-labelledby")));
    out.push({
      kind: isTable ? "table" : "grid", selector: prefix + U.selector(el), caption,
      rect: U.rect(el, offset), visible: U.visible(el), landmark: U.landmark(el),
      in_scroll_container: scroller, row_count: rowEls.length, truncated: rowEls.length > MAX_ROWS, rows,
      heading: U.nearHeading(el),
    });
  }
  U.listParts(out, MAX_ROWS);
  return out;
};

// Definition lists, and div/flex/ul row lists and cards that show money: repeated siblings of one
// shape, each with at least two text cells. Only element children are compared (no layout reads),
// and everything inside a table, grid or an already collected list is skipped.
U.listParts = function (out, MAX_ROWS) {
  const MAX_LISTS = 200;
  const taken = new Set();
  const inside = (el) => {
    for (let n = el.parentElement, d = 0; n && d < 8; n = n.parentElement, d++) if (taken.has(n)) return true;
    return false;
  };
  // Rows of one list share tag and first class ("row" and "row total" are one shape).
  const sig = (e) => e.tagName + "." + (typeof e.className === "string" ? e.className.trim().split(/\s+/)[0] : "");
  const skipTag = (tag) => tag === "TABLE" || tag === "TBODY" || tag === "THEAD" || tag === "TFOOT" || tag === "TR" ||
    tag === "SELECT" || tag === "HEAD" || tag === "svg" || tag === "SVG" || tag === "SCRIPT" || tag === "STYLE";
  const GRIDS = "table, [role=grid], [role=table], [role=treegrid]";
  let lists = 0;
  // Pass 1: definition lists (label/value pairs: order summaries, account summaries).
  for (const [el, offset, prefix] of U.all) {
    if (lists >= MAX_LISTS) break;
    if (el.tagName !== "DL" || el.closest(GRIDS)) continue;
    const rows = [];
    let row = null;
    for (const item of el.querySelectorAll("dt, dd")) {
      if (item.closest("dl") !== el) continue;
      const text = U.clean(item.textContent);
      if (item.tagName === "DT" || !row) { row = { role: "body", cells: [] }; rows.push(row); }
      row.cells.push({ text, header: item.tagName === "DT" });
    }
    if (rows.length >= 1 && rows.some((r) => r.cells.length >= 2 && U.MONEYISH.test(r.cells[r.cells.length - 1].text))) {
      taken.add(el); lists++;
      out.push({ kind: "dl", selector: prefix + U.selector(el), caption: U.clean(el.getAttribute("aria-label") || ""),
                 rect: U.rect(el, offset), visible: U.visible(el), landmark: U.landmark(el), in_scroll_container: false,
                 row_count: rows.length, truncated: false, rows, heading: U.nearHeading(el) });
    }
  }
  const takenDls = Array.from(taken);
  // Pass 2: repeated children of one shape (div/flex rows, ul/li, ARIA lists, cards). A container that
  // holds a table, grid or collected definition list is a layout wrapper, not a list.
  for (const [el, offset, prefix] of U.all) {
    if (lists >= MAX_LISTS) break;
    const tag = el.tagName;
    if (el.childElementCount < 2 || tag === "DL" || skipTag(tag)) continue;
    if (taken.has(el) || el.closest(GRIDS + ", nav, [role=navigation]") || inside(el)) continue;
    if (el.querySelector(GRIDS) || takenDls.some((d) => el.contains(d))) continue;
    const kids = el.children;
    const counts = new Map();
    const n = Math.min(kids.length, MAX_ROWS);
    for (let i = 0; i < n; i++) { const k = sig(kids[i]); counts.set(k, (counts.get(k) || 0) + 1); }
    let best = null, bestCount = 0;
    for (const [k, c] of counts) if (c > bestCount) { best = k; bestCount = c; }
    if (bestCount < 2 || bestCount < n * 0.5) continue;
    // Rows: children of the common shape, plus text-bearing children before the first (a header)
    // and after the last (a total line) of them.
    let firstRow = -1, lastRow = -1;
    for (let i = 0; i < n; i++) if (sig(kids[i]) === best) { if (firstRow < 0) firstRow = i; lastRow = i; }
    const rowEls = [];
    for (let i = 0; i < n; i++) {
      const k = kids[i];
      if (sig(k) === best || ((i < firstRow || i > lastRow) && !/^H[1-6]$/.test(k.tagName))) rowEls.push(k);
    }
    // Cheap test on a sample before reading every row.
    let moneyRows = 0, multi = 0;
    for (const r of rowEls.slice(0, 12)) {
      if (r.childElementCount < 1) continue;
      const t = r.textContent;
      if (U.MONEYISH.test(t) && /\d/.test(t)) moneyRows++;
      if (r.childElementCount >= 2 || r.firstElementChild && r.firstElementChild.childElementCount >= 2) multi++;
    }
    if (moneyRows < 2 || multi < 2) continue;
    const rows = [];
    for (const r of rowEls) {
      const tagR = r.tagName;
      if (tagR === "SCRIPT" || tagR === "STYLE" || tagR === "TEMPLATE") continue;
      const cells = U.rowCells(r);
      if (!cells.length) continue;
      const role = (r.getAttribute("role") === "row" && r.querySelector("[role=columnheader]")) ? "header" : "body";
      rows.push({ role, cells });
    }
    if (rows.filter((r) => r.cells.length >= 2).length < 2) continue;
    const first = rowEls[0];
    const isCards = rowEls.every((r) => r.tagName === "ARTICLE") ||
      (typeof first.className === "string" && /card|tile/i.test(first.className));
    taken.add(el); lists++;
    out.push({
      kind: isCards ? "cards" : "list", selector: prefix + U.selector(el),
      caption: U.clean(el.getAttribute("aria-label") || U.idText(el, el.getAttribute("aria-labelledby"))),
      rect: U.rect(el, offset), visible: U.visible(el), landmark: U.landmark(el), in_scroll_container: false,
      row_count: rowEls.length, truncated: kids.length > MAX_ROWS, rows, heading: U.nearHeading(el),
    });
  }
};
