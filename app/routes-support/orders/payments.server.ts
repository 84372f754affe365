import { type DomainError, isDomainError } from "~/domain/errors";
import { describeRefusal } from "~/routes-support/refusals.server";
import type { Lang, Translate } from "~/utils/i18n";
import type { RefusalTable } from "~/utils/refusal";

/**
 * How the payment screens read a refused payment step (ADR 011, 017): the pay page in words,
 * the gateway's webhook in what it must answer. Anything that is not a DomainError is rethrown.
 */

/** On the pay page a gateway that refuses the request is as good as one that is down: the order page offers to pay later. */
const PAY_REFUSALS: RefusalTable = {
  payments: { GATEWAY_REFUSED: { key: "orders.checkout.paymentUnavailable", field: "form", kind: "unavailable" } },
};

/** A refused step of paying (starting or confirming a payment), in words, with its kind. */
export function paymentRefusal(error: unknown, { t, lang }: { t: Translate; lang: Lang }) {
  if (!isDomainError(error)) throw error;
  return describeRefusal(error, { t, lang, table: PAY_REFUSALS });
}

const WEBHOOK_REFUSALS = {
  BAD_SIGNATURE: "bad_signature",
  GATEWAY_REFUSED: "gateway_refused",
  GATEWAY_UNAVAILABLE: "gateway_unavailable",
} as const;

export type WebhookRefusal = (typeof WEBHOOK_REFUSALS)[keyof typeof WEBHOOK_REFUSALS];

const isWebhookCode = (error: DomainError): error is DomainError<keyof typeof WEBHOOK_REFUSALS> =>
  error.feature === "payments" && Object.prototype.hasOwnProperty.call(WEBHOOK_REFUSALS, error.code);

/**
 * What a webhook delivery ran into, when it is one the gateway is answered for: a bad signature
 * (400, nothing written), an object the gateway refuses to show (acknowledged and ignored:
 * retrying cannot help), the gateway unreachable (503: it delivers again). Anything else is
 * rethrown, so a bug is a 500 and the gateway retries.
 */
export function webhookRefusal(error: unknown): WebhookRefusal {
  if (!isDomainError(error) || !isWebhookCode(error)) throw error;
  return WEBHOOK_REFUSALS[error.code];
}
