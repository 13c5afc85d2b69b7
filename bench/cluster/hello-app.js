// The app `bindery serve` runs in the scaling bench: GET / as in the HTTP bench, from dist/.
import { Container, t, WebService } from '../../dist/index.js';

export default function createApp() {
  const ws = new WebService('/');
  ws.get('/')
    .returns(200, 'a greeting', t.Object({ hello: t.String() }))
    .to(() => ({ hello: 'world' }));
  return new Container({ logger: false }).add(ws);
}
