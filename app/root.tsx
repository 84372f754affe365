import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import stylesheet from "~/tailwind.css";
import { messagesFor } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getLang } from "~/utils/i18n.server";
import { publicAccess } from "~/utils/access";
import { getOptionalUser, homePathFor } from "~/utils/auth.server";
import { useNonce } from "~/utils/nonce";

export const handle = { access: publicAccess };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = getLang(request);
  const user = await getOptionalUser(request, context);
  // Only what the header shows: a name and where this person's work is.
  const viewer = user ? { displayName: user.displayName, homePath: homePathFor(user) } : null;
  // A page showing someone's name (and whatever else their roles let them see) is theirs alone:
  // no shared cache may keep it.
  return data({ lang, messages: messagesFor(lang), viewer }, { headers: viewer ? { "Cache-Control": "private, no-store" } : {} });
}

/** Routes without their own `headers` inherit this: the root's Cache-Control for signed-in pages. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const cacheControl = loaderHeaders.get("Cache-Control");
  return cacheControl ? { "Cache-Control": cacheControl } : new Headers();
};

/**
 * Pages whose route says `handle: { hydrate: false }` are sent without any JavaScript:
 * the public pages need none, and every byte counts on a village's weak link.
 */
function useHydrate(): boolean {
  return !useMatches().some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}

export function Layout({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  const hydrate = useHydrate();
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#2f7d3b" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only">
          {t("app.skipToContent")}
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
          {children}
        </main>
        <SiteFooter />
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), t("error.forbidden.body")]
        : status === 400
          ? [t("error.badRequest.title"), t("error.badRequest.body")]
        : [t("error.generic.title"), t("error.generic.body")];
  return (
    <section className="card space-y-3" aria-labelledby="error-title">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1 id="error-title" className="text-xl font-semibold">
        {title}
      </h1>
      <p>{body}</p>
      <p className="break-all text-sm text-stone-500">
        {status} · {location.pathname}
      </p>
      <a className="btn-quiet" href="/">
        {t("error.backHome")}
      </a>
    </section>
  );
}
