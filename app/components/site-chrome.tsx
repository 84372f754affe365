import { Form, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useI18n } from "~/utils/i18n-react";

/** The language switch is a plain form: it works without JavaScript and changes state only on POST. */
function LanguageSwitch() {
  const { lang, t } = useI18n();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("lng");
  const query = params.toString();
  const redirectTo = `${location.pathname}${query ? `?${query}` : ""}`;
  return (
    <Form method="post" action="/language" reloadDocument className="no-print">
      <input type="hidden" name="lng" value={lang === "en" ? "zh-CN" : "en"} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button
        type="submit"
        className="btn-quiet min-h-[40px] whitespace-nowrap px-2 py-1 text-sm sm:px-3"
        aria-label={t("nav.switchToLabel")}
        lang={lang === "en" ? "zh-CN" : "en"}
      >
        {t("nav.switchTo")}
      </button>
    </Form>
  );
}

interface Viewer {
  displayName: string;
  homePath: string;
}

/** Sign in, or who is signed in, where their work is, and sign out (a POST: GET never changes state). */
function AccountNav() {
  const { t } = useI18n();
  const viewer = useRouteLoaderData<{ viewer: Viewer | null }>("root")?.viewer ?? null;
  if (!viewer) {
    return (
      <a href="/login" className="btn-quiet min-h-[40px] whitespace-nowrap px-2 py-1 text-sm sm:px-3" data-testid="nav-sign-in">
        {t("nav.signIn")}
      </a>
    );
  }
  return (
    <div className="flex items-center justify-end gap-2 whitespace-nowrap text-sm">
      {viewer.homePath !== "/account" ? (
        <a href={viewer.homePath} className="font-medium" data-testid="nav-my-work">
          {t("nav.myWork")}
        </a>
      ) : null}
      {/* Staff are known by their work, not their name, on a phone's one row; buyers see theirs. */}
      <a
        href="/account"
        className={`max-w-[8rem] truncate ${viewer.homePath !== "/account" ? "hidden sm:inline" : ""}`}
        data-testid="nav-account"
        title={t("nav.account")}
      >
        {viewer.displayName}
      </a>
      <Form method="post" action="/logout" reloadDocument>
        <button type="submit" className="btn-quiet min-h-[40px] whitespace-nowrap px-2 py-1 text-sm sm:px-3">
          {t("nav.signOut")}
        </button>
      </Form>
    </div>
  );
}

export function SiteHeader() {
  const { t } = useI18n();
  const viewer = useRouteLoaderData<{ viewer: Viewer | null }>("root")?.viewer ?? null;
  // Staff (whose work is a desk, not an account page) buy nothing here: no cart for them.
  const staff = viewer !== null && viewer.homePath !== "/account";
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-3xl flex-nowrap items-center justify-between gap-2 px-3 py-2 sm:px-4 sm:py-3">
        <a href="/" className="flex items-baseline gap-2 text-stone-900 no-underline hover:no-underline">
          <span className="text-xl font-bold text-brand-700">{t("app.name")}</span>
          <span className="hidden text-sm text-stone-500 sm:inline">{t("app.tagline")}</span>
        </a>
        <div className="flex items-center gap-1 sm:gap-2">
          {staff ? null : (
            <a href="/cart" className="btn-quiet min-h-[40px] whitespace-nowrap px-2 py-1 text-sm sm:px-3" data-testid="nav-cart">
              {t("orders.nav.cart")}
            </a>
          )}
          <AccountNav />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="no-print border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-3xl px-4 py-4 text-sm text-stone-600">{t("footer.about")}</div>
    </footer>
  );
}
