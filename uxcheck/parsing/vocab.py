"""Label vocabularies for statements, balances and order summaries.

The words come from the rule packs (``labels:`` in ``rules/*.yaml``, all built-in packs plus the
active ones, so a page that doesn't trip the banking pack's signals still has its balance labels
read) and from the fallbacks below, which cover the languages the packs don't list yet.
A label is classified by the most specific concept whose wording it contains as whole words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

# Concept -> extra wordings (all languages together). Pack labels are merged in.
FALLBACK: dict[str, tuple[str, ...]] = {
    "opening_balance": ("opening balance", "previous balance", "balance brought forward", "brought forward",
                        "starting balance", "beginning balance", "balance b/f", "anfangssaldo", "alter saldo",
                        "saldo alt", "alter kontostand", "saldovortrag", "anfangsbestand", "solde initial",
                        "solde précédent", "ancien solde", "solde d'ouverture", "solde au début", "saldo inicial",
                        "saldo anterior", "saldo de apertura", "beginsaldo", "vorig saldo", "saldo anterior",
                        "saldo inicial", "前回残高", "前月残高", "繰越残高", "期首残高"),
    "closing_balance": ("closing balance", "new balance", "ending balance", "balance carried forward",
                        "carried forward", "statement balance", "balance c/f", "endsaldo", "neuer saldo", "saldo neu",
                        "neuer kontostand", "schlusssaldo", "solde final", "nouveau solde", "solde de clôture",
                        "solde à la fin", "saldo final", "nuevo saldo", "saldo de cierre", "eindsaldo",
                        "nieuw saldo", "saldo atual", "saldo final", "今回残高", "期末残高", "ご請求残高"),
    "other_period": ("year to date", "year-to-date", "ytd", "since last statement", "lifetime", "all time",
                     "last 12 months", "this year", "seit jahresbeginn", "seit dem letzten auszug", "letzte 12 monate",
                     "depuis le début de l'année", "depuis le dernier relevé", "12 derniers mois", "cumul annuel",
                     "en lo que va del año", "desde el último extracto", "últimos 12 meses", "acumulado del año",
                     "dit jaar", "sinds begin van het jaar", "no ano", "acumulado no ano", "desde o último extrato",
                     "年初来", "年間累計"),
    "page_total": ("page total", "total this page", "total on this page", "seitensumme", "summe dieser seite",
                   "total de la page", "total de la página", "total página", "paginatotaal", "total da página",
                   "ページ合計"),
    "subtotal": ("subtotal", "sub-total", "sub total", "items subtotal", "merchandise subtotal", "item subtotal",
                 "items", "zwischensumme", "sous-total", "subtotaal", "小計", "商品小計", "warenwert",
                 # amounts before tax, which the tax line is added to
                 "net amount", "amount before tax", "total before tax", "nettobetrag", "netto", "summe netto",
                 "gesamt netto", "total ht", "montant ht", "sous-total ht", "base imponible", "importe neto",
                 "subtotaal excl. btw", "totaal excl. btw", "excl. btw", "bedrag excl. btw", "valor líquido",
                 "税抜合計", "税抜金額"),
    "shipping": ("shipping", "delivery", "postage", "shipping & handling", "shipping and handling", "versand",
                 "versandkosten", "lieferung", "livraison", "frais de port", "frais de livraison", "envío",
                 "gastos de envío", "verzendkosten", "verzending", "bezorging", "frete", "entrega", "送料", "配送料"),
    "tax": ("tax", "vat", "sales tax", "estimated tax", "gst", "mwst", "mehrwertsteuer", "ust", "umsatzsteuer",
            "tva", "taxes", "iva", "impuestos", "btw", "impostos", "消費税", "税"),
    "tax_included": ("incl", "inkl", "included", "including", "includes", "enthalten", "inclus", "inclue", "dont",
                     "incluido", "incluidos", "incluye", "inclusief", "incl.", "incluso", "incluído", "込", "税込",
                     "内税"),
    "discount": ("discount", "promo", "promotion", "coupon", "savings", "voucher", "gift card", "rabatt",
                 "gutschein", "nachlass", "remise", "réduction", "code promo", "bon d'achat", "descuento", "cupón",
                 "korting", "desconto", "cupom", "割引", "クーポン", "値引"),
    "total": ("total", "grand total", "order total", "total amount", "amount due", "total due", "sum", "net total",
              "balance due", "total to pay", "totals", "summe", "gesamt", "gesamtbetrag", "gesamtsumme", "endbetrag",
              "zu zahlen", "rechnungsbetrag", "montant total", "total ttc", "somme", "total à payer", "importe total",
              "suma", "total a pagar", "totaal", "totaalbedrag", "te betalen", "valor total", "total a pagar",
              "合計", "総額", "お支払い金額", "ご請求金額", "net", "net change", "net movement"),
    "money_in": ("credits", "credit", "deposits", "deposit", "money in", "paid in", "payments and credits",
                 "payments", "payment", "refunds", "incoming", "haben", "gutschriften", "gutschrift", "eingänge",
                 "eingang", "zahlungseingänge", "crédit", "crédits", "entrées", "versements", "abono", "abonos",
                 "ingresos", "haber", "créditos", "bij", "bijschrijvingen", "bijgeschreven", "ontvangsten", "ontvangen",
                 "entradas", "créditos", "recebimentos", "pagamentos", "depósitos", "einzahlungen", "dépôts",
                 "入金", "お預入れ", "ご入金"),
    "money_out": ("debits", "debit", "withdrawals", "withdrawal", "money out", "paid out", "purchases", "charges",
                  "fees", "interest charged", "outgoing", "soll", "belastungen", "lastschriften", "ausgänge",
                  "ausgang", "abbuchungen", "débit", "débits", "sorties", "achats", "prélèvements", "cargo", "cargos",
                  "compras", "retiros", "débitos", "debe", "gastos", "af", "afschrijvingen", "afgeschreven", "uitgaven",
                  "saídas", "débitos", "saques", "auszahlungen", "retraits",
                  "出金", "お引出し", "ご利用金額"),
    "balance": ("balance", "running balance", "account balance", "current balance", "available balance",
                "kontostand", "saldo", "solde", "残高"),
    "pending": ("pending", "pending transactions", "authorisations", "authorizations", "not yet posted", "upcoming",
                "scheduled", "vorgemerkt", "vorgemerkte umsätze", "vormerkungen", "ausstehend", "geplant",
                "en attente", "en cours", "opérations à venir", "à venir", "pendiente", "pendientes",
                "en proceso", "programados", "in behandeling", "gepland", "nog te verwerken", "pendente",
                "pendentes", "agendado", "agendados", "未確定", "保留", "予定"),
    "quantity": ("qty", "qty.", "quantity", "units", "pcs", "menge", "anzahl", "stück", "stk", "quantité", "qté",
                 "cantidad", "cant", "uds", "ud", "unidades", "unid", "aantal", "stuks", "quantidade", "qtd", "qtde",
                 "数量", "個数"),
    # Headers that say the amount is per unit; a bare "Price" next to a quantity may be either.
    "unit_price": ("unit price", "price each", "each", "per item", "per unit", "einzelpreis", "stückpreis",
                   "preis/stk", "prix unitaire", "p.u.", "pu", "precio unitario", "precio/ud", "stukprijs",
                   "prijs per stuk", "preço unitário", "valor unitário", "単価"),
    "price": ("price", "preis", "prix", "precio", "prijs", "preço", "価格", "値段"),
    "rate": ("rate", "rates", "interest rate", "apr", "apy", "aer", "exchange rate", "fee", "fees", "charge per",
             "zins", "zinssatz", "kurs", "wechselkurs", "gebühr", "entgelt", "taux", "tarif", "frais", "tipo",
             "tipo de cambio", "tasa", "comisión", "comisiones", "rente", "koers", "tarief", "taxa", "tarifa", "câmbio",
             "金利", "手数料", "レート"),
    # Figures a statement summary shows that are not movements of the period.
    "not_movement": ("minimum", "minimum payment", "due", "payment due", "limit", "credit limit", "available",
                     "available credit", "cash limit", "mindestbetrag", "mindestzahlung", "fällig", "verfügbar",
                     "kreditlinie", "kreditrahmen", "verfügungsrahmen", "minimum à payer", "plafond", "disponible",
                     "échéance", "límite", "mínimo", "pago mínimo", "beschikbaar", "limiet", "minimumbedrag",
                     "limite", "pagamento mínimo", "disponível", "vencimento", "利用可能", "限度", "最低"),
    # Headings of lists whose rows are whole orders (each amount is already that order's total).
    "orders_list": ("your orders", "my orders", "order history", "past orders", "recent orders", "orders",
                    "meine bestellungen", "bestellungen", "bestellübersicht", "mes commandes", "historique des commandes",
                    "mis pedidos", "historial de pedidos", "je bestellingen", "mijn bestellingen", "bestellingen",
                    "meus pedidos", "histórico de pedidos", "注文履歴", "ご注文履歴"),
    # Headings under which undated lines are still lines to add up (a cart, an order, an invoice).
    "order_context": ("cart", "shopping cart", "basket", "shopping basket", "bag", "shopping bag", "your order",
                      "order", "order details", "order summary", "invoice", "receipt", "bill", "warenkorb",
                      "bestellung", "rechnung", "einkaufswagen", "panier", "commande", "facture", "reçu", "carrito",
                      "cesta", "pedido", "factura", "recibo", "winkelwagen", "winkelmandje", "bestelling", "factuur",
                      "carrinho", "sacola", "fatura", "nota fiscal", "カート", "買い物かご", "ご注文", "注文内容",
                      "請求書", "領収書"),
    "statement": ("statement", "transactions", "activity", "account activity", "order", "orders", "invoice",
                  "receipt", "cart", "basket", "bag", "umsätze", "kontoauszug", "buchungen", "bestellung", "rechnung",
                  "warenkorb", "relevé", "opérations", "mouvements", "commande", "facture", "panier", "extracto",
                  "movimientos", "pedido", "factura", "carrito", "cesta", "afschrift", "transacties", "bestelling",
                  "factuur", "winkelwagen", "extrato", "lançamentos", "fatura", "carrinho", "sacola", "明細",
                  "取引", "注文", "請求", "カート"),
}

# The order in which concepts win when a label holds several ("Total credits" is money_in, not total).
PRECEDENCE = ("opening_balance", "closing_balance", "page_total", "other_period", "subtotal", "shipping", "tax",
              "discount", "money_in", "money_out", "total", "balance")

PACK_CONCEPTS = {"opening_balance": "opening_balance", "closing_balance": "closing_balance",
                 "other_period": "other_period", "subtotal": "subtotal", "shipping": "shipping", "tax": "tax",
                 "discount": "discount", "total": "total", "balance": "balance", "pending": "pending"}


_ITEMS_COUNT = re.compile(
    r"^(?:items?|products?|articles?|artikel|produits?|productos?|artículos?|produtos?|itens|artigos|"
    r"artikelen|producten|商品)\s*(?:\(\s*\d+\s*\))?\s*[:：]?$", re.IGNORECASE)


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({w.lower().strip() for w in words if w and w.strip()}, key=len, reverse=True)
    cjk = [re.escape(w) for w in alts if re.search(r"[\u3040-\u9fff]", w)]
    latin = [re.escape(w) for w in alts if not re.search(r"[\u3040-\u9fff]", w)]
    parts = []
    if latin:
        parts.append(r"(?<![^\W_])(?:" + "|".join(latin) + r")(?![^\W_])")
    if cjk:
        parts.append("(?:" + "|".join(cjk) + ")")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    patterns: dict[str, re.Pattern[str]]

    def has(self, concept: str, text: str) -> bool:
        p = self.patterns.get(concept)
        return bool(p and text and p.search(text))

    def find(self, concept: str, text: str) -> re.Match[str] | None:
        p = self.patterns.get(concept)
        return p.search(text) if p and text else None

    def classify(self, label: str, among: tuple[str, ...] = PRECEDENCE) -> str | None:
        """The most specific amount concept a label names (of ``among``), or None."""
        if not label:
            return None
        if "subtotal" in among and _ITEMS_COUNT.match(label.strip()):
            return "subtotal"  # "Items (3):", "Artikel (2)": the goods before charges
        if "total" in among and self.has("total", label) and self.has("tax_included", label) \
                and not self.has("subtotal", label):
            return "total"  # "Total (IVA incluido)", "Gesamtsumme inkl. MwSt."
        for concept in among:
            if self.has(concept, label):
                if concept in ("money_in", "money_out") and self.has("not_movement", label):
                    continue  # "Credit limit", "Available credit": a facility, not money that moved
                return concept
        return None


@lru_cache(maxsize=16)
def _vocabulary(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    words: dict[str, set[str]] = {k: set(v) for k, v in FALLBACK.items()}
    for concept, ws in extra:
        words.setdefault(concept, set()).update(ws)
    # "balance due" is a total, not a running balance; "items" alone must not make "items" rows subtotals.
    return Vocabulary({k: _pattern(v) for k, v in words.items()})


def vocabulary(ctx: Any = None) -> Vocabulary:
    """Fallback wordings plus those of every built-in pack and of the packs active in ``ctx``."""
    from uxcheck.packs import ActivePacks, builtin_packs

    extra: dict[str, set[str]] = {}
    sources = [ActivePacks(builtin_packs())]
    if ctx is not None and getattr(ctx, "packs", None) is not None:
        sources.append(ctx.packs)
    for packs in sources:
        for concept in PACK_CONCEPTS:
            try:
                extra.setdefault(concept, set()).update(packs.words(concept))
            except Exception:  # a pack object without words(): keep the fallbacks
                continue
    return _vocabulary(tuple(sorted((k, tuple(sorted(v))) for k, v in extra.items())))
