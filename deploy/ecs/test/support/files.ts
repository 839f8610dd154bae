import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ECS_DIR, SCRIPTS_DIR } from './tools';

export type JsonRecord = Record<string, unknown>;

export const readJson = (file: string): JsonRecord =>
  JSON.parse(readFileSync(file, 'utf8')) as JsonRecord;

export const jsonFiles = (folder: string): string[] =>
  readdirSync(path.join(ECS_DIR, folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();

export const taskDefinition = (name: string): JsonRecord =>
  readJson(path.join(ECS_DIR, 'task-definitions', `${name}.json`));

export const serviceConnect = (service: string): JsonRecord =>
  readJson(path.join(ECS_DIR, 'service-connect', `${service}.json`));

/** A bash array assignment of a script, e.g. `NAME=(a b c)`, as its words. */
export function bashArray(script: string, name: string): string[] {
  const text = readFileSync(path.join(SCRIPTS_DIR, script), 'utf8');
  const match = new RegExp(`^${name}=\\(([^)]*)\\)`, 'm').exec(text);
  if (match === null) throw new Error(`${script} has no array ${name}`);
  return match[1].split(/\s+/).filter((word) => word !== '');
}

/** The workshop's services and the full store's, with what each task definition must say. */
export const SERVICES = {
  ui: {
    image: 'ui',
    health: '/actuator/health',
    executionRole: 'retailStoreEcsTaskExecutionRole',
    taskRole: 'retailStoreEcsTaskRole',
  },
  catalog: {
    image: 'catalog',
    health: '/health',
    executionRole: 'cataologEcsTaskExecutionRole',
    taskRole: undefined,
  },
  assets: {
    image: 'assets',
    health: '/health.html',
    executionRole: 'retailStoreEcsTaskExecutionRole',
    taskRole: undefined,
  },
  carts: {
    image: 'cart',
    health: '/actuator/health',
    executionRole: 'retailStoreEcsTaskExecutionRole',
    taskRole: 'retailStoreEcsCartsTaskRole',
  },
  checkout: {
    image: 'checkout',
    health: '/health',
    executionRole: 'retailStoreEcsCheckoutTaskExecutionRole',
    taskRole: 'retailStoreEcsTaskRole',
  },
  orders: {
    image: 'orders',
    health: '/actuator/health',
    executionRole: 'retailStoreEcsOrdersTaskExecutionRole',
    taskRole: 'retailStoreEcsTaskRole',
  },
} as const;

export type ServiceName = keyof typeof SERVICES;

/** Template name to the service it deploys: the UI has four variants. */
export const serviceOfTemplate = (template: string): ServiceName =>
  (template.startsWith('ui') ? 'ui' : template) as ServiceName;
