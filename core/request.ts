import type { ApiRequest } from './http.js';
import type { ToolMeta } from './tool.js';

/** Builds the HTTP request of a tool from its route and validated arguments. Path params are encoded as one segment. */
export function buildRequest(meta: ToolMeta, args: Record<string, unknown>): ApiRequest {
  const used = new Set<string>();
  const fill = (segment: string, strict: boolean): string | undefined => {
    let missing = false;
    const out = segment.replace(/\{(\w+)\}/g, (_, name: string) => {
      used.add(name);
      const v = args[name];
      if (v === undefined || v === null || v === '') {
        missing = true;
        return '';
      }
      return encodeURIComponent(String(v));
    });
    if (missing && strict) throw new Error(`Path parameter missing for ${meta.name}`);
    return missing ? undefined : out;
  };
  // Optional segments `[...]` appear only when all their parameters are present.
  const path = meta.path
    .split(/(\[[^\]]*\])/)
    .map((part) => (part.startsWith('[') ? fill(part.slice(1, -1), false) ?? '' : fill(part, true)!))
    .join('');
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (!used.has(k) && k !== meta.confirm && v !== undefined) rest[k] = v;
  }
  const req: ApiRequest = { method: meta.method, path, headers: meta.headers ? { ...meta.headers } : undefined };
  const inQuery = (meta.method === 'GET' || meta.method === 'DELETE') && !meta.jsonBody;
  if (inQuery) {
    if (Object.keys(rest).length) req.query = rest;
  } else {
    req.body = { ...rest, ...meta.fixedBody };
  }
  return req;
}
