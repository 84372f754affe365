/**
 * Only same-site paths may be redirected to: "/stations/huawu" yes; "//evil.example",
 * "https://evil.example", "/\evil.example" no — and nothing with a control character, since
 * browsers strip tabs and newlines from URLs, which turns "/\t/evil.example" into
 * "//evil.example" (an open redirect would let a phishing link borrow our name).
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  if (to.startsWith("//")) return fallback;
  const resolved = new URL(to, "http://same.invalid");
  if (resolved.origin !== "http://same.invalid") return fallback;
  return to;
}
