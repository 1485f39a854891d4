import type { HttpPort } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';
import { aborted, expectFailure, expectSuccess, settle } from './registry-contract.js';

/**
 * The endpoints {@link httpContract} sends requests to. A real adapter is tested against a small
 * server that behaves like this; the in-memory one against a handler that does.
 */
export interface HttpContractFixture {
  /**
   * Answers 200 with the header `X-Waybill-Echo: yes` and a JSON body describing the request:
   * `{ method, url, headers: { <lower-case name>: [values] }, body }`.
   */
  readonly echoURL: string;
  /** Answers with the status given in its `code` query parameter (`<statusURL>?code=404`) and an empty body. */
  readonly statusURL: string;
  /** A URL that nothing answers at. */
  readonly unreachableURL: string;
}

/** The endpoints {@link httpContract} uses by default. */
export const httpContractFixture: HttpContractFixture = {
  echoURL: 'http://contract.example.com/echo',
  statusURL: 'http://contract.example.com/status',
  unreachableURL: 'http://unreachable.example.invalid/',
};

interface Echo {
  readonly method?: string;
  readonly url?: string;
  readonly headers?: Record<string, string[]>;
  readonly body?: string;
}

function readEcho(body: string): Echo {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Echo) : {};
  } catch {
    return {};
  }
}

/**
 * The contract every {@link HttpPort} must keep, as checks that run under any test runner.
 * `factory` is called once per check and must give a port that reaches `fixture`'s endpoints
 * (by default {@link httpContractFixture}).
 */
export function httpContract(factory: Factory<HttpPort>, fixture: HttpContractFixture = httpContractFixture): ContractCheck[] {
  return [
    {
      name: 'HttpPort.send() delivers the method, URL, headers and body',
      async run() {
        const port = await factory();
        const url = `${fixture.echoURL}?a=1`;
        const response = expectSuccess(
          await settle(() => port.send({ method: 'POST', url, headers: [{ name: 'X-Token', value: 'one' }, { name: 'X-Token', value: 'two' }, { name: 'Content-Type', value: 'text/plain' }], body: 'hello', timeout: 5000 }), 'send'),
          'POST to the echo endpoint',
        );
        expectThat(response.status === 200, `the echo endpoint answered ${response.status}`);
        const echo = readEcho(response.body);
        expectThat(echo.method === 'POST', `the server saw method ${JSON.stringify(echo.method)}`);
        expectThat(echo.url === url, `the server saw URL ${JSON.stringify(echo.url)}`);
        expectThat(echo.body === 'hello', `the server saw body ${JSON.stringify(echo.body)}`);
        expectThat(JSON.stringify(echo.headers?.['x-token'] ?? []) === JSON.stringify(['one', 'two']), `the server saw X-Token ${JSON.stringify(echo.headers?.['x-token'])}`);
      },
    },
    {
      name: 'HttpPort.send() reports response headers by lower-case name',
      async run() {
        const response = expectSuccess(await settle(async () => (await factory()).send({ method: 'GET', url: fixture.echoURL }), 'send'), 'GET the echo endpoint');
        expectThat(JSON.stringify(response.headers['x-waybill-echo'] ?? []) === JSON.stringify(['yes']), `headers are ${JSON.stringify(response.headers)}`);
        expectThat(Object.keys(response.headers).every((k) => k === k.toLowerCase()), `header names are not all lower case: ${Object.keys(response.headers).join(', ')}`);
      },
    },
    {
      name: 'HttpPort.send() answers a 4xx or 5xx status as a response, not a failure',
      async run() {
        const port = await factory();
        for (const code of [404, 500, 503]) {
          const response = expectSuccess(await settle(() => port.send({ method: 'GET', url: `${fixture.statusURL}?code=${code}` }), 'send'), `GET status ${code}`);
          expectThat(response.status === code, `asked for ${code}, got ${response.status}`);
        }
      },
    },
    {
      name: 'HttpPort.send() to a server that does not answer is a retryable transport failure',
      async run() {
        const result = await settle(async () => (await factory()).send({ method: 'GET', url: fixture.unreachableURL, timeout: 2000 }), 'send');
        expectFailure(result, 'transport', 'a request nobody answers');
        expectThat(!result.ok && result.failure.retryable, 'an unanswered request is not reported as retryable');
      },
    },
    {
      name: 'HttpPort.send() with a fired AbortSignal resolves to a cancelled failure',
      async run() {
        const result = await settle(async () => (await factory()).send({ method: 'GET', url: fixture.echoURL, signal: aborted() }), 'send');
        expectFailure(result, 'cancelled', 'a request with a fired signal');
      },
    },
  ];
}
