// uxcheck collector, mobile part: what the phone view looks like, measured in the rendered page
// (computed styles, real geometry, hit testing), never by reading CSS text.
//   text      legible-text measure like Lighthouse's font-size audit (characters per font size)
//   overflow  does the document scroll sideways, what sticks out, what a page-level clip cuts off
//   targets   every visible focusable widget with its rects, whether it sits in running text and
//             what covers it, so Python can apply WCAG 2.5.8 the way axe-core does
// Every list is capped and every cap is reported, so a 10,000-row statement stays cheap.
U.parts.mobile = function (U) {
  const M = {};
  M.SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "META", "LINK", "svg", "SVG"]);
  M.MAX_OFFENDERS = 20;
  M.MAX_TEXT_ELEMENTS = 2000; // beyond this, text elements are sampled with a stride (and weighted)
  M.MAX_TARGETS = 3000;
  M.MAX_HIT_TESTED = 120;
  M.MAX_OVERFLOW_ELEMENTS = 40000;

  M.composedParent = (n) => n.parentElement || (n.parentNode && n.parentNode.host) || null;

  // Rendered and not hidden: laid out, not display:none anywhere up the tree, not visibility:hidden,
  // not transparent, and bigger than the 1x1 boxes of screen-reader-only text.
  M.shown = function (el, cs) {
    if (cs.visibility !== "visible") return false;
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };

  // ---- text legibility ------------------------------------------------------------------
  M.text = function () {
    const holders = [];
    for (const entry of U.all) {
      const el = entry[0];
      if (M.SKIP_TAGS.has(el.tagName) || el.namespaceURI !== "http://www.w3.org/1999/xhtml") continue;
      let chars = 0;
      for (const child of el.childNodes) {
        if (child.nodeType === 3) chars += child.nodeValue.replace(/\s+/g, "").length;
      }
      if (chars) holders.push([entry, chars]);
    }
    const stride = Math.max(1, Math.ceil(holders.length / M.MAX_TEXT_ELEMENTS));
    const bySize = {};
    const offenders = [];
    let total = 0, small = 0;
    for (let i = 0; i < holders.length; i += stride) {
      const [[el, , prefix], chars] = holders[i];
      const cs = getComputedStyle(el);
      if (!M.shown(el, cs)) continue;
      const size = parseFloat(cs.fontSize) || 0;
      const weighted = chars * stride;
      total += weighted;
      const key = String(U.round(size));
      bySize[key] = (bySize[key] || 0) + weighted;
      if (size < 12) {
        small += weighted;
        offenders.push({ el, prefix, font_size: U.round(size), chars: weighted });
      }
    }
    offenders.sort((a, b) => b.chars - a.chars);
    return {
      total_chars: total,
      small_chars: small, // under 12 CSS px; the rule may use another threshold with by_size
      by_size: bySize,
      text_elements: holders.length,
      sample_stride: stride, // 1 = every text element was measured
      offenders: offenders.slice(0, M.MAX_OFFENDERS).map((o) => ({
        selector: o.prefix + U.selector(o.el), font_size: o.font_size, chars: o.chars,
        text: U.cut(o.el.textContent, 80) })),
      offender_count: offenders.length,
    };
  };

  // ---- horizontal overflow --------------------------------------------------------------
  M.isPageBox = (el, de, body) => el === de || el === body;

  // The rightmost point of what a reader needs inside el: its text and its replaced or
  // interactive children (an empty decorative box that sticks out costs nobody anything).
  M.contentRight = function (el) {
    let right = -Infinity, seen = 0, visited = 0;
    const range = document.createRange();
    const tw = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let node = el;
    while (node && seen < 300 && ++visited < 5000) {
      if (node.nodeType === 3) {
        if (node.nodeValue.trim()) {
          range.selectNodeContents(node);
          const r = range.getBoundingClientRect();
          if (r.width > 0) { right = Math.max(right, r.right); seen++; }
        }
      } else if (/^(IMG|INPUT|BUTTON|SELECT|TEXTAREA|VIDEO|CANVAS|IFRAME|svg)$/.test(node.tagName)) {
        const r = node.getBoundingClientRect();
        if (r.width > 0) { right = Math.max(right, r.right); seen++; }
      }
      node = tw.nextNode();
    }
    return right === -Infinity ? null : right;
  };

  M.overflow = function () {
    const de = document.documentElement, body = document.body;
    const clientWidth = de.clientWidth;
    const edge = clientWidth; // the layout viewport's right edge
    const docHeight = Math.max(de.scrollHeight, body ? body.scrollHeight : 0);
    const sx = window.scrollX, sy = window.scrollY;
    const offenders = [];
    let count = 0, examined = 0, truncated = false, lastOffender = null, fittingRow = null;
    const styleOf = new Map();
    const style = (n) => { let s = styleOf.get(n); if (!s) { s = getComputedStyle(n); styleOf.set(n, s); } return s; };
    for (const [el, , prefix] of U.all) {
      if (prefix) continue; // inside an iframe: its own viewport
      if (el === de || M.SKIP_TAGS.has(el.tagName)) continue;
      if (lastOffender && lastOffender.contains(el)) continue; // outermost offender only
      if (fittingRow && fittingRow.contains(el)) continue; // a table row that fits holds its cells
      if (++examined > M.MAX_OVERFLOW_ELEMENTS) { truncated = true; break; }
      const r = el.getBoundingClientRect();
      if (el.tagName === "TR" && r.right <= edge + 2) fittingRow = el;
      if (r.width < 1 || r.height < 1 || r.right <= edge + 2) continue;
      const cs = style(el);
      if (!M.shown(el, cs)) continue;
      // Why is it allowed past the edge? Walk up: its own scroll box, a local clip, the page.
      let kind = "sticks-out", clip = null, fine = false;
      if (cs.position === "fixed") { kind = "cut-off"; clip = "viewport"; }
      for (let a = M.composedParent(el); a; a = M.composedParent(a)) {
        const acs = style(a);
        const ox = acs.overflowX;
        if (M.isPageBox(a, de, body)) {
          if (ox === "hidden" || ox === "clip") { kind = "cut-off"; clip = a.tagName.toLowerCase(); }
          if (a === de) break;
          continue;
        }
        if (ox === "auto" || ox === "scroll") { fine = true; break; } // a wide table in its scroll box
        if (ox === "hidden" || ox === "clip") {
          const ar = a.getBoundingClientRect();
          const pageLevel = ar.width >= clientWidth - 2 && ar.height >= docHeight * 0.5;
          if (pageLevel) { kind = "cut-off"; clip = U.selector(a); break; }
          if (ar.right <= edge + 2) { fine = true; break; } // a carousel clipping its own slides
          break; // the clipping ancestor sticks out itself and is reported on its own
        }
        if (acs.position === "fixed") { kind = "cut-off"; clip = "viewport"; }
      }
      if (fine) continue;
      const contentRight = M.contentRight(el);
      // Wholly beyond the edge and clipped: hidden on purpose (an off-canvas drawer), not cut.
      if (kind === "cut-off" && r.left >= edge - 1) continue;
      count++;
      lastOffender = el;
      if (offenders.length < M.MAX_OFFENDERS) {
        offenders.push({
          el, selector: U.selector(el), tag: el.tagName.toLowerCase(), kind, clip,
          rect: { x: U.round(r.left + sx), y: U.round(r.top + sy), width: U.round(r.width), height: U.round(r.height) },
          right: U.round(r.right + sx),
          content_right: contentRight === null ? null : U.round(contentRight + sx),
          text: U.cut(el.textContent, 80),
        });
      }
    }
    // Text that runs out of a box that itself fits (a long unbroken reference in a nowrap box)
    // is no element's rect: look for it only when the page is wider than its viewport.
    const scrollWidth = Math.max(de.scrollWidth, body ? body.scrollWidth : 0);
    if (scrollWidth > edge + 2 && !truncated) {
      let checked = 0, lastText = null;
      for (const [el, , prefix] of U.all) {
        if (prefix || el === de || el === body || M.SKIP_TAGS.has(el.tagName)) continue;
        if (++checked > M.MAX_OVERFLOW_ELEMENTS) break;
        if (el.scrollWidth <= el.clientWidth + 2 || el.clientWidth === 0) continue;
        if (lastText && lastText.contains(el)) continue;
        if (offenders.some((o) => o.el === el || o.el.contains(el) || el.contains(o.el))) continue;
        const r = el.getBoundingClientRect();
        if (r.right > edge + 2) continue; // already judged as sticking out itself
        const cs = style(el);
        if (cs.overflowX !== "visible" || !M.shown(el, cs)) continue;
        let ownText = false;
        for (const c of el.childNodes) if (c.nodeType === 3 && c.nodeValue.trim()) { ownText = true; break; }
        if (!ownText) continue;
        const contentRight = M.contentRight(el);
        if (contentRight === null || contentRight <= edge + 2) continue;
        let scrolled = false;
        for (let a = M.composedParent(el); a && a !== body && a !== de; a = M.composedParent(a)) {
          const ox = style(a).overflowX;
          if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") { scrolled = true; break; }
        }
        if (scrolled) continue;
        count++;
        lastText = el;
        if (offenders.length < M.MAX_OFFENDERS) {
          offenders.push({
            el, selector: U.selector(el), tag: el.tagName.toLowerCase(), kind: "text-overflows", clip: null,
            rect: { x: U.round(r.left + sx), y: U.round(r.top + sy), width: U.round(r.width), height: U.round(r.height) },
            right: U.round(contentRight + sx), content_right: U.round(contentRight + sx),
            text: U.cut(el.textContent, 80),
          });
        }
      }
    }
    for (const o of offenders) delete o.el;
    return {
      scroll_width: scrollWidth,
      client_width: clientWidth,
      screen_width: window.screen.width,
      html_overflow_x: getComputedStyle(de).overflowX,
      body_overflow_x: body ? getComputedStyle(body).overflowX : null,
      offenders, offender_count: count, examined: Math.min(examined, M.MAX_OVERFLOW_ELEMENTS), truncated,
    };
  };

  // ---- tap targets (WCAG 2.5.8 as axe-core reads it) -------------------------------------
  M.WIDGET_ROLES = new Set(["button", "checkbox", "combobox", "gridcell", "link", "listbox", "menuitem",
    "menuitemcheckbox", "menuitemradio", "option", "radio", "scrollbar", "searchbox", "slider", "spinbutton",
    "switch", "tab", "textbox", "treeitem"]);
  M.NATIVE_FOCUSABLE = /^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/;

  // axe-core's "widget" role type also covers these, which are never targets themselves here.
  M.WIDGET_TYPE_EXTRA = new Set(["tabpanel", "progressbar", "separator"]);
  M.isWidgetType = (el) => !!M.widgetRole(el) || M.WIDGET_TYPE_EXTRA.has(U.role(el));

  M.widgetRole = function (el) {
    const role = U.role(el);
    if (role && M.WIDGET_ROLES.has(role)) return role;
    if (el.tagName === "SELECT") return "combobox";
    if (el.tagName === "SUMMARY") return "button";
    if (el.tagName === "INPUT") return "textbox";
    return null;
  };
  M.focusable = function (el) {
    if (el.disabled) return false;
    if (el.tagName === "A") return el.hasAttribute("href") || el.hasAttribute("tabindex");
    if (el.tagName === "INPUT" && (el.type || "").toLowerCase() === "hidden") return false;
    return M.NATIVE_FOCUSABLE.test(el.tagName) || el.hasAttribute("tabindex") || el.isContentEditable;
  };
  M.inTabOrder = (el) => M.focusable(el) && el.tabIndex >= 0;

  M.BLOCK_DISPLAYS = new Set(["block", "list-item", "table", "flex", "grid"]);
  M.isBlock = (el) => { const d = getComputedStyle(el).display; return M.BLOCK_DISPLAYS.has(d) || d.startsWith("table-"); };

  // axe-core's isInTextBlock with {noLengthCompare, permissive}: a target that shares its line
  // block with text outside widgets is part of running text (exempt under WCAG 2.5.8).
  M.inTextBlock = function (el) {
    if (M.isBlock(el)) return false;
    let block = M.composedParent(el);
    while (block && !M.isBlock(block)) block = M.composedParent(block);
    if (!block) return false;
    const display = getComputedStyle(el).display;
    if (display === "inline-block" || display === "inline-flex" || display === "inline-grid") {
      if (M.isWidgetType(block)) return false;
      for (const sib of block.childNodes) {
        if (sib === el) continue;
        if (sib.nodeType === 3) { if (sib.nodeValue.trim()) return true; continue; }
        if (sib.nodeType !== 1 || /^(BR|HR)$/.test(sib.tagName) || M.isWidgetType(sib)) continue;
        if (getComputedStyle(sib).display === "inline") return true;
      }
      return false;
    }
    let text = "", state = 0; // state 1: past the target; 2: past the <br> after it
    const walk = (node) => {
      if (state === 2) return;
      if (node.nodeType === 3) { text += node.nodeValue; return; }
      if (node.nodeType !== 1) return;
      if (node === el) state = 1;
      if (node.tagName === "BR" || node.tagName === "HR") {
        if (state === 0) text = ""; else state = 2;
        return;
      }
      const st = node.style;
      if (node !== block && (st.display === "none" || st.overflow === "hidden" ||
          !["", "none"].includes(st.float) || !["", "relative"].includes(st.position))) return;
      if (node !== block && M.isWidgetType(node)) return; // widget text is not running text
      for (const c of node.childNodes) walk(c);
    };
    walk(block);
    return text.replace(/\s+/g, "").length > 0;
  };

  // Content reaching outside the target's box (an image bigger than its link): axe-core cannot
  // then tell the real target size and answers "incomplete".
  M.contentOverflows = function (el, r) {
    let n = 0;
    for (const d of el.querySelectorAll("*")) {
      if (++n > 30) break;
      if (M.widgetRole(d) && M.inTabOrder(d)) continue;
      const dr = d.getBoundingClientRect();
      if (dr.width < 1 || dr.height < 1) continue;
      if (dr.left < r.left - 0.5 || dr.top < r.top - 0.5 || dr.right > r.right + 0.5 || dr.bottom > r.bottom + 0.5) return true;
    }
    return false;
  };

  // The position:fixed box a target rides in, if any: it moves with the screen, not the page,
  // so targets in the page are not its neighbours (their distance changes as the page scrolls).
  M.fixedCache = new Map();
  M.fixedLayer = function (el, cs) {
    if (cs.position === "fixed") return el;
    const chain = [];
    let found = null;
    for (let a = M.composedParent(el); a && a !== document.body; a = M.composedParent(a)) {
      if (M.fixedCache.has(a)) { found = M.fixedCache.get(a); break; }
      chain.push(a);
      if (getComputedStyle(a).position === "fixed") { found = a; break; }
    }
    for (const a of chain) M.fixedCache.set(a, found && (found === a || found.contains(a)) ? found : null);
    return found;
  };

  M.pageRect = (r, off) => ({ x: U.round(r.left + window.scrollX + off.x), y: U.round(r.top + window.scrollY + off.y),
                              width: U.round(r.width), height: U.round(r.height) });

  // What covers the target at the moment of capture: hit-test a 5x5 grid of points inside it
  // (only targets inside the viewport can be hit-tested). A point that lands on something that
  // is neither the target, its descendants (other than a nested widget) nor its ancestors means
  // something else is drawn on top there (pointer-events:none layers are skipped by the hit test,
  // as axe-core skips them).
  M.coverOf = function (el, r) {
    const root = el.getRootNode();
    const hitter = root && root.elementFromPoint ? root : document;
    const vw = (el.ownerDocument.defaultView || window).innerWidth, vh = (el.ownerDocument.defaultView || window).innerHeight;
    if (r.left < 0 || r.top < 0 || r.right > vw || r.bottom > vh) return null; // not hit-testable now
    const covers = new Map();
    let own = 0, samples = 0;
    const probe = (fx, fy) => {
      const hit = hitter.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy);
      samples++;
      if (!hit) return;
      const inside = hit === el || el.contains(hit);
      if ((inside && !(hit !== el && M.widgetRole(hit) && M.inTabOrder(hit))) || hit.contains(el)) { own++; return; }
      covers.set(hit, (covers.get(hit) || 0) + 1);
    };
    // The centre and four inner corners first (cheap); the full 5x5 grid only if something
    // else showed up, to find how much of the target is left.
    const quick = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
    for (const [fx, fy] of quick) probe(fx, fy);
    if (covers.size) {
      for (const fx of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        for (const fy of [0.1, 0.3, 0.5, 0.7, 0.9]) {
          if (!quick.some(([qx, qy]) => qx === fx && qy === fy)) probe(fx, fy);
        }
      }
    }
    // A hit on a span inside a button is the button: report the widget it belongs to.
    const by = [];
    for (const hit of covers.keys()) {
      let w = hit;
      while (w && !(M.widgetRole(w) && M.focusable(w))) w = M.composedParent(w);
      const cover = w && !w.contains(el) ? w : hit;
      if (!by.some((b) => b.el === cover)) by.push({ el: cover, widget: cover === w });
    }
    return { samples, own, by: by.slice(0, 6) };
  };

  M.targets = function () {
    const items = [];
    let total = 0, hitTested = 0;
    for (const [el, offset, prefix] of U.all) {
      if (M.SKIP_TAGS.has(el.tagName) || el.tagName === "AREA") continue;
      if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") continue;
      // Cheap pre-filter: only native controls, explicit roles, tabindex or contenteditable.
      if (!M.NATIVE_FOCUSABLE.test(el.tagName) && !el.hasAttribute("role") && !el.hasAttribute("tabindex") &&
          !el.hasAttribute("contenteditable")) continue;
      const role = M.widgetRole(el);
      if (!role || !M.focusable(el)) continue;
      if (items.length >= M.MAX_TARGETS) { total++; continue; } // counted, not measured
      const cs = getComputedStyle(el);
      if (!M.shown(el, cs)) continue;
      const tabbable = M.inTabOrder(el);
      // axe-core: a nested widget taken out of the tab order is part of its parent widget.
      if (!tabbable) {
        let a = M.composedParent(el), nested = false;
        while (a && !nested) { nested = !!(M.widgetRole(a) && M.inTabOrder(a)); a = M.composedParent(a); }
        if (nested) continue;
      }
      total++;
      const r = el.getBoundingClientRect();
      const item = {
        // No accessible name here: core has it for links, buttons and fields (same selector),
        // and computing it again costs an innerText per target.
        selector: prefix + U.selector(el), tag: el.tagName.toLowerCase(), role,
        rect: M.pageRect(r, offset), display: cs.display,
        in_text: M.inTextBlock(el), tabbable,
      };
      if (el.tagName === "A" && el.hasAttribute("href")) item.href = el.href;
      if (el.firstElementChild && M.contentOverflows(el, r)) item.content_overflows = true;
      const layer = M.fixedLayer(el, cs);
      if (layer) item.layer = prefix + U.selector(layer);
      if (cs.display === "inline") {
        const rects = Array.from(el.getClientRects()).filter((c) => c.width > 0 && c.height > 0).slice(0, 6);
        if (rects.length > 1) item.rects = rects.map((c) => M.pageRect(c, offset));
      }
      if (hitTested < M.MAX_HIT_TESTED) {
        const cover = M.coverOf(el, r);
        if (cover) {
          hitTested++;
          item.hit = { samples: cover.samples, own: cover.own };
          if (cover.by.length) {
            item.covered_by = cover.by.map((c) => ({
              selector: prefix + U.selector(c.el), widget: c.widget,
              rect: M.pageRect(c.el.getBoundingClientRect(), offset) }));
          }
        }
      }
      items.push(item);
    }
    // total: targets found; past MAX_TARGETS they are counted without checking visibility.
    return { items, total, truncated: total > items.length, hit_tested: hitTested,
             scroll: { x: window.scrollX, y: window.scrollY } };
  };

  const t0 = performance.now();
  const viewports = Array.from(document.querySelectorAll("meta[name]"))
    .filter((m) => (m.getAttribute("name") || "").trim().toLowerCase() === "viewport")
    .map((m) => m.getAttribute("content"));
  const out = { viewport_metas: viewports, timing: {} };
  for (const name of ["text", "overflow", "targets"]) {
    const t = performance.now();
    try { out[name] = M[name](); } catch (e) { out[name] = null; out.errors = Object.assign(out.errors || {}, { [name]: String(e && e.stack || e) }); }
    out.timing[name + "_ms"] = U.round(performance.now() - t);
  }
  out.timing.total_ms = U.round(performance.now() - t0);
  return out;
};
