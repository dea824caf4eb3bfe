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
    if (!used.has(k) && k !== meta.confirm && v !== undefined && !meta.localParams?.includes(k)) rest[k] = v;
  }
  const headers: Record<string, string> = { ...meta.headers };
  if (meta.wire) applyWire(meta.wire, rest, headers);
  const req: ApiRequest = { method: meta.method, path, headers: Object.keys(headers).length ? headers : undefined };
  const inQuery = (meta.method === 'GET' || meta.method === 'DELETE') && !meta.jsonBody;
  if (inQuery) {
    const query = { ...rest, ...meta.fixedQuery };
    if (Object.keys(query).length) req.query = query;
  } else if (!meta.noBody) {
    req.body = { ...rest, ...meta.fixedBody };
  }
  return req;
}

/** Moves parameters to their wire names (see ToolSpec.wire): renamed, nested into objects, or sent as headers. */
function applyWire(wire: Record<string, string>, rest: Record<string, unknown>, headers: Record<string, string>): void {
  const groups = new Map<string, [string, string][]>();
  for (const [param, target] of Object.entries(wire)) {
    if (target.startsWith('header:')) {
      if (rest[param] !== undefined && rest[param] !== null) headers[target.slice('header:'.length)] = String(rest[param]);
      delete rest[param];
    } else if (target.includes('.')) {
      const [group, member] = target.split('.', 2);
      groups.set(group, [...(groups.get(group) ?? []), [param, member]]);
    } else if (param in rest) {
      rest[target] = rest[param];
      delete rest[param];
    }
  }
  for (const [group, members] of groups) {
    const given = members.some(([param]) => rest[param] !== undefined);
    if (given) rest[group] = Object.fromEntries(members.map(([param, member]) => [member, rest[param] ?? null]));
    for (const [param] of members) delete rest[param];
  }
}
