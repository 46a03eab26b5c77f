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
      const r = node.getBoundingClientRect();
      const clips = cs.overflow !== "visible" || cs.overflowY !== "visible";
      if (clips && r.height < 1 && node.childElementCount > 0) closed = true;
      else if (cs.transform !== "none" && (r.height < 1 || r.width < 1) && node.childElementCount > 0) closed = true;  // scaleY(0)
      else if ((cs.position === "fixed" || cs.position === "absolute") && r.width > 0 &&
               (r.right <= 0 || r.left >= vw || (cs.position === "fixed" && (r.bottom <= 0 || r.top >= vh)))) closed = true;
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
    ["footer", /(^|[-_\s])(site-?|page-?|global-?)?footer|(^|[-_\s])foot($|[-_\s])|colophon|(^|[-_\s])legal/i],
    ["header", /(^|[-_\s])(site-?|page-?|global-?)?header|masthead|top-?bar|navbar|app-?bar/i],
    ["nav", /(^|[-_\s])(main-?|primary-?|side-?)?nav(igation)?($|[-_\s])|(^|[-_\s])menu($|[-_\s])/i],
    ["aside", /sidebar|side-?panel/i],
  ];
  // The region as a customer sees it: a <footer> inside an article or card is not the page footer,
  // and pages built from divs name their regions in class and id.
  const region = function (el) {
    let node = el, found = null;
    const hints = new Set();
    while (node && node.nodeType === 1) {
      const tag = node.tagName;
      const role = node.getAttribute("role");
      let lm = (role && U.LANDMARK_ROLES[role]) || U.LANDMARK_TAGS[tag] || null;
      if (!role && (tag === "FOOTER" || tag === "HEADER")) {
        for (let a = node.parentElement; a && a.tagName !== "BODY"; a = a.parentElement) {
          if (LOCAL_SECTIONS.has(a.tagName) || /^(main|region|article|complementary|navigation)$/.test(a.getAttribute("role") || "")) { lm = null; break; }
        }
      }
      if (lm) found = lm;
      if (tag !== "BODY" && tag !== "HTML") {
        const text = (node.getAttribute("id") || "") + " " + (typeof node.className === "string" ? node.className : "");
        for (const [name, re] of HINTS) if (re.test(text)) hints.add(name);
      }
      node = parentOf(node);
    }
    if (found) return found;
    for (const [name] of HINTS) if (hints.has(name)) return name;  // footer first: a footer's menu is still the footer
    return null;
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
    const chain = [];
    for (let node = parentOf(el); node && node.tagName !== "BODY" && node.tagName !== "HTML"; node = parentOf(node)) {
      // A closed <details> hides everything but its summary.
      const closed = node.tagName === "DETAILS" ? !node.open && !el.closest("summary") : isClosed(node);
      if (closed) chain.unshift(node);
    }
    if (chain.length) {
      layers[selector] = chain.map((layer, i) => {
        const t = toggleOf(layer);
        const visible = !!t && U.visible(t);
        // A toggle that is itself a menu item opens a sub-menu; one outside any menu is a menu button
        // (the phone "hamburger"), which phones are expected to have.
        const inMenu = !!t && !!t.closest("li, [role=menuitem], [role=menu], [role=menubar]");
        return { toggle: label(t), toggle_visible: visible, toggle_in_menu: inMenu,
                 fallback: i === 0 && !visible && menuControlNear(layer) };
      });
      // Closed menus render no text, so innerText (and core's accessible name) comes out empty.
      if (!U.accessibleName(el, U.role(el))) {
        const img = el.querySelector("img[alt], svg title");
        const hiddenName = U.cut(el.textContent || (img && (img.getAttribute("alt") || img.textContent)) || "", 200);
        if (hiddenName) names[selector] = hiddenName;
      }
    }
    const r = region(el);
    if (r !== U.landmark(el)) regions[selector] = r;
  }
  return { layers, regions, names };
};
