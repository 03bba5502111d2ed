import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../src/upstream/circuit-breaker.js';

const make = () => new CircuitBreaker({ failureThreshold: 3, openMs: 1000 });

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures', () => {
    const breaker = make();
    expect(breaker.onFailure(0)).toBeNull();
    expect(breaker.onFailure(0)).toBeNull();
    expect(breaker.tryPass(0).pass).toBe(true);
    expect(breaker.onFailure(5)).toEqual({ from: 'closed', to: 'open' });
    expect(breaker.state).toBe('open');
    expect(breaker.isOpen(5)).toBe(true);
    expect(breaker.tryPass(1004).pass).toBe(false);
  });

  it('resets the count on any answer (4xx included)', () => {
    const breaker = make();
    breaker.onFailure(0);
    breaker.onFailure(0);
    breaker.onSuccess();
    breaker.onFailure(0);
    breaker.onFailure(0);
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one probe through after openMs, and closes on its success', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) breaker.onFailure(0);
    expect(breaker.isOpen(1000)).toBe(false);
    expect(breaker.tryPass(1000)).toEqual({ pass: true, transition: { from: 'open', to: 'half-open' } });
    expect(breaker.isOpen(1000)).toBe(true);
    expect(breaker.tryPass(1000).pass).toBe(false);
    expect(breaker.onSuccess()).toEqual({ from: 'half-open', to: 'closed' });
    expect(breaker.tryPass(1001).pass).toBe(true);
  });

  it('re-opens for another openMs when the probe fails', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) breaker.onFailure(0);
    breaker.tryPass(1000);
    expect(breaker.onFailure(1200)).toEqual({ from: 'half-open', to: 'open' });
    expect(breaker.tryPass(2199).pass).toBe(false);
    expect(breaker.tryPass(2200).pass).toBe(true);
  });

  it('frees the probe when it ends without an answer', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) breaker.onFailure(0);
    breaker.tryPass(1000);
    breaker.onNeutral();
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryPass(1000).pass).toBe(true);
  });
});
