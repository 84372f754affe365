/**
 * The wire details of the local Stripe-compatible server (scripts/stripe-local.ts): Stripe's
 * form encoding (`line_items[0][price_data][unit_amount]=1250`), its error bodies, and the hosted
 * payment page. Kept apart so the server file reads as the protocol it speaks.
 */

export type Form = { [key: string]: string | Form | Form[] | string[] };

/** Decodes Stripe's bracketed form encoding (what the SDK sends) into nested objects and arrays. */
export function decodeStripeForm(body: string): Form {
  const root: Form = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      if (last) {
        node[part] = value;
        return;
      }
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return normaliseArrays(root) as Form;
}

/** Arrays were filled through string indexes; make them dense, ordered arrays. */
function normaliseArrays(value: unknown): unknown {
  if (Array.isArray(value)) {
    return Object.keys(value)
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => normaliseArrays((value as unknown[])[k]));
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseArrays(v)]));
  }
  return value;
}

export function str(form: Form | undefined, key: string): string | undefined {
  const v = form?.[key];
  return typeof v === "string" ? v : undefined;
}

export function obj(form: Form | undefined, key: string): Form | undefined {
  const v = form?.[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Form) : undefined;
}

export function list(form: Form | undefined, key: string): Form[] {
  const v = form?.[key];
  return Array.isArray(v) ? (v as Form[]).filter((x) => x && typeof x === "object") : [];
}

/** A positive integer parameter, as Stripe reads amounts (integer fen). */
export function positiveInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,12}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

export class StripeWireError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
  body() {
    return { error: { type: this.type, message: this.message, ...(this.code ? { code: this.code } : {}), ...(this.param ? { param: this.param } : {}) } };
  }
}

export const invalid = (message: string, param?: string, code = "parameter_invalid") =>
  new StripeWireError(400, "invalid_request_error", message, code, param);
export const missing = (what: string, id: string) =>
  new StripeWireError(404, "invalid_request_error", `No such ${what}: '${id}'`, "resource_missing", "id");

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageSession {
  id: string;
  status: "open" | "complete" | "expired";
  amount_total: number;
  line_items: { name: string; amount: number }[];
}

/** The hosted payment page: the order's lines and two buttons. Plain HTML forms, no script. */
export function hostedPage(session: PageSession): string {
  const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
  const lines = session.line_items.map((l) => `<tr><td>${escape(l.name)}</td><td class="n">${yuan(l.amount)}</td></tr>`).join("");
  const body =
    session.status === "open"
      ? `<form method="post" action="/pay/${escape(session.id)}/pay"><button class="pay" type="submit">支付 Pay ${yuan(session.amount_total)}</button></form>
<form method="post" action="/pay/${escape(session.id)}/decline"><button class="decline" type="submit">拒绝 Decline</button></form>`
      : `<p>${session.status === "complete" ? "已支付 Already paid" : "已过期 This payment page has expired"}</p>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地支付 Local payment</title><style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse}td{padding:.4rem 0;border-bottom:1px solid #ddd}.n{text-align:right}
button{width:100%;padding:.8rem;margin-top:.8rem;font-size:1.1rem;border-radius:.4rem;border:1px solid #888}
.pay{background:#166534;color:#fff}</style></head><body>
<h1>本地支付页 Local payment page</h1><p>stripe:local — 测试用，不收真钱 / for testing, no real money</p>
<table>${lines}<tr><th>合计 Total</th><th class="n">${yuan(session.amount_total)}</th></tr></table>${body}</body></html>`;
}
