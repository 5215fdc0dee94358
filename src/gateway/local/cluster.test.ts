import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { localPoolMax, workerCount } from './cluster.js';

describe('npm start on all cores', () => {
  it('runs MOMS_WORKERS workers, by default one per core, and refuses anything but a whole number 1–256', () => {
    expect(workerCount(undefined)).toBe(availableParallelism());
    expect(workerCount(' ')).toBe(availableParallelism());
    expect(workerCount('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '257']) expect(workerCount(bad)).toHaveProperty('error');
  });

  it('gives each worker a pool of 10 connections, fewer when many workers share the server', () => {
    expect(localPoolMax(1)).toBe(10);
    expect(localPoolMax(6)).toBe(10);
    expect(localPoolMax(12)).toBe(5);
    expect(localPoolMax(64)).toBe(2);
  });
});
