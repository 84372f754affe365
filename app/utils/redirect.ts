/**
 * Only same-site paths may be redirected to: "/stations/huawu" yes, "//evil.example" or
 * "https://evil.example" no (an open redirect would let a phishing link borrow our name).
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
