import type { AppLoadContext } from "@remix-run/node";
import { D, type Dec, formatCNY, toAmountString } from "~/domain/money";
import type { DeliveryRule } from "~/domain/orders";
import { deliveryFeeQuote } from "~/models/orders/checkout.server";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";

type Db = AppLoadContext["db"];

/**
 * The checkout's delivery part (ADR 010, distance bands): per station the rule in words, the
 * band choices each with the fee deliveryFeeQuote gives for this station's goods, and reading the
 * buyer's choice back. Without JavaScript the page cannot re-price as the buyer picks, so every
 * choice carries its own fee; placeCheckout re-computes the fee from the rule as it is then.
 */

/** The form field of one station's band choice. */
export const bandField = (stationId: string) => `band-${stationId}`;
/** The choice "beyond every band": the station's flat fee, no distance declared. */
export const FAR = "far";

export interface BandChoice {
  value: string;
  /** "≤15 km" / "farther". */
  distance: string;
  label: string;
  /** The fee for this station's goods, formatted ("免费" when nothing). */
  fee: string;
}

export interface StationDelivery {
  offered: boolean;
  /** The rule in words. */
  rule: string;
  /** With bands: what the buyer picks from; null: the flat fee applies, `flatFee` says how much. */
  bands: BandChoice[] | null;
  flatFee: string | null;
}

function feeText(fee: string | null, lang: Lang, t: Translate): string {
  return fee === null || new D(fee).isZero() ? t("orders.checkout.free") : formatCNY(new D(fee), lang);
}

function ruleText(rule: DeliveryRule, station: string, lang: Lang, t: Translate): string {
  if (!rule.offered) return t("orders.checkout.noDelivery", { station });
  if ((rule.bands ?? []).length > 0) {
    return rule.freeAbove === null
      ? t("orders.checkout.deliveryRuleBands", { station })
      : t("orders.checkout.deliveryRuleBandsFree", { station, freeAbove: formatCNY(new D(rule.freeAbove), lang) });
  }
  const fee = formatCNY(new D(rule.flatFee), lang);
  return rule.freeAbove === null
    ? t("orders.checkout.deliveryRuleFlat", { station, fee })
    : t("orders.checkout.deliveryRule", { station, fee, freeAbove: formatCNY(new D(rule.freeAbove), lang) });
}

/** One station's delivery as the checkout shows it, priced for its goods worth `subtotal`. */
export async function stationDelivery(db: Db, a: { stationId: string; name: string; subtotal: Dec }, lang: Lang, t: Translate): Promise<StationDelivery> {
  const subtotal = toAmountString(a.subtotal);
  const flat = await deliveryFeeQuote(db, { stationId: a.stationId, subtotal });
  const rule = flat.rule;
  if (!rule.offered) return { offered: false, rule: ruleText(rule, a.name, lang, t), bands: null, flatFee: null };
  const bands = rule.bands ?? [];
  if (bands.length === 0) return { offered: true, rule: ruleText(rule, a.name, lang, t), bands: null, flatFee: feeText(flat.fee, lang, t) };
  const choices: BandChoice[] = [];
  for (const b of bands) {
    const quote = await deliveryFeeQuote(db, { stationId: a.stationId, subtotal, band: b.upToKm });
    const fee = feeText(quote.fee, lang, t);
    const distance = t("orders.checkout.bandUpTo", { km: b.upToKm });
    choices.push({ value: b.upToKm, distance, fee, label: t("orders.checkout.bandOption", { distance, fee }) });
  }
  const fee = feeText(flat.fee, lang, t);
  const distance = t("orders.checkout.bandFar", { km: bands[bands.length - 1]!.upToKm });
  choices.push({ value: FAR, distance, fee, label: t("orders.checkout.bandOption", { distance, fee }) });
  return { offered: true, rule: ruleText(rule, a.name, lang, t), bands: choices, flatFee: null };
}

/**
 * The bands the buyer chose, for placeCheckout's `deliveryBands` (a station left out pays its flat
 * fee), or field errors: a banded station with nothing chosen, or a choice that is not one of its
 * bands as they are now (the rule changed since the page was shown, or a hand-made request).
 */
export function chosenBands(
  stations: readonly { stationId: string; delivery: StationDelivery }[],
  values: Record<string, string>,
): { ok: true; bands: Record<string, string> } | { ok: false; errors: Record<string, MessageKey> } {
  const bands: Record<string, string> = {};
  const errors: Record<string, MessageKey> = {};
  for (const s of stations) {
    if (!s.delivery.bands) continue;
    const field = bandField(s.stationId);
    const chosen = (values[field] ?? "").trim();
    if (chosen === "") errors[field] = "orders.checkout.error.band";
    else if (!s.delivery.bands.some((b) => b.value === chosen)) errors[field] = "orders.checkout.error.badBand";
    else if (chosen !== FAR) bands[s.stationId] = chosen;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, bands };
}
