// react-dom ships the web-streams server renderer as "react-dom/server.browser" (its package
// exports map); @types/react-dom declares it on "react-dom/server" only (ADR 021).
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
