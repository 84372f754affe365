/** Strings for payments; zh is the source, en must carry the same keys (the compiler checks). */
const zh = {
  "payments.confirming.title": "正在确认付款",
  "payments.confirming.body": "正在向支付平台确认这笔付款，页面几秒后会自动刷新。已经付款的，不要再付一次。",
  "payments.viewOrder": "查看订单",
  "payments.error.notPayable": "这个订单现在不能付款了：可能已经付过款，或者已被取消、已过期。",
} as const;

const en = {
  "payments.confirming.title": "Confirming your payment",
  "payments.confirming.body": "We are confirming this payment with the payment provider; this page refreshes itself in a few seconds. If you have paid, do not pay again.",
  "payments.viewOrder": "View the order",
  "payments.error.notPayable": "This order can no longer be paid: it may be paid already, cancelled, or expired.",
} as const satisfies Record<keyof typeof zh, string>;

export const paymentsMessages = { zh, en };
