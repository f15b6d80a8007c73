import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from '../../src/lib/server/http/compression';

const html = `<!doctype html><p>${'Hoe gaat het met u? '.repeat(200)}</p>`;
const request = (acceptEncoding: string | null, method = 'GET') =>
	new Request('http://localhost/', {
		method,
		headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding }
	});
const page = (body: BodyInit | null = html, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html', ...headers } });

describe('chooseEncoding', () => {
	it.each([
		['gzip, deflate, br, zstd', 'br'],
		['gzip', 'gzip'],
		['br;q=0, gzip', 'gzip'],
		['gzip;q=1, br;q=0.5', 'gzip'],
		['identity', null],
		['*', 'br'],
		['*, br;q=0', 'gzip'],
		['', null],
		[null, null]
	])('%s → %s', (header, expected) => {
		expect(chooseEncoding(header)).toBe(expected);
	});
});

describe('compressResponse', () => {
	it('sends brotli to a client that takes it, smaller, with Vary and no stale length', async () => {
		const response = compressResponse(
			request('gzip, br'),
			page(html, { 'content-length': String(html.length), etag: '"abc"' })
		);
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('etag')).toBe('W/"abc"');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(html.length / 5);
		expect(brotliDecompressSync(bytes).toString()).toBe(html);
	});

	it('sends gzip when that is all the client takes, and keeps the other Vary headers', async () => {
		const response = compressResponse(request('gzip'), page(html, { vary: 'Cookie' }));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toBe('Cookie, Accept-Encoding');
		expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(html);
	});

	it('passes a streamed body through chunk by chunk (the first part arrives before the last is written)', async () => {
		let finish!: () => void;
		const encoder = new TextEncoder();
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(encoder.encode(html));
				await new Promise<void>((resolve) => (finish = resolve));
				controller.enqueue(encoder.encode('<p>later</p>'));
				controller.close();
			}
		});
		const response = compressResponse(request('gzip'), page(stream));
		const reader = response.body!.getReader();
		const first = await reader.read();
		// Decodable on its own: the encoder flushed after the first chunk instead of waiting for more.
		const { inflateRawSync } = await import('node:zlib');
		const partial = inflateRawSync(Buffer.from(first.value!).subarray(10), { finishFlush: 2 });
		expect(partial.toString()).toBe(html);
		finish();
		const rest: Uint8Array[] = [first.value!];
		for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
		expect(gunzipSync(Buffer.concat(rest)).toString()).toBe(`${html}<p>later</p>`);
	});

	it.each([
		['a client without compression', request('identity'), page()],
		['a HEAD request', request('br', 'HEAD'), page()],
		['a small response', request('br'), page('<p>ok</p>', { 'content-length': '9' })],
		['a body already encoded', request('br'), page(html, { 'content-encoding': 'gzip' })],
		['no-transform', request('br'), page(html, { 'cache-control': 'no-transform' })]
	])('leaves %s alone (the same response, still saying Vary: Accept-Encoding)', (_, req, response) => {
		const encoding = response.headers.get('content-encoding');
		expect(compressResponse(req, response)).toBe(response);
		expect(response.headers.get('content-encoding')).toBe(encoding);
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
	});

	it.each(['audio/ogg', 'image/jpeg', 'font/woff2', 'application/pdf', 'application/octet-stream'])(
		'never compresses %s (compressed already) and does not add Vary for it',
		(type) => {
			const response = new Response(new Uint8Array(5000), { headers: { 'content-type': type } });
			const result = compressResponse(request('br, gzip'), response);
			expect(result).toBe(response);
			expect(result.headers.get('content-encoding')).toBeNull();
			expect(result.headers.get('vary')).toBeNull();
		}
	);
});
