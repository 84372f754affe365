import type { AppLoadContext } from "@remix-run/node";
import { D, type Dec, toAmountString } from "~/domain/money";
import type { DeliveryRule } from "~/domain/orders";
import { deliveryFeeQuote } from "~/models/orders/checkout.server";
import type { MessageKey, Translate } from "~/utils/i18n";

type Db = AppLoadContext["db"];

/**
 * The checkout's delivery part (ADR 010, distance bands): per station the rule, the band choices
 * each with the fee deliveryFeeQuote gives for this station's goods, and reading the buyer's
 * choice back. Fees go out as decimal strings; the checkout page words the rule and the fees
 * (ADR 019). Without JavaScript the page cannot re-price as the buyer picks, so every
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
  /** The fee for this station's goods, a decimal string ("0.00" when nothing: shown as free). */
  fee: string;
}

/**
 * The station's rule, for the checkout to put in words: amounts as decimal strings; `banded` when
 * the fee goes by the buyer's distance (then `flatFee` is the fee beyond the last band).
 */
export type DeliveryRuleView = { offered: false } | { offered: true; banded: boolean; flatFee: string; freeAbove: string | null };

export interface StationDelivery {
  offered: boolean;
  rule: DeliveryRuleView;
  /** With bands: what the buyer picks from; null: the flat fee applies, `flatFee` says how much. */
  bands: BandChoice[] | null;
  flatFee: string | null;
}

/** A quoted fee as a decimal string; a station that quotes none charges nothing. */
function feeAmount(fee: string | null): string {
  return fee === null ? "0.00" : toAmountString(new D(fee));
}

function ruleView(rule: DeliveryRule): DeliveryRuleView {
  if (!rule.offered) return { offered: false };
  return {
    offered: true,
    banded: (rule.bands ?? []).length > 0,
    flatFee: toAmountString(new D(rule.flatFee)),
    freeAbove: rule.freeAbove === null ? null : toAmountString(new D(rule.freeAbove)),
  };
}

/** One station's delivery as the checkout shows it, priced for its goods worth `subtotal`. */
export async function stationDelivery(db: Db, a: { stationId: string; subtotal: Dec }, t: Translate): Promise<StationDelivery> {
  const subtotal = toAmountString(a.subtotal);
  const flat = await deliveryFeeQuote(db, { stationId: a.stationId, subtotal });
  const rule = flat.rule;
  if (!rule.offered) return { offered: false, rule: ruleView(rule), bands: null, flatFee: null };
  const bands = rule.bands ?? [];
  if (bands.length === 0) return { offered: true, rule: ruleView(rule), bands: null, flatFee: feeAmount(flat.fee) };
  const choices: BandChoice[] = [];
  for (const b of bands) {
    const quote = await deliveryFeeQuote(db, { stationId: a.stationId, subtotal, band: b.upToKm });
    choices.push({ value: b.upToKm, distance: t("orders.checkout.bandUpTo", { km: b.upToKm }), fee: feeAmount(quote.fee) });
  }
  choices.push({ value: FAR, distance: t("orders.checkout.bandFar", { km: bands[bands.length - 1]!.upToKm }), fee: feeAmount(flat.fee) });
  return { offered: true, rule: ruleView(rule), bands: choices, flatFee: null };
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
