import { DomainError, type ErrorKind } from "./errors";

/**
 * Payments in our terms (ADR 011): what the gateway adapter (app/services/payments.server.ts, the
 * only importer of `stripe`) answers, and the errors of paying and refunding. Pure types, so the
 * payments models depend on this, not on the adapter.
 */

export type SessionStatus = "open" | "complete" | "expired";
export type RefundStatus = "pending" | "succeeded" | "failed" | "canceled" | "requires_action";

export interface GatewaySession {
  id: string;
  /** The hosted payment page; null once the session is complete or expired. */
  url: string | null;
  status: SessionStatus;
  paid: boolean;
  paymentIntentId: string | null;
  /** Yuan, 2 decimals. */
  amount: string;
  checkoutId: string | null;
}

export interface GatewayPaymentIntent {
  id: string;
  succeeded: boolean;
  /** What was actually received, yuan. */
  amountReceived: string;
  checkoutId: string | null;
}

export interface GatewayRefund {
  id: string;
  status: RefundStatus;
  amount: string;
  paymentIntentId: string | null;
  /** Our refunds row id, carried in the refund's metadata. */
  refundRowId: string | null;
}

/** A verified webhook event, reduced to what the handler needs: it re-reads the object itself. */
export interface GatewayEvent {
  id: string;
  type: string;
  created: Date;
  objectType: string;
  objectId: string;
}

export interface CreateSessionInput {
  checkoutId: string;
  attempt: number;
  lines: { name: string; amount: string }[];
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  idempotencyKey: string;
}

export interface CreateRefundInput {
  paymentIntentId: string;
  amount: string;
  refundRowId: string;
  idempotencyKey: string;
}

export interface PaymentsGateway {
  createCheckoutSession(input: CreateSessionInput): Promise<GatewaySession>;
  retrieveCheckoutSession(id: string): Promise<GatewaySession>;
  retrievePaymentIntent(id: string): Promise<GatewayPaymentIntent>;
  createRefund(input: CreateRefundInput): Promise<GatewayRefund>;
  retrieveRefund(id: string): Promise<GatewayRefund>;
  /** Verifies the signature (and its age) over the raw body. @throws PaymentsSignatureError */
  constructEvent(rawBody: Buffer | string, signature: string | null): GatewayEvent;
}

/** Why a payment operation was refused. */
export type PaymentErrorCode =
  | "NOT_FOUND"
  | "NOT_PAYABLE"
  | "NOT_REFUNDABLE"
  | "REFUND_TOO_LARGE"
  | "REFUND_REFUSED"
  | "BAD_AMOUNT"
  | "BAD_IDEMPOTENCY_KEY"
  | "KEY_REUSED";

const PAYMENT_KINDS: Record<PaymentErrorCode, ErrorKind> = {
  NOT_FOUND: "not_found",
  NOT_PAYABLE: "conflict",
  NOT_REFUNDABLE: "conflict",
  REFUND_TOO_LARGE: "invalid",
  REFUND_REFUSED: "rule",
  BAD_AMOUNT: "invalid",
  BAD_IDEMPOTENCY_KEY: "invalid",
  KEY_REUSED: "conflict",
};

export class PaymentError extends DomainError<PaymentErrorCode> {
  static override readonly errorName = "PaymentError";
  constructor(code: PaymentErrorCode, message: string = code) {
    super({ feature: "payments", code, kind: PAYMENT_KINDS[code] }, message);
  }
}

/** The signature is missing, wrong or too old, or the body is not an event: answer 400, write nothing. */
export class PaymentsSignatureError extends DomainError<"BAD_SIGNATURE"> {
  static override readonly errorName = "PaymentsSignatureError";
  constructor(message: string) {
    super({ feature: "payments", code: "BAD_SIGNATURE", kind: "invalid" }, message);
  }
}

/** The gateway refused the request (a 4xx from Stripe): retrying will not help. */
export class PaymentsRefusedError extends DomainError<"GATEWAY_REFUSED"> {
  static override readonly errorName = "PaymentsRefusedError";
  constructor(
    message: string,
    /** Stripe's own code for the refusal, when it gave one. */
    readonly gatewayCode: string | undefined,
  ) {
    super({ feature: "payments", code: "GATEWAY_REFUSED", kind: "rule", details: { gatewayCode } }, message);
  }
}

/** The gateway could not be reached or failed (network, 5xx): try again later. */
export class PaymentsUnavailableError extends DomainError<"GATEWAY_UNAVAILABLE"> {
  static override readonly errorName = "PaymentsUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super({ feature: "payments", code: "GATEWAY_UNAVAILABLE", kind: "unavailable" }, message);
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }
}
