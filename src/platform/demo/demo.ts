import type { Faker } from '@faker-js/faker';
import type { Db } from '../db/database.js';
import type { FileStore } from '../files/file-store.js';

export interface DemoContext {
  db: Db;
  /** Seeded: the same seed and size give the same organization. */
  faker: Faker;
  /** 1 = a small company (~25 people); benchmarks raise it. */
  size: number;
  log: (line: string) => void;
  /** Where sample files go (attachments); without it no demo files are made. */
  files?: FileStore;
}

/** Each module plugs one in; `npm run demo` runs them in order (a module may read what earlier ones made). */
export interface DemoGenerator {
  module: string;
  generate: (ctx: DemoContext) => Promise<void>;
}
