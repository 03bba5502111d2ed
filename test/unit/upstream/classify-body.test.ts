import { describe, expect, it } from 'vitest';
import { classifyBody, isHtml } from '../../../src/upstream/parse-error-body.js';

describe('classifyBody', () => {
  it.each([
    ['', 'empty'],
    [' \n\t\r ', 'empty'],
    ['\uFEFF ', 'empty'],
    ['[{"id":1}]', 'json'],
    ['\n  {"message":"x"}', 'json'],
    ['  <!doctype html><p>502</p>', 'html'],
    ['<html></html>', 'html'],
    ['{"id":1', 'text'],
    ['Bad Gateway', 'text'],
  ])('%j is %s', (text, kind) => {
    expect(classifyBody('application/json', text).kind).toBe(kind);
  });

  it('parses the JSON it classifies', () => {
    expect(classifyBody(undefined, ' [1, 2] ').json).toEqual([1, 2]);
  });

  it('takes an HTML content type at its word, whatever the body', () => {
    expect(classifyBody('text/html; charset=utf-8', '{"id":1}').kind).toBe('html');
    expect(isHtml('TEXT/HTML', '')).toBe(true);
    expect(isHtml(undefined, '   ')).toBe(false);
  });
});
