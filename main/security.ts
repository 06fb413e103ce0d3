/**
 * The Content-Security-Policy of the renderer, sent as a header by the web host and by
 * Electron's session, and written as a <meta> in renderer/index.html for file:// loads (a unit
 * test keeps the two identical). Nothing is loaded from anywhere but the app itself:
 * - styles allow 'unsafe-inline' because React Flow positions nodes with style attributes and
 *   Monaco injects its theme as <style> elements;
 * - workers come from the app's own files (Monaco's language workers are ES-module workers);
 * - connect-src 'self' covers the web host's /api calls and its event stream.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join("; ");

/** frame-ancestors is ignored in a <meta> CSP, so it is only added to the HTTP header. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
