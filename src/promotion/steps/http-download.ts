import * as z from 'zod';
import { parseGoDuration } from '../../pipeline/index.js';
import type { HttpPort } from '../../ports/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored } from '../step-results.js';
import type { StepResult } from '../types.js';
import { callPort, failureText } from './argocd-support.js';
import { withQueryParams } from './http.js';
import { errorText, workTreeOf } from './support.js';

/** How long `http-download` waits for a download unless `timeout` says otherwise (ms): 5 minutes, as Kargo. */
export const HTTP_DOWNLOAD_DEFAULT_TIMEOUT = 5 * 60_000;

/** The largest download `http-download` accepts (100 MiB, as Kargo). */
export const MAX_HTTP_DOWNLOAD_BYTES = 100 << 20;

const pairSchema = z.strictObject({ name: z.string().min(1), value: z.string().min(1) });

const durationSchema = z.string().refine((text) => {
  const parsed = parseGoDuration(text);
  return parsed.ok && parsed.value >= 0;
}, { message: 'must be a Go duration such as "30s" or "5m"' });

/**
 * `http-download`: fetches `url` with a GET (plus `headers` and `queryParams`) through
 * `ports.http` and writes the body to `outPath` in the work tree (confined to it, mode 0600,
 * parent directories created). As in Kargo: an existing file is a terminal error unless
 * `allowOverwrite` is set; a non-2xx status fails the step (retriable); a body over 100 MiB fails
 * it for good; a request that gets no answer is a retriable error; `timeout` defaults to 5m.
 * The port carries text, so the body is written as the text the port returns (binary content
 * needs an embedder step that writes bytes).
 */
export const httpDownloadStep = defineStep({
  uses: 'http-download',
  configSchema: z.strictObject({
    url: z.string().min(1),
    outPath: z.string().min(1),
    allowOverwrite: z.boolean().optional(),
    headers: z.array(pairSchema).optional(),
    queryParams: z.array(pairSchema).optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
    timeout: durationSchema.optional(),
  }),
  run: async (config, context): Promise<StepResult> => {
    const wt = workTreeOf(context, 'http-download');
    if ('result' in wt) return wt.result;
    const http: HttpPort | undefined = context.ports.http;
    if (http === undefined) return stepErrored('http-download needs an HTTP client: pass ports.http to runPromotion', { terminal: true });
    const path = confinePath(config.outPath);
    if (path === '') return stepErrored(`outPath ${JSON.stringify(config.outPath)} names the work directory itself`, { terminal: true });
    try {
      const existing = await wt.tree.lstat(path);
      if (existing === 'directory') return stepErrored(`outPath ${JSON.stringify(config.outPath)} is a directory`, { terminal: true });
      if (existing !== undefined && config.allowOverwrite !== true) {
        return stepErrored(`file already exists at ${config.outPath} and overwrite is not allowed`, { terminal: true });
      }
    } catch (e) {
      return stepErrored(`error checking destination file: ${errorText(e)}`);
    }
    const url = withQueryParams(config.url, config.queryParams ?? []);
    if (url === undefined) return stepErrored(`error building HTTP request: invalid URL ${JSON.stringify(config.url)}`, { terminal: true });
    const timeoutText = config.timeout;
    const parsedTimeout = timeoutText === undefined ? undefined : parseGoDuration(timeoutText);
    const timeout = parsedTimeout?.ok === true ? parsedTimeout.value : HTTP_DOWNLOAD_DEFAULT_TIMEOUT;
    const sent = await callPort(() =>
      http.send({
        method: 'GET',
        url,
        headers: config.headers ?? [],
        timeout,
        ...(config.insecureSkipTLSVerify === true ? { insecureSkipTLSVerify: true } : {}),
        signal: context.signal,
      }),
    );
    if (!sent.ok) return stepErrored(`error sending HTTP request: ${failureText(sent.failure)}`);
    const { status, body } = sent.value;
    if (!(status >= 200 && status < 300)) return { status: 'Failed', error: { message: `HTTP request failed with status ${status}`, terminal: false } };
    if (typeof body !== 'string') return stepErrored('the HTTP client answered without a text body');
    if (new TextEncoder().encode(body).length > MAX_HTTP_DOWNLOAD_BYTES) {
      return { status: 'Failed', error: { message: `download exceeds limit of ${MAX_HTTP_DOWNLOAD_BYTES} bytes`, terminal: true } };
    }
    try {
      await wt.tree.writeFile(path, body, { mode: 0o600 });
    } catch (e) {
      return stepErrored(`failed to write downloaded file ${JSON.stringify(config.outPath)}: ${errorText(e)}`);
    }
    return { status: 'Succeeded' };
  },
});
