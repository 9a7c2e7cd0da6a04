/* eslint-disable @typescript-eslint/no-explicit-any -- the document is read as plain JSON */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'chai';
import { EDGE_ERRORS } from '../../../src/adapters/http/edge-errors.js';
import { errorEntry } from '../../../src/adapters/http/error-catalogue.js';
import { DOMAIN_ERROR_ANSWERS } from '../../../src/adapters/http/error-mapping.js';
import { createRouters } from '../../../src/adapters/http/http-app.js';
import type { HttpDeps } from '../../../src/adapters/http/http.deps.js';
import { errorKeysOf, openApiDocument } from '../../../src/adapters/http/openapi/openapi-document.js';
import { ROUTES } from '../../../src/adapters/http/routes/index.js';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

const document: any = openApiDocument(ROUTES);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every "METHOD /path" the document describes. */
function documented(): string[] {
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document (/openapi.json)', () => {
  let shop: MemoryHttpShop;
  before(async () => {
    shop = await startMemoryHttpShop();
  });
  after(() => shop.close());

  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(validator.version).to.equal('3.1');
  });

  it('describes every route the routers know, and nothing else', () => {
    const { api, root } = createRouters({} as HttpDeps, 'https://cdn.test/images');
    const known = [...api.stack, ...root.stack].flatMap((layer) =>
      layer.methods
        // koa-router answers HEAD for every GET by itself.
        .filter((method) => method !== 'HEAD')
        .map((method) => `${method} ${String(layer.path).replace('/api/:version', API).replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(known.length).to.be.greaterThan(20);
    expect(documented()).to.have.members(known);
  });

  it('is what the shop serves at /openapi.json', async () => {
    const served = await shop.http.get('/openapi.json');
    expect(served.status).to.equal(200);
    expect(served.headers.get('content-type')).to.match(/^application\/json/);
    expect(served.body).to.deep.equal(JSON.parse(JSON.stringify(document)));
  });

  it('names the token header as the security scheme of every scoped route, with its scope', () => {
    expect(document.components.securitySchemes.token).to.deep.include({ type: 'apiKey', in: 'header', name: 'token' });
    for (const route of ROUTES) {
      const operation = documentedOperation(route.method, route.path, route.root);
      if (route.scope) {
        expect(operation.security, route.operationId).to.deep.equal([{ token: [] }]);
        expect(operation['x-scope']).to.equal(route.scope);
        expect(operation.responses['401'], route.operationId).to.not.equal(undefined);
        expect(operation.responses['403'], route.operationId).to.not.equal(undefined);
      } else {
        expect(operation.security, route.operationId).to.equal(undefined);
      }
    }
  });

  it('lists every error code each route can answer, from the one error table (domain and edge)', () => {
    expect(Object.keys(DOMAIN_ERROR_ANSWERS).every((code) => errorEntry(code as keyof typeof DOMAIN_ERROR_ANSWERS).when)).to.equal(true);
    const refund = documentedOperation('post', '/order/refund');
    const codes = (status: string) => refund.responses[status].content['application/json'].schema.properties.error_code.enum;
    expect(codes('404')).to.deep.equal([80000]);
    expect(codes('409')).to.deep.equal([80006]);
    expect(codes('400')).to.have.members([10000]);
    expect(codes('401')).to.deep.equal([10001]);
    const login = documentedOperation('post', '/token/app');
    expect(login.responses['429'].headers['Retry-After']).to.not.equal(undefined);
    expect(codes.call(null, '401')).to.deep.equal([10001]);
    for (const route of ROUTES) {
      for (const key of errorKeysOf(route)) {
        const entry = errorEntry(key);
        const response = documentedOperation(route.method, route.path, route.root).responses[String(entry.status)];
        expect(JSON.stringify(response.content['application/json'].schema), `${route.operationId} ${key}`).to.include(String(entry.errorCode));
      }
    }
    expect(Object.keys(EDGE_ERRORS)).to.include.members(['TOKEN.INVALID', 'SERVICE.UNAVAILABLE', 'INTERNAL']);
  });

  it('has examples that fit their own schemas: request bodies (by the route’s ajv validator), answers and errors', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document, 'openapi.json');
    for (const route of ROUTES) {
      if (route.body?.kind === 'json') expect(route.body.validate(route.body.example), route.operationId).to.equal(true);
      for (const [status, response] of Object.entries<any>(documentedOperation(route.method, route.path, route.root).responses)) {
        for (const [type, content] of Object.entries<any>(response.content ?? {})) {
          const validate = ajv.compile({ $ref: `openapi.json#/paths/${pointer(documentPathOf(route))}/${route.method}/responses/${status}/content/${pointer(type)}/schema` });
          const examples = content.examples ? Object.values<any>(content.examples).map((example) => example.value) : [content.example];
          for (const example of examples) expect(validate(example), `${route.operationId} ${status}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
        }
      }
    }
  });
});

const pointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
const documentPathOf = (route: { path: string; root?: boolean }) => (route.root ? '' : API) + route.path.replace(/:(\w+)/g, '{$1}');
const documentedOperation = (method: string, path: string, root?: boolean): any => document.paths[documentPathOf({ path, root })][method];
