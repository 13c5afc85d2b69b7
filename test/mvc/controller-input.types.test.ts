import assert from 'node:assert/strict';
import { test } from 'node:test';
import { client } from '../../src/client/index.js';
import { Container, endpoint, get, post, t, WebService } from '../../src/index.js';
import { type Equal, expectType } from '../support/type-assert.js';

const Note = t.Object({ text: t.String({ minLength: 1 }) });

class Notes {
  static expose = ['get', 'getBy', 'getTagBy', 'post'] as const;
  static params = { getBy: '{id:int}', getTagBy: '{tag}' } as const;

  get() {
    return [{ id: 1, text: 'hello' }];
  }

  getBy(input: { path: { id: number } }) {
    return { id: input.path.id, text: 'hello' };
  }

  getTagBy(input: { path: { tag: string } }) {
    return { tag: input.path.tag };
  }

  @endpoint({ bind: { body: Note } })
  post(input: { body: { text: string } }) {
    return { id: 2, text: input.body.text };
  }

  @post('/{id:int}/copies', { bind: { query: t.Object({ times: t.Integer() }) } })
  copy(input: { path: { id: number }; query: { times: number } }) {
    return { copies: input.query.times, of: input.path.id };
  }
}

// A name route's path input is checked against its template when the class is mounted.
class WrongParamType {
  static expose = ['getBy'] as const;
  static params = { getBy: '{id:int}' } as const;
  getBy(input: { path: { id: string } }) {
    return input.path.id;
  }
}
// @ts-expect-error: the template makes `id` a number, the method says string
() => new WebService('/wrong').controller(WrongParamType);

class WidenedParams {
  static expose = ['getBy'] as const;
  static params = { getBy: '{id:int}' };
  getBy(input: { path: { id: number } }) {
    return input.path.id;
  }
}
// @ts-expect-error: without `as const` the template is any string, so `id` cannot be promised
() => new WebService('/widened').controller(WidenedParams);

class DefaultParam {
  static expose = ['getBy'] as const;
  getBy(input: { path: { id: number } }) {
    return input.path.id;
  }
}
// @ts-expect-error: with no params declared, `getBy` routes `{id}`, a string
() => new WebService('/default').controller(DefaultParam);

class DecoratedBody {
  // @ts-expect-error: the bound body has a string `text`, the method wants a number
  @post('/', { bind: { body: Note } })
  make(input: { body: { text: number } }) {
    return input.body.text;
  }
}

class DecoratedPath {
  // @ts-expect-error: `{id:int}` is a number, not a string
  @get('/{id:int}')
  one(input: { path: { id: string } }) {
    return input.path.id;
  }
}

class DescribedBody {
  // @ts-expect-error: @endpoint binds a body the method reads differently
  @endpoint({ bind: { body: Note } })
  post(input: { body: { note: string } }) {
    return input.body.note;
  }
}
void [DecoratedBody, DecoratedPath, DescribedBody];

test('controller routes are typed in the client like builder routes', async () => {
  const app = new Container().add(new WebService('/notes').controller(Notes));
  const api = client(app);

  const list = await api.get('/notes');
  assert.equal(list.status, 200);
  if (list.status === 200) expectType<Equal<typeof list.body, { id: number; text: string }[]>>();

  const one = await api.get('/notes/{id}', { path: { id: 7 } });
  assert.equal(one.status, 200);
  if (one.status === 200) {
    expectType<Equal<typeof one.body, { id: number; text: string }>>();
    assert.deepEqual(one.body, { id: 7, text: 'hello' });
  }
  // @ts-expect-error: `{id:int}` takes a number
  await api.get('/notes/{id}', { path: { id: 'seven' } });

  const tagged = await api.get('/notes/tag/{tag}', { path: { tag: 'a b' } });
  if (tagged.status === 200) assert.deepEqual(tagged.body, { tag: 'a b' });

  const made = await api.post('/notes', { body: { text: 'new' } });
  assert.equal(made.status, 200);
  // @ts-expect-error: the body is required
  await api.post('/notes');

  const bad = await api.post('/notes', { body: { text: '' } });
  assert.equal(bad.status, 400);
  if (bad.status === 400) assert.equal(bad.body.errors[0]?.in, 'body');

  // A route declared only by a decorator is served, but a decorator cannot change the class's
  // type, so the client cannot see it (docs/client.md says what to write instead).
  // @ts-expect-error: `/notes/{id}/copies` is not in the client's type
  const copies = await api.post('/notes/{id}/copies', { path: { id: 3 }, query: { times: 2 } });
  assert.equal(copies.status, 200);
});
