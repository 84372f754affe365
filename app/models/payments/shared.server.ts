export { PaymentError, type PaymentErrorCode } from "~/domain/payments";
