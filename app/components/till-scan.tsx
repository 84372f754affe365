import { type KeyboardEvent, useState } from "react";
import { D } from "~/domain/money";
import { normalizeScannedCode, quantityAfterScan } from "~/domain/product-codes";
import { formatQuantity, type UnitCode } from "~/domain/units";
import { useI18n } from "~/utils/i18n-react";

interface ScanProduct {
  id: string;
  code: string;
  name: string;
  unit: UnitCode;
}

/**
 * The till's code field, inside the sale form. A USB or Bluetooth scanner types the code and
 * presses Enter. With JavaScript a code of a product in the list is added here, at once, by
 * changing that product's quantity field as the operator would (the form's running total
 * follows); anything else goes to the server. Without JavaScript Enter presses this block's
 * button (the form's first), posts to the unfiltered till and comes back with the line in.
 */
export function TillScan({
  products,
  filtered,
  tillHref,
  error,
  scanned,
  quantities,
}: {
  products: readonly ScanProduct[];
  /** A search or category narrows the list: a code outside it cannot be shown. */
  filtered: boolean;
  /** The till without its search: where the scan button posts, and the "clear the search" link. */
  tillHref: string;
  error?: string;
  scanned: { id: string; name: string; weighed: boolean } | null;
  quantities: Record<string, string | undefined>;
}) {
  const { lang, t } = useI18n();
  const [local, setLocal] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const unitOf = (id: string) => products.find((p) => p.id === id)?.unit;
  const said = (name: string, unit: UnitCode, quantity: string) => t("scan.added", { name, quantity: formatQuantity(new D(quantity), unit, lang) });
  const fromServer = scanned
    ? scanned.weighed
      ? t("scan.weigh", { name: scanned.name })
      : said(scanned.name, unitOf(scanned.id) ?? "piece", quantities[`q.${scanned.id}`] ?? "1")
    : null;
  const message = local ?? (error ? { tone: "error" as const, text: error } : fromServer ? { tone: "ok" as const, text: fromServer } : null);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    const input = event.currentTarget;
    const code = normalizeScannedCode(input.value);
    const product = products.find((p) => p.code === code);
    if (!product) {
      // Unknown here: the server says whether it is unknown or not for sale; a search hides the rest.
      setLocal(null);
      return;
    }
    event.preventDefault();
    const quantity = input.form?.elements.namedItem(`q.${product.id}`);
    if (!(quantity instanceof HTMLInputElement)) return;
    input.value = "";
    const next = quantityAfterScan(quantity.value, product.unit);
    if (next === null) {
      setLocal({ tone: "ok", text: t("scan.weigh", { name: product.name }) });
      quantity.focus();
      quantity.select();
      return;
    }
    quantity.value = next;
    // The form's onInput recomputes the line and the total, as if the operator had typed it.
    quantity.dispatchEvent(new Event("input", { bubbles: true }));
    setLocal({ tone: "ok", text: said(product.name, product.unit, next) });
  }

  return (
    <div className="card space-y-2" data-testid="till-scan">
      <label htmlFor="till-code" className="block font-medium">
        {t("scan.label")}
      </label>
      <div className="flex gap-2">
        <input
          id="till-code"
          name="code"
          inputMode="numeric"
          autoComplete="off"
          enterKeyHint="enter"
          maxLength={40}
          autoFocus={Boolean(scanned && !scanned.weighed)}
          onKeyDown={onKeyDown}
          onInput={() => setLocal(null)}
          aria-invalid={message?.tone === "error" ? true : undefined}
          aria-describedby="till-code-message"
          className={`min-h-[48px] min-w-0 flex-1 rounded-md border px-3 text-lg ${message?.tone === "error" ? "border-red-600" : "border-stone-300"}`}
        />
        <button type="submit" name="intent" value="scan" formAction={tillHref} className="btn-quiet">
          {t("scan.add")}
        </button>
      </div>
      <p id="till-code-message" aria-live="polite" className={`text-sm ${message?.tone === "error" ? "text-red-700" : message ? "font-medium" : "text-stone-600"}`} data-testid="scan-message">
        {message ? message.text : t("scan.hint")}
        {message?.tone === "error" && filtered ? (
          <>
            {" "}
            <a href={tillHref}>{t("scan.clearSearch")}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}
