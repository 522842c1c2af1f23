/**
 * The LRS client both LRS packages use (xAPI and cmi5): @xapi/xapi 3.x with a fetch adapter, so no
 * credentials go into URLs, requests outlive a closing page (keepalive) and time out when an LRS
 * hangs. The Authorization value is used as the header only: never logged, never stored here.
 */
import XAPI from "@xapi/xapi";

export class LrsError extends Error {
  constructor(readonly status: number) {
    super(`LRS answered ${status || "nothing"}`);
  }
}

export interface LrsClientOptions {
  endpoint: string;
  /** The Authorization header value. */
  auth: string;
  fetch?: typeof fetch;
  /** True while the page closes: requests must then outlive it. */
  closing?: () => boolean;
}

/** Why an LRS call failed, for the log: its HTTP status or "no answer". */
export const lrsFailure = (e: unknown) => (e instanceof LrsError ? e.status || "no answer" : "error");

export function createLrsClient(opts: LrsClientOptions): XAPI {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  return new XAPI({
    endpoint: opts.endpoint,
    auth: opts.auth,
    version: "1.0.3",
    adapter: async ({ url, method, data, headers }) => {
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body: data === undefined ? undefined : typeof data === "string" ? data : JSON.stringify(data),
          keepalive: opts.closing?.() ?? false,
          // The page address holds the launch credentials: never hand it on as a Referer.
          referrerPolicy: "no-referrer",
          // An LRS that hangs must not keep the unit from starting (start() waits for the state).
          ...(typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(10_000) } : {}),
        });
      } catch {
        throw new LrsError(0);
      }
      if (!response.ok) throw new LrsError(response.status);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { data: body as never, headers: Object.fromEntries(response.headers.entries()), status: response.status };
    },
  });
}
