// uxcheck collector, core part. All parts (core.js first, then the others in name order) are
// concatenated into ONE function that runs in the page in ONE round trip per audited step.
// Each part registers U.parts.<name> = function(U) -> object; its result lands in the snapshot
// under that name (core's fields land at the top level). Never read input values: the snapshot
// must not hold what a customer typed.
const U = { parts: {}, started: performance.now() };

U.MAX_TEXT = 400;
U.clean = (s) => (s || "").replace(/\s+/g, " ").trim();
U.cut = (s, n) => { s = U.clean(s); n = n || U.MAX_TEXT; return s.length > n ? s.slice(0, n) + "…" : s; };
U.round = (v) => Math.round(v * 100) / 100;

// Every element in document order, through open shadow roots and same-origin iframes.
// Each entry: [element, frameOffset {x, y}, framePrefix].
// The middle rows of very long tables and grids (all but the first 100 and last 50 of a row group
// over 300) are left out of the walk: the tables part reads every row's text from the table itself,
// and measuring each link and cell of a 10,000-row statement costs seconds and tells no rule more
// than the first rows do.
U.longRowsSkipped = 0;
U.skipRows = new Set();
U.markLongRows = function (root) {
  for (const body of root.querySelectorAll("tbody, [role=rowgroup], table, [role=grid], [role=table]")) {
    const rows = Array.from(body.children).filter((r) => r.tagName === "TR" || r.getAttribute("role") === "row");
    if (rows.length > 300) {
      rows.slice(100, rows.length - 50).forEach((r) => U.skipRows.add(r));
      U.longRowsSkipped += rows.length - 150;
    }
  }
};

U.walk = function (root, offset, prefix, out) {
  out = out || [];
  offset = offset || { x: 0, y: 0 };
  prefix = prefix || "";
  if (root.querySelectorAll) U.markLongRows(root);
  const tw = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let node = root.nodeType === 1 ? root : tw.nextNode();
  while (node) {
    if (U.skipRows.has(node)) {  // past this row's subtree
      let next = tw.nextSibling();
      while (!next && tw.parentNode()) next = tw.nextSibling();
      node = next;
      continue;
    }
    out.push([node, offset, prefix]);
    if (node.shadowRoot) U.walk(node.shadowRoot, offset, prefix, out);
    if (node.tagName === "IFRAME") {
      try {
        const doc = node.contentDocument;
        if (doc && doc.body) {
          const r = node.getBoundingClientRect();
          U.walk(doc.body, { x: offset.x + r.left + window.scrollX, y: offset.y + r.top + window.scrollY },
                 prefix + U.selector(node) + " >>> ", out);
        }
      } catch (e) { /* cross-origin: not ours to read */ }
    }
    node = tw.nextNode();
  }
  return out;
};

U.cssIdent = (s) => (window.CSS && CSS.escape ? CSS.escape(s) : s);

// [position among same-tag siblings, whether other same-tag siblings exist], computed once per
// parent: counting siblings per element is quadratic on a 10,000-row table.
U.nthCache = new WeakMap();
U.nthOfType = function (node) {
  const parent = node.parentNode;
  if (!parent) return [1, false];
  let info = U.nthCache.get(parent);
  if (!info) {
    info = new Map();
    const counts = {};
    for (const child of parent.children) {
      counts[child.tagName] = (counts[child.tagName] || 0) + 1;
      info.set(child, counts[child.tagName]);
    }
    info.counts = counts;
    U.nthCache.set(parent, info);
  }
  return [info.get(node) || 1, (info.counts[node.tagName] || 1) > 1];
};

// A short, stable CSS selector: nearest ancestor with a usable id, then tag:nth-of-type steps.
U.selectorCache = new Map();
U.selector = function (el) {
  if (U.selectorCache.has(el)) return U.selectorCache.get(el);
  const parts = [];
  let node = el;
  while (node && node.nodeType === 1) {
    const id = node.getAttribute("id");
    if (id && /^[A-Za-z][\w-]*$/.test(id)) {
      const rootNode = node.getRootNode();
      if (!rootNode.querySelectorAll || rootNode.querySelectorAll("#" + U.cssIdent(id)).length === 1) {
        parts.unshift("#" + id);
        break;
      }
    }
    const tag = node.tagName.toLowerCase();
    if (tag === "html" || tag === "body") { parts.unshift(tag); break; }
    const [nth, more] = U.nthOfType(node);
    parts.unshift(nth > 1 || more ? `${tag}:nth-of-type(${nth})` : tag);
    const parent = node.parentElement;
    if (!parent) {
      const host = node.getRootNode() && node.getRootNode().host;
      if (host) { node = host; continue; } // shadow DOM: Playwright's css pierces open roots
    }
    node = parent;
  }
  const sel = parts.join(" > ").replace(/^html > /, "");
  U.selectorCache.set(el, sel);
  return sel;
};

U.rect = function (el, offset) {
  const r = el.getBoundingClientRect();
  return { x: U.round(r.left + window.scrollX + offset.x), y: U.round(r.top + window.scrollY + offset.y),
           width: U.round(r.width), height: U.round(r.height) };
};

U.parseColor = function (c) {
  const m = (c || "").match(/rgba?\(([^)]+)\)/);
  if (!m) return [0, 0, 0, 0];
  const v = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
  return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
};

// The colour actually behind an element: the first ancestor with an opaque-ish background.
// Memoised per element: siblings share their ancestors' answer.
U.bgCache = new WeakMap();
U.background = function (el) {
  if (!el || el.nodeType !== 1) return [255, 255, 255, 1];
  if (U.bgCache.has(el)) return U.bgCache.get(el);
  const cs = getComputedStyle(el);
  const c = U.parseColor(cs.backgroundColor);
  let out;
  if (c[3] > 0.5) out = c;
  else if (cs.backgroundImage && cs.backgroundImage !== "none") out = null; // an image: unknown
  else out = U.background(el.parentElement || (el.getRootNode() && el.getRootNode().host));
  U.bgCache.set(el, out);
  return out;
};

U.visible = function (el, cs) {
  cs = cs || getComputedStyle(el);
  if (cs.display === "none" || cs.visibility === "hidden" || cs.visibility === "collapse") return false;
  if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  if (el.closest("[aria-hidden=true]")) return false;
  return true;
};

U.LANDMARK_TAGS = { HEADER: "header", NAV: "nav", MAIN: "main", FOOTER: "footer", ASIDE: "aside" };
U.LANDMARK_ROLES = { banner: "header", navigation: "nav", main: "main", contentinfo: "footer", complementary: "aside" };
U.landmarkCache = new WeakMap();
U.landmark = function (el) {
  if (!el || el.nodeType !== 1) return null;
  if (U.landmarkCache.has(el)) return U.landmarkCache.get(el);
  // The outermost landmark wins (a nav inside the footer is still the footer).
  const outer = U.landmark(el.parentElement || (el.getRootNode() && el.getRootNode().host));
  const role = el.getAttribute("role");
  const found = outer || (role && U.LANDMARK_ROLES[role]) || U.LANDMARK_TAGS[el.tagName] || null;
  U.landmarkCache.set(el, found);
  return found;
};

// How deep inside nested collapsible menus an element sits, and how many of them are closed.
U.menuInfo = function (el) {
  let depth = 0, collapsed = 0, node = el.parentElement;
  while (node && node.tagName !== "BODY") {
    const role = node.getAttribute("role");
    const isMenu = role === "menu" || role === "menubar" || node.tagName === "DETAILS" ||
      ((node.tagName === "UL" || node.tagName === "OL") && node.closest("nav, [role=navigation], header"));
    if (isMenu) {
      depth++;
      const cs = getComputedStyle(node);
      if ((node.tagName === "DETAILS" && !node.open) || cs.display === "none" || cs.visibility === "hidden") collapsed++;
    }
    node = node.parentElement;
  }
  return { depth, collapsed };
};

U.ROLE_BY_TAG = { A: "link", BUTTON: "button", SELECT: "combobox", TEXTAREA: "textbox", SUMMARY: "button",
                  H1: "heading", H2: "heading", H3: "heading", H4: "heading", H5: "heading", H6: "heading" };
U.INPUT_ROLES = { checkbox: "checkbox", radio: "radio", button: "button", submit: "button", reset: "button",
                  image: "button", range: "slider", search: "searchbox" };
U.role = function (el) {
  const explicit = el.getAttribute("role");
  if (explicit) return explicit.split(/\s+/)[0];
  if (el.tagName === "A") return el.hasAttribute("href") ? "link" : null;
  if (el.tagName === "INPUT") return U.INPUT_ROLES[(el.type || "text").toLowerCase()] || "textbox";
  return U.ROLE_BY_TAG[el.tagName] || null;
};

U.textOf = (el) => U.clean(el.innerText !== undefined && el.isConnected ? el.innerText : el.textContent);

U.idText = function (el, ids) {
  const root = el.getRootNode();
  return U.clean((ids || "").split(/\s+/).filter(Boolean).map((id) => {
    const t = root.getElementById ? root.getElementById(id) : document.getElementById(id);
    return t ? t.textContent : "";
  }).join(" "));
};

U.labelOf = function (el) {
  if (el.getAttribute("aria-labelledby")) return U.idText(el, el.getAttribute("aria-labelledby"));
  if (el.getAttribute("aria-label")) return U.clean(el.getAttribute("aria-label"));
  if (el.labels && el.labels.length) return U.clean(Array.from(el.labels).map((l) => l.textContent).join(" "));
  return "";
};

U.accessibleName = function (el, role) {
  const label = U.labelOf(el);
  if (label) return label;
  if (el.tagName === "INPUT") {
    const t = (el.type || "").toLowerCase();
    if (t === "submit" || t === "button" || t === "reset") return U.clean(el.value || t);
    if (t === "image") return U.clean(el.alt);
    return U.clean(el.getAttribute("placeholder") || el.getAttribute("title") || "");
  }
  let text = U.textOf(el);
  if (!text) {
    const img = el.querySelector("img[alt], svg title");
    if (img) text = U.clean(img.getAttribute("alt") || img.textContent);
  }
  return text || U.clean(el.getAttribute("title") || "");
};

U.KEEP_ATTRS = ["id", "name", "type", "autocomplete", "placeholder", "aria-describedby", "aria-expanded",
                "aria-controls", "aria-haspopup", "required", "aria-required", "inputmode", "pattern",
                "title", "target", "data-uxcheck-ignore", "disabled", "aria-disabled", "class",
                // links: what a crawler must know before following one (downloads, writes, nofollow)
                "rel", "download", "data-method"];

U.isTarget = (el, role) => ["link", "button", "checkbox", "radio", "menuitem", "tab", "switch", "combobox",
  "textbox", "searchbox", "slider", "option"].includes(role) && el.tagName !== "TEXTAREA" || el.tagName === "TEXTAREA";

U.blockTextCache = new WeakMap();
// Link inside running text (exempt from tap-target size): an inline link whose block has other text.
U.inText = function (el, cs) {
  if (el.tagName !== "A" || !cs.display.startsWith("inline")) return false;
  let block = el.parentElement;
  while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
  if (!block) return false;
  const own = U.clean(el.textContent).length;
  let counts = U.blockTextCache.get(block);
  if (!counts) {  // once per block: a paragraph of 50 links must not be measured 50 times
    let linkText = 0;
    block.querySelectorAll("a, button").forEach((a) => { linkText += U.clean(a.textContent).length; });
    counts = { all: U.clean(block.textContent).length, linkText };
    U.blockTextCache.set(block, counts);
  }
  return counts.all - counts.linkText > Math.max(10, own * 0.5);
};

// A short markup excerpt (<= 300 chars) for the report; never serialises a big subtree, never a value.
U.excerpt = function (el) {
  const shallow = el.cloneNode(false);
  if (shallow.hasAttribute && shallow.hasAttribute("value") && el.tagName !== "BUTTON") shallow.setAttribute("value", "");
  let html;
  if (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.tagName === "SELECT") {
    html = shallow.outerHTML.replace(/<\/[a-z]+>$/i, "");  // the field itself, never its value
  } else if (el.childElementCount < 25) {
    html = el.outerHTML;
  } else {
    const open = shallow.outerHTML.replace(/<\/[a-z0-9-]+>$/i, "");
    html = open + U.cut(el.textContent, 120) + "…";
  }
  html = html.replace(/\s+/g, " ");
  return html.length > 300 ? html.slice(0, 299) + "…" : html;
};

// Rules the page asks uxcheck to ignore for this element (data-uxcheck-ignore on it or an ancestor).
U.ignoreOf = function (el) {
  const zone = el.closest && el.closest("[data-uxcheck-ignore]");
  return zone ? zone.getAttribute("data-uxcheck-ignore") : "";
};

U.element = function (el, kind, offset, prefix) {
  const cs = getComputedStyle(el);
  const role = U.role(el);
  const menu = U.menuInfo(el);
  const attrs = {};
  for (const a of U.KEEP_ATTRS) if (el.hasAttribute(a)) attrs[a] = U.cut(el.getAttribute(a), 120);
  const out = {
    kind, tag: el.tagName.toLowerCase(), role,
    selector: prefix + U.selector(el),
    text: kind === "input" ? "" : U.cut(U.textOf(el), 300),
    name: U.cut(U.accessibleName(el, role), 300),
    rect: U.rect(el, offset),
    visible: U.visible(el, cs),
    font_size: parseFloat(cs.fontSize) || 0,
    font_weight: parseInt(cs.fontWeight, 10) || 400,
    color: U.parseColor(cs.color),
    background: U.background(el),
    opacity: parseFloat(cs.opacity),
    landmark: U.landmark(el),
    menu_depth: menu.depth,
    collapsed_menus: menu.collapsed,
    in_text: U.inText(el, cs),
    attrs,
    html: U.excerpt(el),
    ignore: U.ignoreOf(el),
  };
  if (el.tagName === "A") out.href = el.href || el.getAttribute("href") || "";
  if (kind === "heading") out.level = parseInt((el.tagName.match(/H(\d)/) || [0, el.getAttribute("aria-level") || 2])[1], 10);
  if (kind === "input") {
    out.label = U.cut(U.labelOf(el), 200);
    out.description = U.cut(U.idText(el, el.getAttribute("aria-describedby")), 300);
    out.required = el.required || el.getAttribute("aria-required") === "true";
    out.input_type = el.tagName === "INPUT" ? (el.type || "text").toLowerCase() : el.tagName.toLowerCase();
  }
  return out;
};

U.BLOCK_TAGS = new Set(["P", "LI", "DD", "DT", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "FIGCAPTION",
  "LABEL", "LEGEND", "SMALL", "TD", "TH", "CAPTION", "SUMMARY", "ADDRESS", "PRE", "DIV", "SECTION", "ARTICLE",
  "SPAN", "STRONG", "EM", "B"]);

U.parts.core = function () {
  const all = U.walk(document.documentElement);
  U.all = all;
  const elements = [];
  const blocks = [];
  const seenBlocks = new Set();
  let rowCells = 0;
  for (let i = 0; i < all.length; i++) {
    const [el, offset, prefix] = all[i];
    const tag = el.tagName;
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT" || tag === "TEMPLATE" || tag === "HEAD") continue;
    const role = el.getAttribute("role");
    let kind = null;
    if ((tag === "A" && el.hasAttribute("href")) || role === "link") kind = "link";
    else if (tag === "BUTTON" || role === "button" || role === "menuitem" || role === "tab" || tag === "SUMMARY" ||
             (tag === "INPUT" && ["submit", "button", "reset", "image"].includes((el.type || "").toLowerCase()))) kind = "button";
    else if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || role === "textbox" || role === "combobox") {
      if ((el.type || "").toLowerCase() !== "hidden") kind = "input";
    } else if (/^H[1-6]$/.test(tag) || role === "heading") kind = "heading";
    if (kind) elements.push(U.element(el, kind, offset, prefix));
    // Text blocks: the nearest block-ish element that owns text directly. Cells of big tables
    // are left to the tables part (a 10,000-row statement must stay cheap).
    if (kind === "link" || kind === "button" || kind === "input") continue;
    if (!U.BLOCK_TAGS.has(tag)) continue;
    let own = "";
    for (const child of el.childNodes) if (child.nodeType === 3) own += child.textContent;
    if (!U.clean(own)) continue;
    if (tag === "TD" || tag === "TH") { if (++rowCells > 400) continue; }
    let block = el;
    while (["SPAN", "STRONG", "EM", "B", "SMALL"].includes(block.tagName) && block.parentElement &&
           getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    if (seenBlocks.has(block) || blocks.length >= 3000) continue;
    seenBlocks.add(block);
    const cs = getComputedStyle(block);
    blocks.push({
      tag: block.tagName.toLowerCase(), role: block.getAttribute("role"),
      selector: prefix + U.selector(block), text: U.cut(U.textOf(block), 600),
      rect: U.rect(block, offset), visible: U.visible(block, cs),
      font_size: parseFloat(cs.fontSize) || 0, font_weight: parseInt(cs.fontWeight, 10) || 400,
      color: U.parseColor(cs.color), background: U.background(block), landmark: U.landmark(block),
      attrs: {}, html: U.excerpt(block), ignore: U.ignoreOf(block),
    });
  }
  const meta = document.querySelector("meta[name=viewport]");
  const de = document.documentElement;
  // Never store what customers typed: drop value attributes and textarea contents from the copy.
  const copy = de.cloneNode(true);
  copy.querySelectorAll("input[value]").forEach((i) => {
    const t = (i.getAttribute("type") || "text").toLowerCase();
    if (!["submit", "button", "reset", "checkbox", "radio", "image"].includes(t)) i.setAttribute("value", "");
  });
  copy.querySelectorAll("textarea").forEach((t) => { t.textContent = ""; });
  // Rows of big tables are in the tables part already; the HTML copy keeps the first and last
  // ones, so a 10,000-row statement does not cross into Python twice.
  copy.querySelectorAll("tbody, [role=rowgroup]").forEach((body) => {
    const rows = body.children;
    if (rows.length <= 300) return;
    const omitted = rows.length - 200;
    const range = document.createRange();  // one removal, not 10,000 (a live collection is O(n) each)
    range.setStartBefore(rows[100]);
    range.setEndAfter(rows[rows.length - 101]);
    range.deleteContents();
    body.insertBefore(document.createComment(` uxcheck: ${omitted} rows omitted `), rows[100]);
  });
  // Scripts are code, not content: rules never need them and they may carry tokens.
  copy.querySelectorAll("script").forEach((s) => { s.textContent = ""; });
  return {
    url: location.href,
    title: document.title,
    lang: de.getAttribute("lang") || (document.body && document.body.getAttribute("lang")) || "",
    long_rows_skipped: U.longRowsSkipped,
    viewport_meta: meta ? meta.getAttribute("content") : null,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    client_width: de.clientWidth,
    screen_width: window.screen.width,
    document: { scroll_width: Math.max(de.scrollWidth, document.body ? document.body.scrollWidth : 0),
                scroll_height: Math.max(de.scrollHeight, document.body ? document.body.scrollHeight : 0),
                content_type: document.contentType || "",
                // Whether the screenshot has fields to mask: the whole main document (rows the
                // walk skips included) and the fields found in shadow roots and frames.
                has_fields: document.querySelector(U.MASK_SELECTOR) !== null ||
                            elements.some((e) => e.kind === "input" && !["checkbox", "radio"].includes(e.input_type)) },
    ignore: Array.from(document.querySelectorAll("[data-uxcheck-ignore]")).map((e) => ({
      selector: U.selector(e), rules: e.getAttribute("data-uxcheck-ignore") })),
    elements, blocks,
    html: "<!DOCTYPE html>\n" + copy.outerHTML,
  };
};
