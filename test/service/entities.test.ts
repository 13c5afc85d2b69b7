import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { readRawBody } from '../../src/http/index.js';
import { Container, t, WebService } from '../../src/index.js';

describe('entity readers and writers are extensible', () => {
  test('a YAML reader feeds the binder; a CSV writer serves a negotiated type', async () => {
    const ws = new WebService('/');
    ws.post('/items')
      .bind({ body: t.Object({ name: t.String(), qty: t.Integer() }) })
      .consumes('application/json', 'application/yaml')
      .produces('application/json', 'text/csv')
      .to(({ body }) => [body]);
    const container = new Container().add(ws);
    container.readers.register({
      mediaTypes: ['application/yaml'],
      async read(req, ctx) {
        const raw = await readRawBody(req, ctx.limits.bodySize, ctx.body);
        return raw.length === 0 ? undefined : parseYaml(raw.toString('utf8'));
      },
    });
    container.writers.register({
      mediaTypes: ['text/csv'],
      write(value) {
        const rows = value as Record<string, unknown>[];
        const columns = Object.keys(rows[0] ?? {});
        return [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c])).join(','))].join('\n');
      },
    });
    const res = await container.inject({
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/yaml', accept: 'text/csv' },
      body: 'name: tea\nqty: 2\n',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.body, 'name,qty\ntea,2');
    const json = await container.inject({
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/yaml' },
      body: 'name: tea\nqty: 2\n',
    });
    assert.deepEqual(json.json(), [{ name: 'tea', qty: 2 }]);
  });
});
