/** Why a payment operation was refused; routes map each code to a translated message. */
export type PaymentErrorCode =
  | "NOT_FOUND"
  | "NOT_PAYABLE"
  | "NOT_REFUNDABLE"
  | "REFUND_TOO_LARGE"
  | "REFUND_REFUSED"
  | "BAD_AMOUNT"
  | "BAD_REQUEST_KEY"
  | "KEY_REUSED";

export class PaymentError extends Error {
  override name = "PaymentError";
  constructor(
    readonly code: PaymentErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}
