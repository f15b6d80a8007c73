// The route tree of src/routes as the server sees it: every page (its load), every form action by name and every
// endpoint method. Read from the source files with TypeScript's parser, so a new route, action or method shows up
// here without anyone listing it (the access matrix and the fuzz test fail for an operation they do not know).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

export type RouteOperation =
	| { routeId: string; kind: 'page' }
	| { routeId: string; kind: 'action'; name: string }
	| { routeId: string; kind: 'endpoint'; method: string };

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const ROUTES_DIR = join(process.cwd(), 'src', 'routes');

function exportedNames(source: ts.SourceFile): Map<string, ts.Expression | undefined> {
	const names = new Map<string, ts.Expression | undefined>();
	for (const statement of source.statements) {
		const exported = ts.canHaveModifiers(statement)
			? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
			: false;
		if (!exported) continue;
		if (ts.isVariableStatement(statement)) {
			for (const d of statement.declarationList.declarations)
				if (ts.isIdentifier(d.name)) names.set(d.name.text, d.initializer);
		} else if (ts.isFunctionDeclaration(statement) && statement.name) {
			names.set(statement.name.text, undefined);
		}
	}
	return names;
}

function actionNames(initializer: ts.Expression | undefined): string[] {
	let node = initializer;
	while (
		node &&
		(ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node))
	)
		node = node.expression;
	if (!node || !ts.isObjectLiteralExpression(node)) throw new Error('actions is not an object literal');
	return node.properties.map((p) => {
		if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
			throw new Error('an action without a plain name');
		return p.name.text;
	});
}

function parse(file: string) {
	return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every operation of the app, in a stable order. */
export function routeOperations(dir = ROUTES_DIR): RouteOperation[] {
	const found: RouteOperation[] = [];
	const walk = (folder: string) => {
		const entries = readdirSync(folder).sort();
		const rel = relative(ROUTES_DIR, folder).split(sep).join('/');
		const routeId = rel ? `/${rel}` : '/';
		if (entries.includes('+page.svelte') || entries.includes('+page.server.ts')) {
			found.push({ routeId, kind: 'page' });
			if (entries.includes('+page.server.ts')) {
				const actions = exportedNames(parse(join(folder, '+page.server.ts')));
				if (actions.has('actions'))
					for (const name of actionNames(actions.get('actions')))
						found.push({ routeId, kind: 'action', name });
			}
		}
		if (entries.includes('+server.ts')) {
			for (const name of exportedNames(parse(join(folder, '+server.ts'))).keys())
				if (HTTP_METHODS.includes(name)) found.push({ routeId, kind: 'endpoint', method: name });
		}
		for (const entry of entries) {
			const path = join(folder, entry);
			if (statSync(path).isDirectory()) walk(path);
		}
	};
	walk(dir);
	return found;
}

/** A readable key for one operation: `GET /coach/voice/[lang]`, `POST /coach/voice/[lang]?/delete`. */
export function operationKey(op: RouteOperation): string {
	if (op.kind === 'page') return `GET ${op.routeId}`;
	if (op.kind === 'endpoint') return `${op.method} ${op.routeId}`;
	return op.name === 'default' ? `POST ${op.routeId}` : `POST ${op.routeId}?/${op.name}`;
}

/** The URL path of a route id with its parameters filled in; groups like `(participant)` are not in the path. */
export function pathOf(routeId: string, params: Record<string, string>): string {
	const path = routeId
		.split('/')
		.filter((segment) => !/^\(.+\)$/.test(segment))
		.map((segment) =>
			segment.replace(/\[([^\]]+)\]/g, (_, name: string) => {
				const value = params[name];
				if (value === undefined) throw new Error(`no value for [${name}] in ${routeId}`);
				return encodeURIComponent(value);
			})
		)
		.join('/');
	return path || '/';
}
