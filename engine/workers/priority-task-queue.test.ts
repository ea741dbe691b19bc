import { describe, expect, it } from 'vitest';
import { PriorityTaskQueue } from './priority-task-queue.js';

describe('PriorityTaskQueue', () => {
  it('gives every interactive task before any batch task, each class first in, first out', () => {
    const q = new PriorityTaskQueue<string>();
    q.push('b1', 'batch');
    q.push('i1', 'interactive');
    q.push('b2', 'batch');
    q.push('i2', 'interactive');
    expect(q.size).toBe(4);
    const order: string[] = [];
    for (let next = q.shift(true); next; next = q.shift(true)) order.push(next.task);
    expect(order).toEqual(['i1', 'i2', 'b1', 'b2']);
    expect(q.size).toBe(0);
  });

  it('holds batch tasks back while no batch task may start, but not interactive ones', () => {
    const q = new PriorityTaskQueue<string>();
    q.push('b1', 'batch');
    expect(q.shift(false)).toBeUndefined();
    q.push('i1', 'interactive');
    expect(q.shift(false)).toEqual({ task: 'i1', priority: 'interactive' });
    expect(q.shift(false)).toBeUndefined();
    expect(q.count('batch')).toBe(1);
    expect(q.shift(true)).toEqual({ task: 'b1', priority: 'batch' });
  });

  it('removes a cancelled task from whichever class holds it, and drains in order', () => {
    const q = new PriorityTaskQueue<string>();
    for (const [t, p] of [['b1', 'batch'], ['i1', 'interactive'], ['b2', 'batch'], ['i2', 'interactive']] as const) q.push(t, p);
    expect(q.remove('b1')).toBe(true);
    expect(q.remove('i2')).toBe(true);
    expect(q.remove('i2')).toBe(false);
    expect(q.drain()).toEqual(['i1', 'b2']);
    expect(q.size).toBe(0);
  });
});
