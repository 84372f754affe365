import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
// The web-streams renderer, not renderToPipeableStream: React 18.3.1's Node renderer flushes its
// whole 2 KB view when a multi-byte character does not fit at the end of it, so the unused bytes
// go out as NULs inside Chinese text (react issue 31134; ADR 021). This one encodes each string
// whole and copies bytes, so a character can only ever be split between chunks, never lost.
import { renderToReadableStream } from "react-dom/server.browser";
import { logger } from "~/utils/logger.server";
import { NonceProvider } from "~/utils/nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // server.ts put this response's CSP nonce in the context; the inline scripts must carry it.
  const nonce = loadContext.cspNonce ?? "";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY);
  let shellRendered = false;
  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      signal: controller.signal,
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) logger.error({ err: error }, "render error");
      },
    },
  );
  shellRendered = true;
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  if (isbot(request.headers.get("user-agent") ?? "")) await body.allReady;
  void body.allReady.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, url: request.url }, "unhandled error in loader or action");
}
