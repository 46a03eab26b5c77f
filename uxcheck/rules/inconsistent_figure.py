"""The same figure (a balance, available credit, an order total) shows different values on
different steps or devices of one flow.

What it catches
A labelled money figure (from the packs' vocabularies: balance, available balance, available
credit, opening and closing balance, total, order total) that belongs to the same account, card or
order shows one value on one step of a customer journey and another value on a later step, or one
value on the desktop view of a page and another on its phone view, with nothing in between that
could have changed it.

Why it hurts customers
A customer who sees "Available balance £1,842.16" on the overview and "£1,824.16" one click later
cannot tell which one is true. They stop trusting every number in the portal, call the helpline,
or decide about a payment on the wrong figure. Stale caches, a second back-end, rounding in one
view and a different cut-off time in another all produce this.

Example
Bad: the accounts overview card "Current account ••••4821 - Available balance £1,842.16", and the
account page it links to "Current account ••••4821 - Available balance £1,824.16".
Good: both pages read the same figure from the same source and show £1,842.16 (or say "as of
09:14" and "pending transactions included" when they really are different figures, with
different labels).

How to fix
Show a figure from one source everywhere; when two views mean different things, give them
different labels ("Balance" and "Available balance", "Items total" and "Order total incl.
delivery") and say what each includes. Check the phone layout uses the same data as the desktop
one.

Not flagged
Different accounts, cards or orders (their number or their own heading differs); figures after a
step that may change them (a payment the flow was allowed to send, a filled, selected or ticked
form field such as a delivery option or a statement period); a different label ("Balance" and
"Available balance" are different figures); the same amount written with different signs or
rounding ("£1,842" and "£1,842.16"); amounts in different currencies; a label that appears several
times on one page with different values (a list of statements). When the flow also sent writes
while another device was running, or when two pages each show one figure with this label but
under different headings and with no account or order number, the finding asks for a review.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator, Sequence

from uxcheck.model import Capture, Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.figures import PERIOD_CONCEPTS, Figure, labelled_figures, period_scope

RULE_ID = "inconsistent-figure"


@dataclass(frozen=True)
class _Seen:
    index: int  # into captures
    capture: Capture
    figure: Figure


def _figures(cap: Capture, packs: Any) -> list[Figure]:
    figs = labelled_figures(cap.snapshot, packs)
    # A label with several values under one context on one page is a list (statements, months),
    # not one figure: it cannot be compared.
    values: dict[tuple, set[Decimal]] = {}
    for f in figs:
        values.setdefault((f.label, f.ident, f.heading), set()).add(f.money.amount)
    return [f for f in figs if len(values[(f.label, f.ident, f.heading)]) == 1]


def _same_thing(a: Figure, b: Figure, unique_a: bool, unique_b: bool) -> bool | None:
    """Do two figures with one label belong to the same account/order? True, False or None (unsure)."""
    if a.label != b.label:
        return False
    if a.ident and b.ident:
        return a.ident == b.ident
    if a.heading and b.heading and a.heading == b.heading:
        return True
    if (a.ident or b.ident) and a.local and b.local:
        return False  # one names its account, the other names a different card heading
    if unique_a and unique_b and not (a.ident or b.ident):
        # Each page shows one such figure and neither names an account or order: a specific label
        # ("Order total", "Available balance") is the same figure of the same journey; a bare
        # "Total" may total different things, so a person should look.
        return True if _specific(a.label) else None
    return False


def _specific(label: str) -> bool:
    return len(label.split()) >= 2 or (len(label) >= 3 and not label.isascii())


def _differ(a: Figure, b: Figure) -> bool:
    ma, mb = a.money, b.money
    if ma.currency and mb.currency and ma.currency != mb.currency:
        return False
    x, y = abs(ma.amount), abs(mb.amount)
    if x == y:
        return False  # the same amount with another sign convention ("-£50.00" / "£50.00 owed")
    if min(ma.decimals, mb.decimals) == 0 and abs(x - y) < 1:
        return False  # one view rounds to whole units
    return True


def _comparable_state(a: Capture, b: Capture) -> bool:
    return a.inputs_changed == b.inputs_changed and a.writes_sent == b.writes_sent


def _same_period(a: Capture, b: Capture, packs: Any) -> bool:
    """Statement totals and closing balances belong to a period: two pages about different months
    (a click from October to September) show different ones, legitimately."""
    if a.url == b.url:
        return True
    return period_scope(a.snapshot, packs) == period_scope(b.snapshot, packs)


def _where(cap: Capture) -> str:
    return f'the step "{cap.step_name}" ({cap.device})'


def _owner(f: Figure) -> str:
    if f.ident and f.heading and f.ident.lower() not in f.heading:
        return f" of {f.heading} ({f.ident})"
    if f.heading and f.local:
        return f" of {f.heading}"
    if f.ident:
        return f" of {f.ident}"
    return ""


def _finding(here: _Seen, there: _Seen, cross_device: bool, review: bool) -> Finding:
    f, g = here.figure, there.figure
    if cross_device:
        msg = (f'The {f.label}{_owner(f)} reads {f.money.text} on {here.capture.device} but '
               f'{g.money.text} on {there.capture.device} for the same page "{here.capture.step_name}".')
    else:
        msg = (f'The {f.label}{_owner(f)} reads {f.money.text} here but {g.money.text} on '
               f'{_where(there.capture)} earlier in this journey, with nothing in between that could change it.')
    if review:
        msg += " Please check whether both figures really are the same one."
    evidence = {
        "capture": here.index,
        "label": f.label,
        "value": f.money.text,
        "amount": str(f.money.amount),
        "other_value": g.money.text,
        "other_amount": str(g.money.amount),
        "other_step": there.capture.step_name,
        "other_device": there.capture.device,
        "other_url": there.capture.url,
        "other_selector": g.selector,
        "account_or_order": f.ident,
        "context": f.heading,
    }
    key = f"{f.label}|{f.ident or f.heading or ''}|{there.capture.step_name}|{there.capture.device}"
    return Finding(msg, selector=f.selector, evidence=evidence, review=review, key=key)


@declare(id=RULE_ID, category="journey", severity="serious", scope="flow",
         summary="The same figure (balance, available credit, order total) shows different values on different steps or devices of one flow.")
def rule(captures: Sequence[Capture], ctx: Any) -> Iterator[Finding]:
    ok = [(i, c) for i, c in enumerate(captures) if c.status == "ok" and c.snapshot is not None]
    figs = {i: _figures(c, ctx.packs) for i, c in ok}
    counts = {i: {} for i, _ in ok}
    for i, fl in figs.items():
        for f in fl:
            counts[i][f.label] = counts[i].get(f.label, 0) + 1
    devices = sorted({c.device for _, c in ok})
    # Writes sent while figures were on screen: another device's run may have changed them.
    writes_vary = len({c.writes_sent for i, c in ok if figs[i]}) > 1
    concurrent_risk = writes_vary and len(devices) > 1
    reported: set[tuple] = set()

    # 1. Along each device's journey: each figure against its latest earlier sighting.
    for device in devices:
        seq = sorted(((i, c) for i, c in ok if c.device == device), key=lambda ic: ic[1].step_index)
        for pos, (i, cap) in enumerate(seq):
            for f in figs[i]:
                for j, earlier in reversed(seq[:pos]):
                    if not _comparable_state(earlier, cap):
                        continue
                    candidates = [(g, _same_thing(f, g, counts[i][f.label] == 1, counts[j].get(g.label) == 1))
                                  for g in figs[j]]
                    match = next(((g, s) for g, s in candidates if s is True), None) or \
                        next(((g, s) for g, s in candidates if s is None), None)
                    if match is None:
                        continue
                    g, same = match
                    if f.concept in PERIOD_CONCEPTS and not _same_period(cap, earlier, ctx.packs):
                        break
                    if _differ(f, g) and (i, f.selector, f.label) not in reported:
                        reported.add((i, f.selector, f.label))
                        yield _finding(_Seen(i, cap, f), _Seen(j, earlier, g), False,
                                       review=same is None or concurrent_risk)
                    break  # the latest sighting decides

    # 2. The same step on another device: the same page, figure by figure in page order.
    if len(devices) < 2 or writes_vary:
        return
    by_step: dict[tuple[int, str], dict[str, int]] = {}
    for i, c in ok:
        by_step.setdefault((c.step_index, c.step_name), {})[c.device] = i
    for (_, _), per_device in by_step.items():
        ref_device = _reference_device(per_device, captures)
        ri = per_device[ref_device]
        for device, i in per_device.items():
            if device == ref_device or not _comparable_state(captures[ri], captures[i]):
                continue
            ref = {(g.label, g.ordinal): g for g in figs[ri]}
            for f in figs[i]:
                same = [g for g in figs[ri] if _same_thing(f, g, False, False) is True]
                if len(same) == 1:
                    g = same[0]
                elif counts[i].get(f.label) == counts[ri].get(f.label):
                    # The same page shows the label as often on both: the n-th is the n-th.
                    g = ref.get((f.label, f.ordinal))
                else:
                    continue  # one layout leaves some out: which is which is not certain
                if g is None or (f.ident and g.ident and f.ident != g.ident):
                    continue
                if _differ(f, g) and (i, f.selector, f.label) not in reported:
                    reported.add((i, f.selector, f.label))
                    yield _finding(_Seen(i, captures[i], f), _Seen(ri, captures[ri], g), True, review=False)


def _reference_device(per_device: dict[str, int], captures: Sequence[Capture]) -> str:
    """The desktop view when there is one: phone views are compared against it."""
    def is_phone(device: str) -> bool:
        snap = captures[per_device[device]].snapshot
        return bool(getattr(snap, "is_mobile", False)) or device != "desktop"

    return sorted(per_device, key=lambda d: (is_phone(d), d))[0]
