// uxcheck collector, menus part: for links and buttons, what a customer must open to reach them
// and which page region they really sit in. Read by uxcheck/parsing/links.py (key-task links).
//
// snapshot.parts.menus = {
//   layers: {selector: [{toggle: "Accounts", toggle_visible: true, toggle_in_menu: true, fallback: false}, ...]},
//   regions: {selector: "footer"},   // only where the page region differs from core's `landmark`
//   names: {selector: "Statements"},  // text of links inside closed menus (innerText is empty there)
// }
// A "layer" is an ancestor that is closed now (display:none, visibility:hidden, opacity 0, zero
// height with clipped overflow, a closed <details>, an off-canvas drawer). Its "toggle" is the
// control that opens it (aria-controls, the summary, the control just before it, the label of
// its menu item). Only elements inside at least one layer are listed, so big pages stay small.
U.parts.menus = function (U) {
  const vw = window.innerWidth, vh = window.innerHeight;
  const closedCache = new Map();
  const CONTROL = "a[href], button, summary, label[for], [role=button], [role=menuitem], [aria-expanded], [aria-haspopup], [aria-controls]";

  const parentOf = (n) => n.parentElement || (n.getRootNode && n.getRootNode().host) || null;

  const isClosed = function (node) {
    if (closedCache.has(node)) return closedCache.get(node);
    const cs = getComputedStyle(node);
    let closed = false;
    if (cs.display === "none") closed = true;
    else if (cs.visibility === "hidden" || cs.visibility === "collapse") {
      const p = parentOf(node);
      closed = !p || getComputedStyle(p).visibility === "visible";
    } else if (parseFloat(cs.opacity) === 0) closed = true;
    else {
      const clips = cs.overflow !== "visible" || cs.overflowY !== "visible";
      const moved = cs.transform !== "none";
      const placed = cs.position === "fixed" || cs.position === "absolute";
      if (clips || moved || placed) {  // only these can hide a box by size or position: read layout then
        const r = node.getBoundingClientRect();
        if (clips && r.height < 1 && node.childElementCount > 0) closed = true;
        else if (moved && (r.height < 1 || r.width < 1) && node.childElementCount > 0) closed = true;  // scaleY(0)
        else if (placed && r.width > 0 &&
                 (r.right <= 0 || r.left >= vw || (cs.position === "fixed" && (r.bottom <= 0 || r.top >= vh)))) closed = true;
      }
    }
    closedCache.set(node, closed);
    return closed;
  };

  const label = (el) => el ? U.cut(U.accessibleName(el, U.role(el)) || el.getAttribute("aria-label") || "", 60) : "";

  const toggleOf = function (layer) {
    if (layer.tagName === "DETAILS") return layer.querySelector(":scope > summary");
    const root = layer.getRootNode();
    const id = layer.getAttribute("id");
    if (id && root.querySelector) {
      const byId = root.querySelector(`[aria-controls~="${U.cssIdent(id)}"], [data-target="#${U.cssIdent(id)}"], [data-bs-target="#${U.cssIdent(id)}"], [href="#${U.cssIdent(id)}"]`);
      if (byId) return byId;
    }
    // The control just before it; skip a hidden checkbox of the CSS-only "checkbox hack".
    let prev = layer.previousElementSibling;
    if (prev && prev.tagName === "INPUT" && prev.previousElementSibling) prev = prev.previousElementSibling;
    if (prev) {
      if (prev.matches(CONTROL)) return prev;
      const inner = prev.querySelector(CONTROL);
      if (inner && prev.childElementCount <= 2) return inner;
    }
    const parent = parentOf(layer);
    if (parent && (parent.tagName === "LI" || /menuitem|none|presentation/.test(parent.getAttribute("role") || ""))) {
      for (const child of parent.children) if (child !== layer && child.matches(CONTROL)) return child;
    }
    // CSS hover menus often label the item with plain text (<li><span>Accounts</span><ul>...):
    // that label, in a small wrapper with the menu, is what customers hover.
    if (parent && parent.childElementCount <= 3) {
      for (const child of parent.children) {
        if (child === layer || child.matches("a[href]") || child.querySelector("a[href]")) continue;
        const text = U.clean(child.textContent);
        if (text && text.length <= 40) return child;
      }
    }
    return null;
  };

  // A hidden drawer without a toggle we can tie to it still counts as reachable when its header or
  // nav shows a visible menu control (a hamburger wired up by script).
  const zoneCache = new Map();
  const menuControlNear = function (layer) {
    let zone = layer.closest("header, nav, [role=banner], [role=navigation]");
    if (!zone) return false;
    while (zone.parentElement && zone.parentElement.closest("header, nav, [role=banner], [role=navigation]")) {
      zone = zone.parentElement.closest("header, nav, [role=banner], [role=navigation]");
    }
    if (zoneCache.has(zone)) return zoneCache.get(zone);
    let found = false;
    for (const c of zone.querySelectorAll("[aria-expanded], [aria-haspopup], [aria-controls], button, label[for], [role=button], [class*=burger], [class*=toggle]")) {
      if (layer.contains(c)) continue;
      const hint = (typeof c.className === "string" ? c.className : "") + " " + (c.getAttribute("aria-label") || "") + " " + U.textOf(c);
      const menuish = c.hasAttribute("aria-expanded") || c.hasAttribute("aria-haspopup") || c.hasAttribute("aria-controls") ||
        /menu|burger|toggle|nav|☰/i.test(hint);
      if (menuish && U.visible(c)) { found = true; break; }
    }
    zoneCache.set(zone, found);
    return found;
  };

  const LOCAL_SECTIONS = new Set(["ARTICLE", "SECTION", "ASIDE", "NAV", "MAIN"]);
  const HINTS = [
    ["footer", /(^|[-_\s])(site-?|page-?|global-?)?footer|(^|[-_\s])foot($|[-_\s])|colophon|(^|[-_\s])legal|(^|[-_\s])(fuss(zeile)?|pied(-?de-?page)?|pie(-?de-?pagina)?|rodape|voettekst)($|[-_\s])/i],
    ["header", /(^|[-_\s])(site-?|page-?|global-?)?header|masthead|top-?bar|navbar|app-?bar|(^|[-_\s])(kopf(zeile|bereich)?|en-?tete|cabecera|encabezado|cabecalho|koptekst)($|[-_\s])/i],
    ["nav", /(^|[-_\s])(main-?|primary-?|side-?)?nav(igation)?($|[-_\s])|(^|[-_\s])menu($|[-_\s])/i],
    ["aside", /sidebar|side-?panel/i],
  ];
  // Per-node facts, memoised so a page with thousands of links costs one pass over its tree.
  // Closed ancestors that hide a node's content, outermost first (reads styles: links themselves
  // never need it). A closed <details> hides all but its summary.
  const closedMemo = new Map();
  const closedAbove = function (node) {  // the closed chain hiding node's children
    if (!node || node.nodeType !== 1 || node.tagName === "BODY" || node.tagName === "HTML") return [];
    let c = closedMemo.get(node);
    if (c) return c;
    const parent = parentOf(node);
    c = closedAbove(parent);
    if (parent && parent.tagName === "DETAILS" && !parent.open && node.tagName !== "SUMMARY") c = c.concat([parent]);
    if (node.tagName !== "DETAILS" && isClosed(node)) c = c.concat([node]);
    closedMemo.set(node, c);
    return c;
  };
  // Landmarks: the outermost wins (core's rule); for the page region a <header>/<footer> inside an
  // article, section, aside, nav or main belongs to that section, not to the page. Pages built
  // from divs name their regions in class and id.
  const HINT_BITS = HINTS.map((_, i) => 1 << i);
  const ROOT = { core: null, region: null, hints: 0, local: false };
  const facts = new Map();
  const factsOf = function (node) {
    if (!node || node.nodeType !== 1 || node.tagName === "BODY" || node.tagName === "HTML") return ROOT;
    let f = facts.get(node);
    if (f) return f;
    const up = factsOf(parentOf(node));
    const tag = node.tagName, role = node.getAttribute("role");
    const own = (role && U.LANDMARK_ROLES[role]) || U.LANDMARK_TAGS[tag] || null;
    const pageOwn = !role && (tag === "FOOTER" || tag === "HEADER") && up.local ? null : own;
    const local = up.local || LOCAL_SECTIONS.has(tag) || /^(main|region|article|complementary|navigation)$/.test(role || "");
    const text = (node.getAttribute("id") || "") + " " + (typeof node.className === "string" ? node.className : "");
    let hints = up.hints;
    if (text.length > 1) HINTS.forEach(([, re], i) => { if (re.test(text)) hints |= HINT_BITS[i]; });
    f = { core: up.core || own, region: up.region || pageOwn, hints, local };
    facts.set(node, f);
    return f;
  };
  // The region as a customer sees it: the page landmark, else what class and id names say.
  const regionOf = function (f) {
    if (f.region) return f.region;
    for (let i = 0; i < HINTS.length; i++) if (f.hints & HINT_BITS[i]) return HINTS[i][0];  // footer first
    return null;
  };

  // A layer shared by many links is described once (the outermost also gets the hamburger fallback).
  const layerCache = new Map();
  const describeLayer = function (layer, outermost) {
    const key = layer;
    const cached = layerCache.get(key);
    if (cached && cached.outermost === outermost) return cached.out;
    const t = toggleOf(layer);
    const visible = !!t && U.visible(t);
    // A toggle that is itself a menu item opens a sub-menu; one outside any menu is a menu button
    // (the phone "hamburger"), which phones are expected to have.
    const inMenu = !!t && !!t.closest("li, [role=menuitem], [role=menu], [role=menubar]");
    const out = { toggle: label(t), toggle_visible: visible, toggle_in_menu: inMenu,
                  fallback: outermost && !visible && menuControlNear(layer) };
    layerCache.set(key, { outermost, out });
    return out;
  };

  const layers = {};
  const regions = {};
  const names = {};
  let seen = 0;
  for (const [el, , prefix] of U.all) {
    const tag = el.tagName, role = el.getAttribute("role");
    const isLink = (tag === "A" && el.hasAttribute("href")) || role === "link";
    const isButton = tag === "BUTTON" || role === "button" || role === "menuitem" || role === "tab" || tag === "SUMMARY";
    if (!isLink && !isButton) continue;
    if (++seen > 5000) break;
    const selector = prefix + U.selector(el);
    const parent = parentOf(el);
    let chain = closedAbove(parent);
    if (parent && parent.tagName === "DETAILS" && !parent.open && tag !== "SUMMARY") chain = chain.concat([parent]);
    if (chain.length) {
      layers[selector] = chain.map((layer, i) => describeLayer(layer, i === 0));
      // Closed menus render no text, so innerText (and core's accessible name) comes out empty.
      if (!U.accessibleName(el, U.role(el))) {
        const img = el.querySelector("img[alt], svg title");
        const hiddenName = U.cut(el.textContent || (img && (img.getAttribute("alt") || img.textContent)) || "", 200);
        if (hiddenName) names[selector] = hiddenName;
      }
    }
    const f = factsOf(el);
    const r = regionOf(f);
    if (r !== f.core) regions[selector] = r;
  }
  return { layers, regions, names };
};
