import * as z from 'zod';
import { compileExpression, goTypeOf, runExpression, templateFunctions, toJS, type ExprValue } from '../../expressions/index.js';
import { parseGoDuration } from '../../pipeline/index.js';
import type { HttpPort } from '../../ports/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored } from '../step-results.js';
import type { StepResult, StepRunContext } from '../types.js';
import { callPort, failureText } from './argocd-support.js';
import { buildHttpResponseValue, MAX_HTTP_BODY_BYTES } from './http-response.js';
import { describeIssues, errorText } from './support.js';

/** How long the `http` step waits for an answer unless `timeout` says otherwise (ms). */
export const HTTP_DEFAULT_TIMEOUT = 10_000;

/** How long the `http` step suggests waiting before asking again while its criteria are unmet (ms). */
export const HTTP_DEFAULT_POLL_INTERVAL = 30_000;

const durationSchema = z.string().refine((text) => {
  const parsed = parseGoDuration(text);
  return parsed.ok && parsed.value >= 0;
}, { message: 'must be a Go duration such as "30s" or "1m30s"' });

const pairSchema = z.strictObject({ name: z.string().min(1), value: z.string().min(1) });

const httpConfigSchema = z
  .strictObject({
    url: z.string().min(1),
    method: z.enum(['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']).optional(),
    headers: z.array(pairSchema).optional(),
    queryParams: z.array(pairSchema).optional(),
    body: z.string().optional(),
    bodyFromFile: z.string().min(1).optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
    proxy: z.string().regex(/^https?:\/\//, { message: 'must be an http:// or https:// URL' }).optional(),
    timeout: durationSchema.optional(),
    pollInterval: durationSchema.optional(),
    responseContentType: z.enum(['application/json', 'application/yaml', 'text/plain']).optional(),
    outputs: z.array(z.strictObject({ name: z.string().min(1), fromExpression: z.string().min(1) })).optional(),
    successExpression: z.string().optional(),
    failureExpression: z.string().optional(),
    errorExpression: z.string().optional(),
  })
  .refine((c) => !((c.body ?? '') !== '' && c.bodyFromFile !== undefined), { message: 'body and bodyFromFile are mutually exclusive', path: ['bodyFromFile'] });

type HttpConfig = z.output<typeof httpConfigSchema>;

/**
 * `http`: sends a request and judges the answer. Expressions (`successExpression`,
 * `failureExpression`, `errorExpression`, `outputs[].fromExpression`) are plain expr-lang
 * expressions over `response` (`status`, `headers`, `body`, `header(name)`). A true failure
 * expression fails the step for good (with the error expression's text, when it gives one); a
 * true success expression succeeds with the outputs. With neither expression, a 2xx status
 * succeeds and anything else fails. Otherwise the step is Running and asks again after
 * `pollInterval` (default 30s). A request that gets no answer is a retriable error. An
 * expression that does not compile is a terminal error. Needs `ports.http` (and `ports.workTree`
 * for `bodyFromFile`).
 */
export const httpStep = defineStep({
  uses: 'http',
  configSchema: httpConfigSchema,
  run: async (config, context): Promise<StepResult> => {
    const http: HttpPort | undefined = context.ports.http;
    if (http === undefined) return stepErrored('http needs an HTTP client: pass ports.http to runPromotion', { terminal: true });
    const url = withQueryParams(config.url, config.queryParams ?? []);
    if (url === undefined) return stepErrored(`error building HTTP request: invalid URL ${JSON.stringify(config.url)}`, { terminal: true });
    const body = await requestBody(config, context);
    if (!body.ok) return stepErrored(`error building HTTP request: ${body.message}`, { terminal: true });
    const timeout = config.timeout === undefined ? HTTP_DEFAULT_TIMEOUT : durationMs(config.timeout);
    const sent = await callPort(() =>
      http.send({
        method: config.method ?? 'GET',
        url,
        headers: config.headers ?? [],
        ...(body.text === undefined ? {} : { body: body.text }),
        timeout,
        ...(config.insecureSkipTLSVerify === true ? { insecureSkipTLSVerify: true } : {}),
        ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
        signal: context.signal,
      }),
    );
    if (!sent.ok) return stepErrored(`error sending HTTP request: ${failureText(sent.failure)}`);
    const built = buildHttpResponseValue(sent.value, config.responseContentType);
    if (!built.ok) return stepErrored(`error building expression context from HTTP response: ${built.message}`);
    const env = { response: built.value };
    const status = sent.value.status;

    const success = evaluateCriterion('success', config.successExpression, env, context.now);
    if ('result' in success) return success.result;
    const failure = evaluateCriterion('failure', config.failureExpression, env, context.now);
    if ('result' in failure) return failure.result;

    if (failure.value === true) {
      const message = errorMessageOf(config.errorExpression, env, context.now);
      if (typeof message !== 'string') return message.result;
      const text = message === '' ? `HTTP (${status}) response met failure criteria` : `HTTP (${status}) response met failure criteria: ${JSON.stringify(message)}`;
      return { status: 'Failed', error: { message: text, terminal: true } };
    }
    if (success.value === true || (success.value === undefined && failure.value === undefined && status >= 200 && status < 300)) {
      const outputs = buildOutputs(config.outputs ?? [], env, context.now);
      if ('result' in outputs) return outputs.result;
      return { status: 'Succeeded', output: outputs.value };
    }
    if (success.value === undefined && failure.value === undefined) {
      // Kargo reports this as Failed without an error, which its engine then retries forever;
      // waybill fails it with a retriable error, so retry.errorThreshold decides.
      return { status: 'Failed', error: { message: `HTTP (${status}) response is not a success (no success or failure expression given)`, terminal: false } };
    }
    const poll = config.pollInterval === undefined ? HTTP_DEFAULT_POLL_INTERVAL : durationMs(config.pollInterval);
    return { status: 'Running', retryAfter: poll, message: `HTTP (${status}) response met neither the success nor the failure criteria` };
  },
});

function durationMs(text: string): number {
  const parsed = parseGoDuration(text);
  return parsed.ok ? parsed.value : 0;
}

async function requestBody(config: HttpConfig, context: StepRunContext): Promise<{ ok: true; text?: string } | { ok: false; message: string }> {
  if (config.bodyFromFile === undefined) return { ok: true, text: config.body ?? '' };
  const tree = context.ports.workTree;
  if (tree === undefined) return { ok: false, message: `cannot read bodyFromFile ${JSON.stringify(config.bodyFromFile)}: pass ports.workTree to runPromotion` };
  try {
    const text = await tree.readFile(confinePath(config.bodyFromFile));
    if (text === undefined) return { ok: false, message: `could not read bodyFromFile ${JSON.stringify(config.bodyFromFile)}: no such file` };
    if (new TextEncoder().encode(text).length > MAX_HTTP_BODY_BYTES) return { ok: false, message: `could not read bodyFromFile ${JSON.stringify(config.bodyFromFile)}: larger than ${MAX_HTTP_BODY_BYTES} bytes` };
    return { ok: true, text };
  } catch (e) {
    return { ok: false, message: `could not read bodyFromFile ${JSON.stringify(config.bodyFromFile)}: ${errorText(e)}` };
  }
}

// Go's url.QueryEscape: everything but letters, digits and -_.~ is escaped, and a space is '+'.
function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function queryUnescape(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * The URL with query parameters added the way Go's `url.Values` does it: the existing query is
 * parsed, the new pairs appended, and the whole query re-encoded sorted by key. `undefined` when
 * the URL is not absolute or its query cannot be read.
 */
export function withQueryParams(url: string, params: readonly { readonly name: string; readonly value: string }[]): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]/.test(url)) return undefined;
  if (params.length === 0) return url;
  const hashAt = url.indexOf('#');
  const fragment = hashAt < 0 ? '' : url.slice(hashAt);
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1);
  const values = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    values.set(name, [...(values.get(name) ?? []), value]);
  };
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const value = queryUnescape(eq < 0 ? '' : part.slice(eq + 1));
    if (name === undefined || value === undefined) return undefined;
    add(name, value);
  }
  for (const p of params) add(p.name, p.value);
  const encoded = [...values.keys()]
    .sort()
    .flatMap((name) => (values.get(name) ?? []).map((value) => `${queryEscape(name)}=${queryEscape(value)}`))
    .join('&');
  return `${base}?${encoded}${fragment}`;
}

type Evaluated = { ok: true; value: ExprValue } | { ok: false; compile: boolean; message: string };

function evaluate(source: string, env: object, now: Date): Evaluated {
  const compiled = compileExpression(source);
  if (!compiled.ok) return { ok: false, compile: true, message: describeIssues(compiled.issues) };
  const run = runExpression(compiled.value, env, { functions: templateFunctions, now });
  if (!run.ok) return { ok: false, compile: false, message: describeIssues(run.issues) };
  return { ok: true, value: run.value };
}

/** A success or failure expression's verdict: true, false, or undefined when none is set. */
function evaluateCriterion(which: 'success' | 'failure', source: string | undefined, env: object, now: Date): { value: boolean | undefined } | { result: StepResult } {
  if (source === undefined || source === '') return { value: undefined };
  const evaluated = evaluate(source, env, now);
  if (!evaluated.ok) {
    if (evaluated.compile) return { result: stepErrored(`error evaluating ${which} criteria: error compiling ${which} expression ${JSON.stringify(source)}: ${evaluated.message}`, { terminal: true }) };
    return { result: stepErrored(`error evaluating ${which} criteria: error evaluating ${which} expression ${JSON.stringify(source)}: ${evaluated.message}`) };
  }
  if (typeof evaluated.value !== 'boolean') {
    return { result: stepErrored(`error evaluating ${which} criteria: ${which} expression ${JSON.stringify(source)} did not evaluate to a boolean (got ${goTypeOf(evaluated.value)})`) };
  }
  return { value: evaluated.value };
}

/** The error expression's text; '' when none is set, it fails at run time, or it gives no string. */
function errorMessageOf(source: string | undefined, env: object, now: Date): string | { result: StepResult } {
  if (source === undefined || source === '') return '';
  const evaluated = evaluate(source, env, now);
  if (!evaluated.ok) {
    if (evaluated.compile) return { result: stepErrored(`error compiling error expression ${JSON.stringify(source)}: ${evaluated.message}`, { terminal: true }) };
    // The response may not have the shape the expression expects: fall back to the plain message.
    return '';
  }
  return typeof evaluated.value === 'string' ? evaluated.value : '';
}

function buildOutputs(outputs: readonly { readonly name: string; readonly fromExpression: string }[], env: object, now: Date): { value: Record<string, unknown> } | { result: StepResult } {
  const value: Record<string, unknown> = {};
  for (const output of outputs) {
    const evaluated = evaluate(output.fromExpression, env, now);
    if (!evaluated.ok) {
      if (evaluated.compile) return { result: stepErrored(`error extracting outputs from HTTP response: error compiling output expression ${JSON.stringify(output.name)}: ${evaluated.message}`, { terminal: true }) };
      return { result: stepErrored(`error extracting outputs from HTTP response: error evaluating output expression ${JSON.stringify(output.name)}: ${evaluated.message}`) };
    }
    try {
      // defineProperty, so that an output named __proto__ is data like any other.
      Object.defineProperty(value, output.name, { value: toJS(evaluated.value), enumerable: true, writable: true, configurable: true });
    } catch (e) {
      return { result: stepErrored(`error extracting outputs from HTTP response: output ${JSON.stringify(output.name)}: ${errorText(e)}`) };
    }
  }
  return { value };
}
