// Survey engine benchmark: skip logic and computed results over 10,000 answer changes on the real intake.
// Runs the engine's TypeScript directly with Node 24 (same resolve hook as scripts/survey-check.js).
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

registerHooks({
	resolve(specifier, context, nextResolve) {
		if (
			(context.parentURL ?? '').endsWith('.ts') &&
			specifier.startsWith('.') &&
			!/\.[a-z]+$/i.test(specifier)
		) {
			return nextResolve(`${specifier}.ts`, context);
		}
		return nextResolve(specifier, context);
	}
});
const engine = await import('../src/lib/survey/index.ts');
const { parseDefinition } = await import('../src/lib/survey/schema/index.ts');

const definition = parseDefinition(
	JSON.parse(readFileSync('src/lib/survey/definitions/intake.json', 'utf8'))
);
const CHANGES = 10_000;

// A seeded generator, so every run makes the same changes.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];

function randomAnswer(item) {
	const options = item.options ?? definition.optionLists?.[item.optionList] ?? [];
	switch (item.type) {
		case 'single':
		case 'frequency':
			return { type: item.type, option: pick(options).id };
		case 'multiple':
			return { type: 'multiple', options: [pick(options).id] };
		case 'rank':
			return { type: 'rank', options: options.slice(0, item.pick).map((o) => o.id) };
		case 'faces5':
			return { type: 'faces5', value: 1 + Math.floor(random() * 5) };
		case 'faces3':
			return { type: 'faces3', value: 1 + Math.floor(random() * 3) };
		case 'scale10':
			return { type: 'scale10', value: Math.floor(random() * 11) };
		case 'yesno':
			return { type: 'yesno', value: random() < 0.5 };
		case 'number':
			return { type: 'number', value: item.min };
		case 'date':
			return { type: 'date', value: '2020-01-01' };
		case 'free':
			return { type: 'free', response: { mode: 'text', text: 'koken' } };
	}
}

const modules = definition.modules.map((m) => m.id);
let answers = {};
let applied = 0;
let rejected = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < CHANGES; i++) {
	const moduleId = pick(modules);
	const session = engine.createSession(definition, moduleId, answers);
	const visible = engine.visibleItems(session);
	if (!visible.length) continue;
	const item = pick(visible);
	const result = engine.setAnswer(session, item.id, randomAnswer(item));
	if (result.ok) {
		answers = result.session.answers;
		applied++;
	} else rejected++;
	engine.computeResults(definition, answers);
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
	JSON.stringify({
		changes: CHANGES,
		applied,
		rejected,
		totalMs: Math.round(ms),
		perChangeMicros: Math.round((ms * 1000) / CHANGES)
	})
);
