// Fetching from the app's own JSON API.

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error.message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let controllers = {};

// GET /api/<path>?<params>; a newer call with the same `key` aborts the older one.
export async function getJson(path, params = null, key = null) {
  const qs = params ? params.toString() : "";
  const url = `/api/${path}${qs ? "?" + qs : ""}`;
  let signal;
  if (key) {
    if (controllers[key]) controllers[key].abort();
    controllers[key] = new AbortController();
    signal = controllers[key].signal;
  }
  const resp = await fetch(url, { signal, headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) throw new ApiError(resp.status, body);
  return body;
}

export function isAbort(err) {
  return err && err.name === "AbortError";
}
