import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { ApiError } from './api-error.js';
import { Answer, SerialisedData, type SerialisedJson } from './envelope.js';
import { EtagInterceptor } from './etag.interceptor.js';

interface FakeRequest {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  etagRequest?: { etag: string | undefined };
}

/** Runs the interceptor around a handler that returns `result`; gives the request as left and the headers answered. */
async function intercept(request: FakeRequest, result: unknown): Promise<{ request: FakeRequest; headers: Record<string, string>; returned: unknown }> {
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => ((headers[name] = value), reply) };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of(result) };
  const returned = await lastValueFrom(new EtagInterceptor().intercept(context, next));
  return { request, headers, returned };
}

/** JSON already serialised, as the stations' read model makes it. */
const json: SerialisedJson = { toBuffer: (before, after) => Buffer.from(`${before}{}${after}`), release: () => undefined };

const A = '5f0c7b1e-2a4d-4c1b-9a8e-0d3f6b7c8e91';
const B = 'a4b2c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

describe('EtagInterceptor', () => {
  it.each([
    ['If-Match only', { 'if-match': `"${A}"` }, {}, A],
    ['body etag only', {}, { etag: A }, A],
    ['both, equal', { 'if-match': `"${A}"` }, { etag: A }, A],
    ['If-Match: * (any version)', { 'if-match': '*' }, {}, '*'],
    ['If-Match: * with a body etag: the body etag', { 'if-match': '*' }, { etag: A }, A],
    ['neither', {}, {}, undefined],
    ['a body etag that is not a string (left to validation)', {}, { etag: 42 }, undefined],
  ])('a write with %s asks for %s', async (_case, headers, body, expected) => {
    for (const method of ['PUT', 'PATCH']) {
      const { request } = await intercept({ method, headers, body }, {});
      expect(request.etagRequest).toEqual({ etag: expected });
    }
  });

  it('refuses a write whose If-Match and body etag differ: 400 naming etag, before the handler runs', () => {
    const context = {
      switchToHttp: () => ({ getRequest: () => ({ method: 'PUT', headers: { 'if-match': A }, body: { etag: B } }), getResponse: () => ({}) }),
    } as unknown as ExecutionContext;
    let handled = false;
    const next: CallHandler = { handle: () => ((handled = true), of({})) };
    let thrown: unknown;
    try {
      new EtagInterceptor().intercept(context, next);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).httpStatus).toBe(400);
    expect((thrown as ApiError).errors).toEqual([{ field: 'etag', message: 'etag in the body differs from the If-Match header' }]);
    expect(handled).toBe(false);
  });

  it('reads nothing on a GET', async () => {
    const { request } = await intercept({ method: 'GET', headers: { 'if-match': A } }, {});
    expect(request.etagRequest).toBeUndefined();
  });

  it.each([
    ['an object with its etag', { name: 'x', etag: A }, `"${A}"`],
    ['an Answer with the station\'s etag (EVSE endpoints)', new Answer({ uid: 'U-1' }, { etag: A }), `"${A}"`],
    ['an Answer of an object with its etag (a PUT that created)', new Answer({ name: 'x', etag: A }, { created: true }), `"${A}"`],
    ['serialised data with its etag (GET of a station)', new SerialisedData(json, A), `"${A}"`],
    ['an Answer without an etag (a template)', new Answer({ template_id: 'T' }, { created: true }), undefined],
    ['an object without an etag', { name: 'x' }, undefined],
    ['nothing', undefined, undefined],
  ])('answers the ETag of %s', async (_case, result, expected) => {
    const { headers, returned } = await intercept({ method: 'GET', headers: {} }, result);
    expect(headers.ETag).toBe(expected);
    expect(returned).toBe(result);
  });
});
