"""The view model of the HTML report: flows grouped from runs, steps aligned across devices,
findings numbered and placed on their step's screenshots.

Pure data out of a results dict; no HTML here (templates do the markup and the escaping).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..model import severity_rank
from .evidence import EvidenceLine, describe
from .ruledocs import RuleInfo
from .safety import safe_href, safe_relative_path, slug
from .tally import category_counts, severity_counts, worst_first_key

MIN_MARK = 6.0  # CSS px: a smaller box would vanish under its own outline


@dataclass
class Mark:
    number: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    severity: str
    category: str
    review: bool
    anchor: str


@dataclass
class Picture:
    """A screenshot (or a crop of the page) with the findings outlined on it."""

    src: str
    width: float
    height: float
    marks: list[Mark] = field(default_factory=list)
    shown_px: float = 500.0  # about how wide the report shows it (a phone's shot gets a narrow column)

    @property
    def label_size(self) -> float:
        # Screenshots are scaled down to their column; size the numbers in picture units so they
        # come out about 12 px on screen, whether the shot is 1280, 980 or 412 px wide.
        return round(max(self.width * 12 / self.shown_px, 10.0), 1)


@dataclass
class FindingView:
    number: int
    anchor: str
    device: str
    rule: RuleInfo
    severity: str
    category: str
    message: str
    selector: str | None
    evidence: list[EvidenceLine]
    html: str | None
    placement: str
    review: bool
    new: bool | None
    crop: Picture | None = None
    fingerprint: str | None = None


@dataclass
class DeviceStep:
    device: str
    device_label: str
    is_mobile: bool
    anchor: str
    status: str
    error: str | None
    url: str | None
    url_href: str | None
    picture: Picture | None
    findings: list[FindingView]
    blocked: list[dict]
    suppressed: int
    missing: bool = False  # this device's run has no such step
    title: str | None = None
    notes: list[str] = field(default_factory=list)  # screenshot or rule errors on this step


@dataclass
class StepRow:
    index: int
    name: str
    anchor: str
    devices: list[DeviceStep]

    @property
    def decided(self) -> list[FindingView]:
        return sorted((f for d in self.devices for f in d.findings if not f.review),
                      key=lambda f: (severity_rank(f.severity), f.number))

    @property
    def reviews(self) -> list[FindingView]:
        return [f for d in self.devices for f in d.findings if f.review]

    @property
    def pictures(self) -> list[DeviceStep]:
        return [d for d in self.devices if not d.missing]


@dataclass
class RunSummary:
    flow: str
    device: str
    anchor: str
    steps: int
    errors: int
    counts: dict[str, int]
    reviews: int
    new: int | None


@dataclass
class FlowView:
    name: str
    page: str
    runs: list[RunSummary]
    steps: list[StepRow]
    counts: dict[str, int]
    categories: dict[str, int]
    reviews: int
    findings: list[dict]

    @property
    def sort_key(self) -> tuple[int, ...]:
        return worst_first_key(self.findings)


def device_label(run: Mapping[str, Any]) -> tuple[str, bool]:
    info = run.get("device_info") or {}
    name = str(info.get("name") or run.get("device") or "device")
    width, height = info.get("width"), info.get("height")
    size = f" {width}×{height}" if isinstance(width, int) and isinstance(height, int) else ""
    is_mobile = bool(info.get("is_mobile")) if "is_mobile" in info else str(run.get("device")) != "desktop"
    return f"{name}{size}", is_mobile


def build_flows(results: Mapping[str, Any], rules: Mapping[str, RuleInfo]) -> list[FlowView]:
    """One FlowView per flow name, runs of the same flow on several devices side by side."""
    grouped: dict[str, list[dict]] = {}
    for run in results.get("runs") or []:
        grouped.setdefault(str(run.get("flow") or "flow"), []).append(run)
    pages: set[str] = set()
    flows = []
    for name, runs in grouped.items():
        page = _unique_page(f"flow-{slug(name, 'flow')}.html", pages)
        flows.append(_flow(name, page, runs, rules))
    return flows


def _unique_page(page: str, taken: set[str]) -> str:
    stem, n = page[: -len(".html")], 2
    while page in taken or page == "index.html":
        page, n = f"{stem}-{n}.html", n + 1
    taken.add(page)
    return page


def _flow(name: str, page: str, runs: list[dict], rules: Mapping[str, RuleInfo]) -> FlowView:
    step_count = max((len(r.get("steps") or []) for r in runs), default=0)
    device_anchors = _device_anchors(runs)
    rows = []
    for index in range(step_count):
        row_anchor = f"step-{index + 1}"
        number = 0
        devices = []
        for run, dev_anchor in zip(runs, device_anchors):
            steps = run.get("steps") or []
            label, is_mobile = device_label(run)
            if index >= len(steps):
                devices.append(DeviceStep(str(run.get("device")), label, is_mobile, f"{row_anchor}-{dev_anchor}",
                                          "missing", None, None, None, None, [], [], 0, missing=True))
                continue
            device_step = _device_step(run, steps[index], label, is_mobile, f"{row_anchor}-{dev_anchor}",
                                       row_anchor, number, rules)
            number += len(device_step.findings)
            devices.append(device_step)
        step_name = next((str(r["steps"][index].get("name") or "") for r in runs
                          if index < len(r.get("steps") or [])), "")
        rows.append(StepRow(index + 1, step_name or f"step {index + 1}", row_anchor, devices))
    all_findings = [f for r in runs for s in r.get("steps") or [] for f in s.get("findings") or []]
    summaries = [
        RunSummary(
            flow=name,
            device=str(run.get("device") or ""),
            anchor=anchor,
            steps=len(run.get("steps") or []),
            errors=sum(1 for s in run.get("steps") or [] if s.get("status") == "error"),
            counts=severity_counts(fs := [f for s in run.get("steps") or [] for f in s.get("findings") or []]),
            reviews=sum(1 for f in fs if f.get("review")),
            new=(sum(1 for f in fs if f.get("new") and not f.get("review"))
                 if any("new" in f for f in fs) else None),
        )
        for run, anchor in zip(runs, device_anchors)
    ]
    return FlowView(
        name=name,
        page=page,
        runs=summaries,
        steps=rows,
        counts=severity_counts(all_findings),
        categories=category_counts(all_findings),
        reviews=sum(1 for f in all_findings if f.get("review")),
        findings=all_findings,
    )


def _device_anchors(runs: list[dict]) -> list[str]:
    taken: set[str] = set()
    anchors = []
    for run in runs:
        base = slug(run.get("device"), "device")
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _device_step(run: dict, step: dict, label: str, is_mobile: bool, anchor: str, row_anchor: str,
                 first_number: int, rules: Mapping[str, RuleInfo]) -> DeviceStep:
    device = str(run.get("device") or "")
    picture = _picture(step.get("screenshot"), step.get("screenshot_size"))
    if picture is not None and is_mobile:
        picture.shown_px = 230.0
    ordered = sorted(step.get("findings") or [],
                     key=lambda f: (bool(f.get("review")), severity_rank(str(f.get("severity")))))
    views = []
    for offset, finding in enumerate(ordered, start=1):
        number = first_number + offset
        views.append(_finding(finding, number, f"{row_anchor}-f{number}", device, picture, rules))
    url = step.get("url") if isinstance(step.get("url"), str) else None
    return DeviceStep(
        device=device,
        device_label=label,
        is_mobile=is_mobile,
        anchor=anchor,
        status=str(step.get("status") or "ok"),
        error=str(step["error"]) if step.get("error") else None,
        url=url,
        url_href=safe_href(url),
        picture=picture,
        findings=views,
        blocked=[b for b in step.get("blocked_requests") or [] if isinstance(b, Mapping)],
        suppressed=int(step.get("suppressed") or 0) if str(step.get("suppressed") or 0).isdigit() else 0,
        title=str(step["title"]) if step.get("title") else None,
        notes=_step_notes(step),
    )


def _step_notes(step: Mapping[str, Any]) -> list[str]:
    """Problems of the audit itself on this step, so a missing finding is not read as a pass."""
    notes = []
    if step.get("screenshot_error"):
        notes.append(f"The screenshot could not be taken: {step['screenshot_error']}")
    for err in step.get("rule_errors") or []:
        if isinstance(err, Mapping):
            notes.append(f"Rule {err.get('rule', '?')} failed on this page and was skipped: {err.get('error', '')}")
    return notes


def _picture(path: Any, size: Any) -> Picture | None:
    src = safe_relative_path(path)
    if not src or not isinstance(size, Mapping):
        return None
    width, height = _num(size.get("width")), _num(size.get("height"))
    if not width or not height or width <= 0 or height <= 0:
        return None
    return Picture(src, width, height)


def _finding(finding: dict, number: int, anchor: str, device: str, picture: Picture | None,
             rules: Mapping[str, RuleInfo]) -> FindingView:
    rid = str(finding.get("rule") or "unknown-rule")
    rule = rules.get(rid) or RuleInfo(rid, str(finding.get("category") or "other"),
                                      str(finding.get("severity") or "minor"), "", installed=False)
    severity = str(finding.get("severity") or rule.severity)
    category = str(finding.get("category") or rule.category)
    review = bool(finding.get("review"))
    bbox = _bbox(finding.get("bbox"))
    crop = _crop(finding.get("crop"), bbox, number, severity, category, review, anchor)
    placement = _place(picture, bbox, number, severity, category, review, anchor, device, crop is not None)
    html_excerpt = finding.get("html")
    return FindingView(
        number=number,
        anchor=anchor,
        device=device,
        rule=rule,
        severity=severity,
        category=category,
        message=str(finding.get("message") or ""),
        selector=str(finding["selector"]) if finding.get("selector") else None,
        evidence=describe(finding.get("evidence")),
        html=str(html_excerpt)[:2000] if html_excerpt else None,
        placement=placement,
        review=review,
        new=finding.get("new") if isinstance(finding.get("new"), bool) else None,
        crop=crop,
        fingerprint=str(finding["fingerprint"]) if finding.get("fingerprint") else None,
    )


def _place(picture: Picture | None, bbox: dict | None, number: int, severity: str, category: str,
           review: bool, anchor: str, device: str, has_crop: bool) -> str:
    """Adds the finding's outline to the screenshot when it is in the picture; says where it is."""
    if bbox is None:
        return "Applies to the page as a whole, not to one element."
    where = (f"{_px(bbox['width'])}×{_px(bbox['height'])} px, {_px(bbox['x'])} px from the left and "
             f"{_px(bbox['y'])} px from the top of the page")
    if picture is None:
        return f"No screenshot of this step; the element is {where}."
    if bbox["y"] >= picture.height or bbox["x"] >= picture.width:
        tail = " (shown in the crop below)" if has_crop else ""
        return f"Below the part of the page in the screenshot: {where}{tail}."
    picture.marks.append(_mark(bbox, number, severity, category, review, anchor, picture.width, picture.height,
                               picture.label_size))
    return f"Outlined as {number} on the {device} screenshot: {where}."


def _mark(bbox: dict, number: int, severity: str, category: str, review: bool, anchor: str,
          width: float, height: float, label: float) -> Mark:
    x = max(0.0, min(bbox["x"], width - MIN_MARK))
    y = max(0.0, min(bbox["y"], height - MIN_MARK))
    w = max(MIN_MARK, min(bbox["width"], width - x))
    h = max(MIN_MARK, min(bbox["height"], height - y))
    radius = label * 0.8
    if w >= 3 * radius and h >= 3 * radius:  # room inside: number in the top-left corner
        cx, cy = x + radius, y + radius
    else:  # a small target: number beside it, so it does not hide what it points at
        cx = x - radius - 2 if x - 2 * radius - 2 >= 0 else x + w + radius + 2
        cy = y + h / 2
    cx = min(max(cx, radius), width - radius)
    cy = min(max(cy, radius), height - radius)
    return Mark(number, round(x, 1), round(y, 1), round(w, 1), round(h, 1), round(cx, 1), round(cy, 1),
                severity, category, review, anchor)


def _crop(crop: Any, bbox: dict | None, number: int, severity: str, category: str, review: bool,
          anchor: str) -> Picture | None:
    """A finding's own crop of the page: a path, or {path, x, y, width, height} of the region it shows."""
    if isinstance(crop, str):
        src, region = safe_relative_path(crop), None
    elif isinstance(crop, Mapping):
        src = safe_relative_path(crop.get("path") or crop.get("src") or crop.get("screenshot"))
        region = _bbox(crop)
    else:
        return None
    if not src:
        return None
    if region is None:
        return Picture(src, bbox["width"] if bbox else 400, bbox["height"] if bbox else 300)
    picture = Picture(src, region["width"], region["height"])
    if bbox is not None:
        local = {"x": bbox["x"] - region["x"], "y": bbox["y"] - region["y"],
                 "width": bbox["width"], "height": bbox["height"]}
        if 0 <= local["x"] < region["width"] and 0 <= local["y"] < region["height"]:
            picture.marks.append(_mark(local, number, severity, category, review, anchor,
                                       picture.width, picture.height, picture.label_size))
    return picture


def _bbox(value: Any) -> dict | None:
    if not isinstance(value, Mapping):
        return None
    box = {k: _num(value.get(k)) for k in ("x", "y", "width", "height")}
    if any(v is None for v in box.values()) or box["width"] < 0 or box["height"] < 0:
        return None
    return box  # type: ignore[return-value]


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return float(value)


def _px(value: float) -> str:
    return f"{value:,.0f}"
