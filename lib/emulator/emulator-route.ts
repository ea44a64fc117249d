import type { TermiiOperation } from '../errors/termii-api.error.js';
import type { TermiiEmulatorRequest, TermiiEmulatorResponse } from './termii-emulator-exchange.js';

/** The HTTP methods Termii's endpoints take. */
export type TermiiHttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One request as a route's `answer` gets it: already matched, its key accepted. */
export interface TermiiEmulatorCall {
  /** The request as received. */
  readonly request: TermiiEmulatorRequest;
  /** The body, when it is a JSON object (every JSON endpoint's bodies are); `undefined` otherwise. */
  readonly body: Record<string, unknown> | undefined;
  /** The query string's parameters (`api_key` among them for reads). */
  readonly query: URLSearchParams;
  /** The path's parameters, by the names in the route's `{braces}`, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The emulator's clock time of the request. */
  readonly now: number;
}

/**
 * One of Termii's endpoints as the emulator answers it: a product registers its routes with the emulator's
 * core, which matches the method and path, records the request, applies faults and checks the key, then
 * hands the call to `answer`.
 */
export interface TermiiEmulatorRoute {
  /** The library's name for the operation (errors, events, `fail(..., { operation })`). */
  readonly operation: TermiiOperation;
  /** The HTTP method it answers (another method on its path gets 405). */
  readonly method: TermiiHttpMethod;
  /** The path below the base URL; `{name}` stands for one path segment, e.g. `/api/phonebooks/{id}`. */
  readonly path: string;
  /**
   * Where the API key is read. @default 'query' for GET and DELETE (Termii's reads and deletes take it in the
   * query string), 'body' otherwise.
   */
  readonly keyIn?: 'query' | 'body' | 'multipart';
  /** Termii's answer to a call whose key was accepted. */
  answer(call: TermiiEmulatorCall): TermiiEmulatorResponse;
}

/** A JSON answer. */
export function jsonAnswer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): TermiiEmulatorResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** What a request's method and path name: a route (with its path parameters), or a path that takes other methods. */
export type TermiiRouteMatch =
  { route: TermiiEmulatorRoute; params: Record<string, string> } | { route?: undefined; allow: string };

interface CompiledRoute {
  route: TermiiEmulatorRoute;
  pattern: RegExp;
  names: string[];
}

const SEGMENT_PARAMETER = /\{(\w+)\}/g;

function compile(route: TermiiEmulatorRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(SEGMENT_PARAMETER)
    .map((part, index) => {
      if (index % 2 === 1) {
        names.push(part);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The routes of every product, matched by method and path. */
export class TermiiRouter {
  readonly #routes: CompiledRoute[];

  constructor(routes: readonly TermiiEmulatorRoute[]) {
    const seen = new Set<string>();
    for (const { method, path, operation } of routes) {
      const key = `${method} ${path}`;
      if (seen.has(key)) throw new Error(`Two emulator routes answer ${key} (one of them ${operation})`);
      seen.add(key);
    }
    this.#routes = routes.map(compile);
  }

  /** Every route, in the order the products registered them. */
  get routes(): readonly TermiiEmulatorRoute[] {
    return this.#routes.map(({ route }) => route);
  }

  /**
   * The route a request names, or `undefined` for a path no route takes. A query string and a trailing
   * `/` are ignored, as web servers usually do.
   */
  match(method: string, path: string): TermiiRouteMatch | undefined {
    const pathname = path.split('?')[0].replace(/\/+$/, '');
    const allowed: string[] = [];
    for (const { route, pattern, names } of this.#routes) {
      const found = pattern.exec(pathname);
      if (found === null) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [index, name] of names.entries()) {
        const value = decoded(found[index + 1]);
        if (value === undefined) return undefined;
        params[name] = value;
      }
      return { route, params };
    }
    return allowed.length > 0 ? { allow: allowed.join(', ') } : undefined;
  }
}
