import type { DemoGenerator } from '../platform/demo/demo.js';
import { modules } from './modules.js';

/** Demo data generators, in module order (later modules may use what earlier ones made). */
export async function demoGenerators(): Promise<DemoGenerator[]> {
  return Promise.all(modules.flatMap((m) => (m.demo ? [m.demo()] : [])));
}
