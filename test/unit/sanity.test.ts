import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs TypeScript tests in Node', () => {
    expect(new Float64Array(4).length).toBe(4);
  });
});
