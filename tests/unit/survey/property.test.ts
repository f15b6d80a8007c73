/**
 * Property tests: random definitions and random sequences of participant actions, replayed from a seed, with the
 * engine's invariants checked after every step. A failure names its seed, so it can be replayed alone.
 */
import { describe, expect, it } from 'vitest';
import {
	ITEM_TYPES,
	clearAnswer,
	computeResults,
	createSession,
	evaluateCondition,
	goTo,
	isComplete,
	next,
	previous,
	progress,
	setAnswer,
	visibleItems,
	type Answer,
	type AnswerMap,
	type Comparison,
	type Condition,
	type FreeMode,
	type Item,
	type Option,
	type Questionnaire,
	type Session
} from '../../../src/lib/survey';
import { validateDefinition } from '../../../src/lib/survey/schema';
import { lookup } from '../../../src/lib/survey/lookup';
import { weekDefinition } from '../../../src/lib/survey/fixtures';
import { openModule } from '../../../src/lib/survey/client';
import { definitionForModule } from '../../../src/lib/survey';
import intake from '../../../src/lib/survey/definitions/intake.json';
import evaluation from '../../../src/lib/survey/definitions/evaluation.json';

// ---------------------------------------------------------------------------------------------------------------
// A tiny seeded generator (mulberry32): the same seed gives the same sequence on every machine.

interface Random {
	next(): number;
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(values: readonly T[]): T;
	shuffle<T>(values: readonly T[]): T[];
}

function seeded(seed: number): Random {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(values: readonly T[]): T => {
		const value = values[int(0, values.length - 1)];
		if (value === undefined) throw new Error('pick from an empty list');
		return value;
	};
	const shuffle = <T>(values: readonly T[]): T[] => {
		const copy = [...values];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = int(0, i);
			[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
		}
		return copy;
	};
	return { next, int, chance: (p) => next() < p, pick, shuffle };
}

// ---------------------------------------------------------------------------------------------------------------
// Random definitions

// Notes have no answer to generate, compare or refuse; tests/unit/survey/note.test.ts covers them.
const TYPES: readonly Item['type'][] = ITEM_TYPES.filter((t) => t !== 'note');

function randomOptions(random: Random, prefix: string): Option[] {
	return Array.from({ length: random.int(2, 4) }, (_, i) => ({
		id: `${prefix}o${i}`,
		text: `t.${prefix}o${i}`,
		pictogram: 'ok'
	}));
}

function randomItem(random: Random, id: string): Item {
	const base = {
		id,
		text: `t.${id}`,
		pictogram: 'ok',
		required: random.chance(0.5) || undefined,
		allowPreferNot: random.chance(0.3) || undefined,
		allowDontKnow: random.chance(0.2) || undefined
	};
	const type = random.pick(TYPES);
	switch (type) {
		case 'single':
		case 'frequency':
			return { ...base, type, options: randomOptions(random, id) };
		case 'multiple': {
			const options = randomOptions(random, id);
			const [first] = options;
			if (first && random.chance(0.5)) first.exclusive = true;
			const other = random.chance(0.5) ? { text: `t.${id}.other`, pictogram: 'ok' } : undefined;
			return { ...base, type, options, ...(other ? { other } : {}) };
		}
		case 'rank': {
			const options = randomOptions(random, id);
			return { ...base, type, options, pick: random.int(1, options.length) };
		}
		case 'faces5':
			return { ...base, type, scale: random.pick(['agreement', 'satisfaction'] as const) };
		case 'faces3':
		case 'yesno':
			return { ...base, type };
		case 'scale10':
			return { ...base, type, minLabel: 't.min', maxLabel: 't.max' };
		case 'number': {
			const min = random.int(-5, 5);
			return { ...base, type, min, max: min + random.int(0, 20) };
		}
		case 'date':
			return { ...base, type, min: '2000-01-01', max: '2030-12-31' };
		case 'free': {
			const modes = random.pick<FreeMode[]>([['audio'], ['text'], ['audio', 'text']]);
			const maxLength = modes.includes('text') && random.chance(0.5) ? 30 : undefined;
			return { ...base, type, modes, maxLength };
		}
		case 'note': {
			return { ...base, type };
		}
	}
}

/** A comparison that fits `target` (as validate.ts demands), so the generated definitions are valid. */
function randomComparison(random: Random, target: Item, options: readonly Option[]): Comparison {
	const item = target.id;
	const optionId = (): string => random.pick(options).id;
	switch (target.type) {
		case 'single':
		case 'frequency':
			return random.pick<Comparison>([
				{ item, op: 'equals', value: optionId() },
				{ item, op: 'notEquals', value: optionId() },
				{ item, op: 'in', value: [optionId(), optionId()] },
				{ item, op: 'notIn', value: [optionId()] },
				{ item, op: 'answered' }
			]);
		case 'multiple':
		case 'rank':
			return random.chance(0.8) ? { item, op: 'includes', value: optionId() } : { item, op: 'answered' };
		case 'yesno':
			return { item, op: random.pick(['equals', 'notEquals'] as const), value: random.chance(0.5) };
		case 'faces5':
		case 'faces3':
		case 'scale10':
		case 'number': {
			const range =
				target.type === 'number'
					? { min: target.min, max: target.max }
					: {
							min: target.type === 'scale10' ? 0 : 1,
							max: { faces5: 5, faces3: 3, scale10: 10 }[target.type]
						};
			return {
				item,
				op: random.pick(['gte', 'lte', 'equals'] as const),
				value: random.int(range.min, range.max)
			};
		}
		case 'date':
			return { item, op: random.pick(['gte', 'lte'] as const), value: `20${random.int(10, 29)}-06-15` };
		case 'free':
			return { item, op: 'answered' };
		case 'note':
			throw new Error('notes are not generated');
	}
}

function randomCondition(random: Random, candidates: readonly Item[], depth = 0): Condition {
	const comparison = (): Condition => {
		const target = random.pick(candidates);
		const options = 'options' in target && target.options ? target.options : [];
		return randomComparison(random, target, options);
	};
	if (depth >= 2 || random.chance(0.6)) return comparison();
	const group = random.pick(['all', 'any', 'not'] as const);
	if (group === 'not') return { not: randomCondition(random, candidates, depth + 1) };
	const parts = Array.from({ length: random.int(1, 3) }, () =>
		randomCondition(random, candidates, depth + 1)
	);
	return group === 'all' ? { all: parts } : { any: parts };
}

function randomDefinition(random: Random): Questionnaire {
	const earlier: Item[] = [];
	const modules: Questionnaire['modules'] = [];
	const moduleCount = random.int(1, 3);
	for (let m = 0; m < moduleCount; m++) {
		const showIf = earlier.length > 0 && random.chance(0.3) ? randomCondition(random, earlier) : undefined;
		const items: Item[] = [];
		for (let i = 0, count = random.int(2, 7); i < count; i++) {
			const item = randomItem(random, `m${m}i${i}`);
			if (earlier.length > 0 && random.chance(0.5)) item.showIf = randomCondition(random, earlier);
			items.push(item);
			earlier.push(item);
		}
		modules.push({ id: `m${m}`, title: `t.m${m}`, pictogram: 'ok', items, ...(showIf ? { showIf } : {}) });
	}
	const computed: NonNullable<Questionnaire['computed']> = [
		{
			id: 'ladder',
			fn: 'participatieladder',
			args: {
				rung2: randomCondition(random, earlier),
				rung3: randomCondition(random, earlier),
				rung4: randomCondition(random, earlier),
				rung5: randomCondition(random, earlier),
				rung6: randomCondition(random, earlier)
			}
		}
	];
	const faces = earlier.filter((item) => item.type === 'faces3' || item.type === 'faces5');
	if (faces.length > 0) {
		computed.push({
			id: 'domains',
			fn: 'lifeDomainScores',
			args: { domains: faces.map((item, i) => ({ id: `d${i}`, aspects: { a: item.id } })) }
		});
	}
	const single = earlier.find((item) => item.type === 'single');
	if (single?.type === 'single' && single.options) {
		const scores = Object.fromEntries(single.options.map((o, i) => [o.id, (i % 5) - 2]));
		computed.push({ id: 'goal', fn: 'goalAttainment', args: { item: single.id, scores } });
	}
	return { id: 'random', version: '1.0.0', title: 't.random', modules, computed };
}

// ---------------------------------------------------------------------------------------------------------------
// Random answers

function randomText(random: Random, maxLength: number | undefined): string {
	return 'x'.repeat(random.int(1, Math.min(maxLength ?? 40, 40)));
}

function randomValidAnswer(random: Random, item: Item, options: readonly Option[]): Answer {
	if (item.allowPreferNot && random.chance(0.1)) return { type: 'preferNot' };
	if (item.allowDontKnow && random.chance(0.1)) return { type: 'dontKnow' };
	switch (item.type) {
		case 'single':
		case 'frequency':
			return { type: item.type, option: random.pick(options).id };
		case 'multiple': {
			const exclusive = options.find((o) => o.exclusive);
			if (exclusive && random.chance(0.2)) return { type: 'multiple', options: [exclusive.id] };
			const others = options.filter((o) => !o.exclusive);
			const chosen = random.shuffle(others).slice(0, random.int(item.other ? 0 : 1, others.length));
			const other = item.other && (chosen.length === 0 || random.chance(0.3));
			return {
				type: 'multiple',
				options: chosen.map((o) => o.id),
				...(other ? { other: { mode: 'text' as const, text: randomText(random, undefined) } } : {})
			};
		}
		case 'rank':
			return {
				type: 'rank',
				options: random.shuffle(options.map((o) => o.id)).slice(0, random.int(1, item.pick))
			};
		case 'faces5':
			return { type: 'faces5', value: random.int(1, 5) };
		case 'faces3':
			return { type: 'faces3', value: random.int(1, 3) };
		case 'scale10':
			return { type: 'scale10', value: random.int(0, 10) };
		case 'number':
			return { type: 'number', value: random.int(item.min, item.max) };
		case 'yesno':
			return { type: 'yesno', value: random.chance(0.5) };
		case 'date': {
			const year = random.int(2000, 2030);
			return { type: 'date', value: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-28` };
		}
		case 'free': {
			const mode = random.pick(item.modes ?? (['audio', 'text'] as const));
			return {
				type: 'free',
				response:
					mode === 'audio'
						? { mode, clip: `clip-${random.int(1, 99)}` }
						: { mode, text: randomText(random, item.maxLength) }
			};
		}
		case 'note':
			throw new Error('notes are not generated');
	}
}

/** An answer that is wrong for `item` in one of several ways (each is wrong for every item the generator makes). */
function randomInvalidAnswer(random: Random, item: Item): Answer {
	const wrong: Answer[] = [
		item.type === 'yesno' ? { type: 'number', value: 1 } : { type: 'yesno', value: true },
		{ type: 'single', option: 'no-such-option' },
		{ type: 'multiple', options: ['no-such-option'] },
		{ type: 'scale10', value: 11 },
		{ type: 'faces5', value: 0 },
		{ type: 'faces3', value: 2.5 },
		{ type: 'rank', options: [] },
		{ type: 'date', value: '2021-02-30' },
		{ type: 'number', value: Number.MAX_SAFE_INTEGER },
		{ type: 'free', response: { mode: 'text', text: ' ' } }
	];
	if (!item.allowPreferNot) wrong.push({ type: 'preferNot' });
	if (!item.allowDontKnow) wrong.push({ type: 'dontKnow' });
	return random.pick(wrong);
}

// ---------------------------------------------------------------------------------------------------------------
// An oracle for visibility, computed differently from the engine: repeat until nothing changes.

function oracleVisible(definition: Questionnaire, answers: AnswerMap): Set<string> {
	let visible = new Set(definition.modules.flatMap((m) => m.items.map((i) => i.id)));
	for (;;) {
		const counted = Object.fromEntries(Object.entries(answers).filter(([id]) => visible.has(id)));
		const now = new Set<string>();
		for (const module of definition.modules) {
			if (module.showIf && !evaluateCondition(module.showIf, counted)) continue;
			for (const item of module.items) {
				if (!item.showIf || evaluateCondition(item.showIf, counted)) now.add(item.id);
			}
		}
		if (now.size === visible.size && [...now].every((id) => visible.has(id))) return now;
		visible = now;
	}
}

function checkInvariants(session: Session, label: string): void {
	const { definition } = session;
	const visible = oracleVisible(definition, session.answers);
	const moduleItems = definition.modules.find((m) => m.id === session.moduleId)?.items ?? [];
	const expectedVisible = moduleItems.filter((item) => visible.has(item.id)).map((item) => item.id);

	expect(
		visibleItems(session).map((i) => i.id),
		`${label}: visible items`
	).toEqual(expectedVisible);
	if (session.currentItemId !== null) {
		expect(expectedVisible, `${label}: current item is visible`).toContain(session.currentItemId);
	}
	for (const itemId of Object.keys(session.answers)) {
		expect(visible.has(itemId), `${label}: answer to hidden item ${itemId} kept`).toBe(true);
	}

	const { answered, total } = progress(session);
	expect(total, `${label}: total`).toBe(expectedVisible.length);
	expect(answered, `${label}: answered ≤ total`).toBeLessThanOrEqual(total);
	expect(answered).toBe(expectedVisible.filter((id) => Object.hasOwn(session.answers, id)).length);

	const requiredDone = moduleItems
		.filter((item) => visible.has(item.id) && item.required)
		.every((item) => Object.hasOwn(session.answers, item.id));
	expect(isComplete(session), `${label}: isComplete`).toBe(requiredDone);
}

/** Answers for hidden items added to `answers`: computed results must not change. */
function withHiddenNoise(random: Random, definition: Questionnaire, answers: AnswerMap): AnswerMap {
	const indexed = lookup(definition);
	const visible = oracleVisible(definition, answers);
	const noisy: Record<string, Answer> = { ...answers };
	for (const { item } of indexed.items) {
		if (!visible.has(item.id)) noisy[item.id] = randomValidAnswer(random, item, indexed.optionsOf(item));
	}
	return noisy;
}

interface Tally {
	/** Answers dropped because their item got hidden. */
	dropped: number;
	/** Valid answers refused because the item was hidden or in another module. */
	notAnswerable: number;
	invalidRefused: number;
	/** Steps that ended with the session complete while some item was hidden. */
	completeWithHidden: number;
}

function runSequence(definition: Questionnaire, seed: number, steps: number, tally: Tally): void {
	const random = seeded(seed);
	const indexed = lookup(definition);
	const moduleIds = definition.modules.map((m) => m.id);
	let session = createSession(definition, random.pick(moduleIds));
	checkInvariants(session, `seed ${seed}, start`);

	for (let step = 0; step < steps; step++) {
		const label = `seed ${seed}, step ${step}`;
		const roll = random.next();
		const shown = visibleItems(session);
		if (roll < 0.35 && shown.length > 0) {
			const item = random.pick(shown);
			const answer = randomValidAnswer(random, item, indexed.optionsOf(item));
			const result = setAnswer(session, item.id, answer);
			expect(result.ok, `${label}: valid answer ${JSON.stringify(answer)} to ${item.id}`).toBe(true);
			if (result.ok) {
				tally.dropped += result.dropped.length;
				session = result.session;
			}
		} else if (roll < 0.45) {
			const { item } = random.pick(indexed.items);
			const answerable = shown.some((s) => s.id === item.id);
			const invalid = random.chance(0.5);
			const answer = invalid
				? randomInvalidAnswer(random, item)
				: randomValidAnswer(random, item, indexed.optionsOf(item));
			const result = setAnswer(session, item.id, answer);
			expect(result.ok, `${label}: ${JSON.stringify(answer)} to ${item.id}`).toBe(answerable && !invalid);
			if (result.ok) session = result.session;
			else if (invalid && answerable) tally.invalidRefused++;
			else if (!answerable) tally.notAnswerable++;
		} else if (roll < 0.65) {
			const before = session.currentItemId;
			session = next(session);
			if (before === null) expect(session.currentItemId, `${label}: next at the end`).toBeNull();
		} else if (roll < 0.8) {
			session = previous(session);
		} else if (roll < 0.87) {
			const { item } = random.pick(indexed.items);
			const result = clearAnswer(session, item.id);
			if (result.ok) {
				tally.dropped += result.dropped.length;
				session = result.session;
			}
		} else if (roll < 0.94) {
			const { item } = random.pick(indexed.items);
			const result = goTo(session, item.id);
			if (result.ok) session = result.session;
		} else {
			// Pause and resume, possibly in another module.
			session = createSession(definition, random.pick(moduleIds), session.answers);
		}
		checkInvariants(session, label);
		const inModule = indexed.items.filter((e) => e.module.id === session.moduleId).length;
		if (isComplete(session) && visibleItems(session).length < inModule) tally.completeWithHidden++;
	}

	const results = computeResults(definition, session.answers);
	expect(
		computeResults(definition, withHiddenNoise(random, definition, session.answers)),
		`seed ${seed}: computed`
	).toEqual(results);
}

/** The properties would hold vacuously if the sequences never reached the interesting cases; make sure they do. */
function expectCoverage(tally: Tally): void {
	expect(tally.dropped).toBeGreaterThan(0);
	expect(tally.notAnswerable).toBeGreaterThan(0);
	expect(tally.invalidRefused).toBeGreaterThan(0);
	expect(tally.completeWithHidden).toBeGreaterThan(0);
}

const emptyTally = (): Tally => ({ dropped: 0, notAnswerable: 0, invalidRefused: 0, completeWithHidden: 0 });

describe('engine invariants over random answer sequences', () => {
	it('hold for 500 sequences on random definitions', () => {
		const tally = emptyTally();
		for (let seed = 1; seed <= 500; seed++) {
			const definition = randomDefinition(seeded(seed * 7919));
			const check = validateDefinition(definition);
			expect(check.errors, `seed ${seed}: generated definition is valid`).toEqual([]);
			runSequence(definition, seed, 40, tally);
		}
		expectCoverage(tally);
	});

	it('hold for 500 sequences on the week fixture', () => {
		const definition = weekDefinition();
		const tally = emptyTally();
		for (let seed = 1; seed <= 500; seed++) runSequence(definition, seed, 40, tally);
		expectCoverage(tally);
	});

	it('the generator is deterministic', () => {
		const a = seeded(42);
		const b = seeded(42);
		expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
	});
});

// A question screen gets only its module and the skeleton of the others (for-module.ts): the engine must not notice.
function compareWithModuleOnly(definition: Questionnaire, seed: number, steps: number): number {
	const random = seeded(seed);
	let compared = 0;
	for (const module of definition.modules) {
		const trimmed = definitionForModule(definition, module.id);
		let answers: Record<string, Answer> = {};
		for (let step = 0; step < steps; step++) {
			const whole = openModule(definition, module.id, answers);
			const own = openModule(trimmed, module.id, answers);
			expect(
				own.items.map((i) => i.id),
				`seed ${seed} ${module.id}: items`
			).toEqual(whole.items.map((i) => i.id));
			expect(own.itemAt(null)?.id, `seed ${seed} ${module.id}: resume`).toBe(whole.itemAt(null)?.id);
			// Any item of the questionnaire, answered here or elsewhere (an answer from another module's screen, as the
			// phone's store hands it over).
			const entries = lookup(definition).items;
			const target = random.pick(entries).item;
			const options = lookup(definition).optionsOf(target);
			const value = random.chance(0.15)
				? randomInvalidAnswer(random, target)
				: random.chance(0.1)
					? null
					: randomValidAnswer(random, target, options);
			const a = whole.answer(target.id, value);
			const b = own.answer(target.id, value);
			expect(b.ok, `seed ${seed} ${module.id} ${target.id}: accepted alike`).toBe(a.ok);
			if (a.ok && b.ok) {
				expect(b.changes, `seed ${seed}: changes`).toEqual(a.changes);
				expect(b.next, `seed ${seed}: next`).toBe(a.next);
				compared++;
			} else if (!a.ok && !b.ok) expect(b.error.name).toBe(a.error.name);
			// The phone keeps an answer from elsewhere as it came; here, as the engine left it.
			if (a.ok) answers = { ...a.module.answers };
			else if (value && random.chance(0.3) && target.type !== 'note')
				answers = { ...answers, [target.id]: value };
		}
	}
	return compared;
}

describe("a module's own definition (what a question screen gets) behaves as the whole questionnaire", () => {
	it('on 200 random definitions, the week fixture and the shipped intake and evaluation', () => {
		let compared = 0;
		for (let seed = 1; seed <= 200; seed++)
			compared += compareWithModuleOnly(randomDefinition(seeded(seed * 104729)), seed, 30);
		for (const definition of [weekDefinition(), intake as Questionnaire, evaluation as Questionnaire])
			for (let seed = 1; seed <= 20; seed++) compared += compareWithModuleOnly(definition, seed, 40);
		expect(compared).toBeGreaterThan(1000);
	});

	it('carries no other module’s texts or pictograms (their options only as ids), and no computed results', () => {
		const whole = intake as Questionnaire;
		const first = whole.modules[0]!;
		const trimmed = definitionForModule(whole, first.id);
		expect(trimmed.modules[0]).toEqual(first);
		expect(trimmed.computed).toBeUndefined();
		const others = JSON.stringify(trimmed.modules.slice(1));
		expect(others).not.toMatch(/"(text|pictogram|title|audio)":/);
		expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(whole).length / 2);
	});
});
