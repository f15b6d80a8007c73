// `npm start`: builds Opstap when the build is missing or older than the sources, then serves it.
// The server applies the database migrations and, on the embedded database, seeds the demo data and
// prints the demo logins. `npm start -- --reset-demo` puts the demo data back as new.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// `npm install` brings Node 24 (the optional dependency `node`) into node_modules/.bin, which npm puts first on PATH
// for its scripts: `npm start` runs on it whatever Node the machine has. A direct `node scripts/start.js` on an
// older Node ends up here, or `npm start` where npm had no binary for the platform (it is optional; README).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
	console.error(
		`Opstap needs Node.js 24 (this is ${process.version}). Run \`npm start\` (after \`npm install\`, it uses the Node 24 in node_modules). See README.md, "Quick start".`
	);
	process.exit(1);
}

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'static', 'locales', 'svelte.config.js', 'vite.config.ts', 'package.json'];
const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
if (!built || Math.max(...sources.map(newest)) > built) {
	console.log('Building Opstap (first start or changed sources)…');
	const result = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--reset-demo')) process.env.OPSTAP_RESET_DEMO = '1';
process.env.PORT ??= '3000';
// adapter-node assumes https without ORIGIN; on a laptop it is plain http. Set ORIGIN in production (README).
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
process.env.NODE_ENV ??= 'production';
// adapter-node's handler behind the security headers for every response, static files included (scripts/server.js).
await import('./server.js');
