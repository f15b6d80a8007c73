// The SurveyJS page of the intake's first module (bench/surveyjs/convert.js), bundled and minified by the repo's own
// vite into a temporary folder, served as a normal server would: brotli or gzip by Accept-Encoding, precompressed at
// their highest levels as adapter-node's `precompress` does for Opstap. Nothing built is kept.
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { intakeFirstModule } from './convert.js';

const here = fileURLToPath(new URL('.', import.meta.url));

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.woff2': 'font/woff2'
};

/** Builds the page into a new temporary folder; returns its path (the caller removes it). */
export async function buildSurveyJsPage() {
	const { build } = await import('vite');
	const json = JSON.stringify(intakeFirstModule()).replace(/</g, '\\u003c');
	const outDir = mkdtempSync(join(tmpdir(), 'opstap-surveyjs-'));
	try {
		await build({
			configFile: false,
			root: here,
			base: './',
			logLevel: 'warn',
			publicDir: false,
			plugins: [{ name: 'survey-json', transformIndexHtml: (html) => html.replace('%SURVEY_JSON%', json) }],
			build: {
				outDir,
				emptyOutDir: true,
				minify: true,
				chunkSizeWarningLimit: 4096,
				reportCompressedSize: false
			}
		});
	} catch (error) {
		rmSync(outDir, { recursive: true, force: true });
		throw error;
	}
	return outDir;
}

/** Every file under dir, in memory, with its brotli and gzip forms. */
function load(dir) {
	const files = new Map();
	const walk = (d) => {
		for (const entry of readdirSync(d, { withFileTypes: true })) {
			const path = join(d, entry.name);
			if (entry.isDirectory()) walk(path);
			else {
				const body = readFileSync(path);
				const type = TYPES[extname(path)] ?? 'application/octet-stream';
				const compressible = !type.startsWith('font/');
				files.set(`/${relative(dir, path).split('\\').join('/')}`, {
					type,
					body,
					br: compressible
						? brotliCompressSync(body, {
								params: {
									[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
									[constants.BROTLI_PARAM_SIZE_HINT]: body.length
								}
							})
						: null,
					gzip: compressible ? gzipSync(body, { level: 9 }) : null
				});
			}
		}
	};
	walk(dir);
	return files;
}

/**
 * Builds the page and serves it on loopback (its own port). `stop()` closes the server and removes the build.
 * @returns {Promise<{ origin: string, url: string, stop: () => Promise<void> }>}
 */
export async function startSurveyJsServer() {
	const dir = await buildSurveyJsPage();
	// Should the bench fail before stop(), the build still goes when this process ends.
	const removeBuild = () => rmSync(dir, { recursive: true, force: true });
	process.once('exit', removeBuild);
	try {
		const files = load(dir);
		const server = http.createServer((request, response) => {
			const path = new URL(request.url ?? '/', 'http://x').pathname;
			const file = files.get(path === '/' ? '/index.html' : path);
			if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
				response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
				return;
			}
			const accepts = String(request.headers['accept-encoding'] ?? '')
				.split(',')
				.map((e) => e.split(';')[0].trim());
			const encoding =
				file.br && accepts.includes('br') ? 'br' : file.gzip && accepts.includes('gzip') ? 'gzip' : null;
			const body = encoding ? file[encoding] : file.body;
			response.writeHead(200, {
				'content-type': file.type,
				'content-length': body.length,
				vary: 'accept-encoding',
				'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
				...(encoding ? { 'content-encoding': encoding } : {})
			});
			response.end(request.method === 'HEAD' ? undefined : body);
		});
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', resolve);
		});
		const address = server.address();
		const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		return {
			origin,
			url: `${origin}/`,
			/** Raw, brotli and gzip bytes of the page's JavaScript files, as built. */
			js: [...files]
				.filter(([path]) => path.endsWith('.js'))
				.map(([path, f]) => ({ path, bytes: f.body.length, br: f.br?.length, gzip: f.gzip?.length })),
			stop: async () => {
				server.closeAllConnections();
				await new Promise((resolve) => server.close(() => resolve(undefined)));
				removeBuild();
				process.removeListener('exit', removeBuild);
			}
		};
	} catch (error) {
		removeBuild();
		process.removeListener('exit', removeBuild);
		throw error;
	}
}

// `node bench/surveyjs/page.js`: build, serve and wait (Ctrl-C or SIGTERM stops), to look at the page in a browser.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const page = await startSurveyJsServer();
	console.log(`SurveyJS page at ${page.url}`);
	console.log(JSON.stringify(page.js));
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.once(signal, () => page.stop().then(() => process.exit(0)));
}
