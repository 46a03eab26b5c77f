// uxcheck collector, tables part: every table and ARIA grid as a matrix of cell texts with the
// row's role (header / body / footer). Only text is read per cell (no layout), so a 10,000-row
// statement stays cheap. Other list-like structures (div rows, definition lists, cards) are
// collected here too as kind "list" / "dl".
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
    });
  }
  return out;
};
