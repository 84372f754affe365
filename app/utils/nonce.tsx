import { createContext, type ReactNode, useContext } from "react";

/**
 * The CSP nonce of this response, provided by entry.server.tsx from the load context so that
 * <Scripts> and <ScrollRestoration> can mark their inline scripts. In the browser it is empty,
 * which is fine: browsers hide nonces from the DOM, and React leaves the attribute alone.
 */
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
