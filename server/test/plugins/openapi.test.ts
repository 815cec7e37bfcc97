import t from 'tap';
import { startTestService } from '../helpers/service';

const { app } = await startTestService(t);

t.test('the OpenAPI document is generated from the validation schemas', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.match(doc.openapi, /^3\./);
  const register = doc.paths['/tokens'].post;
  const body = register.requestBody.content['application/json'].schema;
  t.same(body.required.sort(), ['deviceType', 'token']);
  t.same(body.properties.deviceType.enum, ['phone', 'tablet', '2in1', 'wearable', 'tv', 'car', 'default']);
  t.equal(body.properties.token.maxLength, 4096);
  t.ok(register.responses['201'] && register.responses['200'] && register.responses['400'], 'responses are documented');
  t.ok(doc.paths['/tokens/{token}'].delete, 'DELETE /tokens/{token}');
  t.ok(doc.paths['/tokens/{token}/user'].delete, 'DELETE /tokens/{token}/user');
  const list = doc.paths['/tokens'].get;
  t.same(list.parameters.map((p: { name: string }) => p.name).sort(), ['cursor', 'deviceType', 'limit', 'notificationsEnabled', 'status', 'testDevice', 'tokenSuffix', 'userId']);
  t.ok(doc.paths['/tokens/{token}/test-device'].put && doc.paths['/tokens/{token}/test-device'].delete, 'test-device routes');
  const byId = doc.paths['/tokens/by-id/{id}/test-device'];
  t.ok(byId.put && byId.delete, 'test-device routes by id');
  t.same(byId.put.parameters.map((p: { name: string; in: string }) => [p.in, p.name]), [['path', 'id']]);
  t.ok(byId.put.responses['200'] && byId.put.responses['400'] && byId.put.responses['404'], 'with their answers');
  t.ok(doc.paths['/sends/{id}/revoke'].post.responses['409'], 'POST /sends/{id}/revoke with its 409');
  t.ok(doc.paths['/quota'].get, 'GET /quota');
});

t.test('the console builds its compose forms from the document: one schema per push-type, and its own views', async (t) => {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const members = doc.paths['/send'].post.requestBody.content['application/json'].schema.oneOf;
  t.same(members.map((member: { properties: { pushType: { enum: number[] } } }) => member.properties.pushType.enum), [[0], [1], [2], [6], [7], [10]]);
  for (const member of members) t.ok(member.properties.payload.properties, 'each push-type documents its payload fields');
  for (const path of ['/overview', '/sends', '/sends/export.csv', '/audit', '/tokens/{id}']) t.ok(doc.paths[path]?.get, `GET ${path}`);
  t.ok(doc.paths['/audience/count'].post, 'POST /audience/count');
  t.notOk(Object.keys(doc.paths).some((path) => path.startsWith('/console')), 'the console’s files are not API');
});

t.test('Swagger UI is served at /docs', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
});
