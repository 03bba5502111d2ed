import { describe, expect, it } from 'vitest';
import { answerHealth } from '../../../src/upstream/answer-health.js';

const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html';

describe('answerHealth', () => {
  it.each([
    [200, JSON_TYPE, '[]', 'healthy'],
    [200, HTML_TYPE, '<html></html>', 'healthy'],
    [400, JSON_TYPE, '{"error":"Missing required field: name","line_id":"name","status_code":"MISSING_REQUIRED_FIELD"}', 'healthy'],
    [404, HTML_TYPE, '<html>Not Found</html>', 'healthy'],
    [429, HTML_TYPE, '<html>429 Too Many Requests</html>', 'healthy'],
    [500, JSON_TYPE, '{"error":"ZeroDivisionError","line_id":"","status_code":"INTERNAL_ERROR"}', 'healthy'],
    [500, JSON_TYPE, '{"message":"Odoo Server Error"}', 'healthy'],
    [500, JSON_TYPE, '{"status":"error","message":"boom","code":500}', 'healthy'],
    [500, HTML_TYPE, '<html>Internal Server Error</html>', 'unhealthy'],
    [500, undefined, '', 'unhealthy'],
    [500, JSON_TYPE, '{"detail":"not a BJET body"}', 'unhealthy'],
    [500, 'text/plain', 'worker crashed', 'unhealthy'],
    [502, JSON_TYPE, '{"message":"bad gateway"}', 'unhealthy'],
    [503, HTML_TYPE, '<html>503</html>', 'unhealthy'],
    [504, undefined, '', 'unhealthy'],
  ] as const)('%i %s %s → %s', (status, contentType, text, expected) => {
    expect(answerHealth({ status, contentType, text })).toBe(expected);
  });
});
