import { createRequire } from 'node:module';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { Config } from './config.js';
import { HttpClient } from './http.js';
import { createLogger, Logger } from './logger.js';
import type { TokenKind } from './pack.js';
import { Secrets } from './secrets.js';

/**
 * tsyringe's root container, from its own module: the package root also loads the decorators, factories and tslib,
 * ~8 ms of every start (bench/). It is the same CommonJS module the root re-exports, so there is one container.
 * Only values are registered here, so resolving needs no reflect-metadata; tool modules load the polyfill.
 */
const root: DependencyContainer = createRequire(import.meta.url)('tsyringe/dist/cjs/dependency-container.js').instance;

/** Typed injection tokens of the core services. */
export const ConfigToken: InjectionToken<Config> = Symbol('Config');
export const LoggerToken: InjectionToken<Logger> = Logger as unknown as InjectionToken<Logger>;
/** One HTTP client per configured token. */
export const ClientsToken: InjectionToken<Clients> = Symbol('Clients');
export type Clients = Partial<Record<TokenKind, HttpClient>>;
/** The process's secrets (tokens, including any replaced at run time). */
export const SecretsToken: InjectionToken<Secrets> = Symbol('Secrets');

export interface ContainerOverrides {
  logger?: Logger;
  /** HTTP client tuning for tests (backoff, sleep). */
  http?: Partial<ConstructorParameters<typeof HttpClient>[0]>;
}

/** Builds the one container of a server instance (a child of the root, so tests can build many). */
export function buildContainer(config: Config, o: ContainerOverrides = {}): DependencyContainer {
  const c = root.createChildContainer();
  const secrets = new Secrets([config.apiToken, config.messageToken, config.http?.token, config.http?.stateSecret]);
  c.register(ConfigToken, { useValue: config });
  c.register(SecretsToken, { useValue: secrets });
  c.register(LoggerToken, { useValue: o.logger ?? createLogger(config.logLevel, () => secrets.list()) });
  const client = (token: string) =>
    new HttpClient({ baseUrl: config.baseUrl, token, timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes, ...o.http });
  const clients: Clients = {};
  if (config.apiToken) clients.ops = client(config.apiToken);
  if (config.messageToken) clients.message = client(config.messageToken);
  c.register(ClientsToken, { useValue: clients });
  return c;
}
