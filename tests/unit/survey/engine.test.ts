import { describe, expect, it } from 'vitest';
import {
	clearAnswer,
	createSession,
	currentItem,
	goTo,
	isComplete,
	isModuleVisible,
	moduleResult,
	next,
	previous,
	progress,
	sanitizeAnswers,
	setAnswer,
	unansweredRequired,
	visibleItems,
	visibleModules,
	type Answer,
	type Session
} from '../../../src/lib/survey';
import { weekDefinition } from '../../../src/lib/survey/fixtures';

const definition = weekDefinition();
const yes: Answer = { type: 'yesno', value: true };
const no: Answer = { type: 'yesno', value: false };

/** Answers in order, failing the test on the first answer the engine refuses. */
function answerAll(session: Session, answers: Record<string, Answer>): Session {
	let current = session;
	for (const [itemId, answer] of Object.entries(answers)) {
		const result = setAnswer(current, itemId, answer);
		if (!result.ok) throw new Error(`${itemId}: ${JSON.stringify(result.error)}`);
		current = result.session;
	}
	return current;
}

const ids = (session: Session): string[] => visibleItems(session).map((item) => item.id);

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

describe('a session', () => {
	it('starts at the first visible item and shows follow-ups only when they apply', () => {
		const session = createSession(definition, 'week');
		expect(session.currentItemId).toBe('metPeople');
		expect(ids(session)).toEqual(['metPeople', 'organised', 'unpaidWork', 'paidWork']);
		const working = answerAll(session, { paidWork: { type: 'single', option: 'withSupport' } });
		expect(ids(working)).toEqual([
			'metPeople',
			'organised',
			'unpaidWork',
			'paidWork',
			'paidAmount',
			'wantMoreWork'
		]);
	});

	it('resumes at the first unanswered item, or at the first item when asked', () => {
		const resumed = createSession(definition, 'week', { metPeople: yes, organised: no });
		expect(resumed.currentItemId).toBe('unpaidWork');
		expect(createSession(definition, 'week', { metPeople: yes }, { start: 'first' }).currentItemId).toBe(
			'metPeople'
		);
		const all = { metPeople: yes, organised: no, unpaidWork: no, paidWork: { type: 'preferNot' } };
		expect(createSession(definition, 'week', all).currentItemId).toBe('metPeople');
	});

	it('leaves out stored answers that no longer fit, and says why', () => {
		const stored = { metPeople: yes, organised: { type: 'yesno', value: 'ja' }, removedItem: yes };
		const session = createSession(definition, 'week', stored);
		expect(Object.keys(session.answers)).toEqual(['metPeople']);
		const { rejected } = sanitizeAnswers(definition, stored);
		expect(rejected.map((r) => [r.itemId, r.error.code])).toEqual([
			['organised', 'malformed'],
			['removedItem', 'unknownItem']
		]);
	});

	it('throws for a module the questionnaire does not have (a programming error)', () => {
		expect(() => createSession(definition, 'nope')).toThrow(/no module "nope"/);
	});
});

describe('navigation', () => {
	it('skips hidden items going forward and back', () => {
		let session = createSession(definition, 'week');
		session = next(session);
		expect(session.currentItemId).toBe('organised');
		session = next(session);
		expect(session.currentItemId).toBe('unpaidWork');
		session = previous(session);
		expect(session.currentItemId).toBe('organised');

		session = answerAll(session, { organised: yes });
		session = next(session);
		expect(session.currentItemId).toBe('organisedWhat');
		expect(currentItem(session)?.type).toBe('multiple');
	});

	it('goes past the last item to the closing screen (null) and back', () => {
		let session = createSession(definition, 'week');
		for (let i = 0; i < 10; i++) session = next(session);
		expect(session.currentItemId).toBeNull();
		expect(currentItem(session)).toBeNull();
		session = previous(session);
		expect(session.currentItemId).toBe('paidWork');
	});

	it('stays at the first item when going back from it', () => {
		const session = createSession(definition, 'week');
		expect(previous(session)).toBe(session);
	});

	it('does not hold anyone at an unanswered required question', () => {
		const session = createSession(definition, 'week');
		expect(next(session).currentItemId).toBe('organised');
	});

	it('jumps to a visible item of the module, and refuses others with a reason', () => {
		const session = createSession(definition, 'week');
		const jumped = goTo(session, 'paidWork');
		expect(jumped.ok && jumped.session.currentItemId).toBe('paidWork');
		expect(goTo(session, 'organisedWhat')).toEqual({
			ok: false,
			error: { code: 'hiddenItem', itemId: 'organisedWhat' }
		});
		expect(goTo(session, 'caresFor')).toEqual({
			ok: false,
			error: { code: 'otherModule', itemId: 'caresFor', moduleId: 'about' }
		});
		expect(goTo(session, 'nope')).toEqual({ ok: false, error: { code: 'unknownItem', itemId: 'nope' } });
	});

	it('moves on when an answer hides the item on screen', () => {
		let session = answerAll(createSession(definition, 'week'), { organised: yes });
		const jumped = goTo(session, 'organisedWhat');
		if (!jumped.ok) throw new Error('organisedWhat should be visible');
		session = answerAll(jumped.session, { organised: no });
		expect(session.currentItemId).toBe('unpaidWork');
	});
});

describe('answering', () => {
	it('returns typed errors and leaves the session as it was', () => {
		const session = createSession(definition, 'week');
		expect(setAnswer(session, 'nope', yes)).toEqual({
			ok: false,
			error: { code: 'unknownItem', itemId: 'nope' }
		});
		expect(setAnswer(session, 'caresFor', yes)).toMatchObject({ ok: false, error: { code: 'otherModule' } });
		expect(setAnswer(session, 'organisedWhat', { type: 'multiple', options: ['sport'] })).toMatchObject({
			ok: false,
			error: { code: 'hiddenItem' }
		});
		expect(setAnswer(session, 'paidWork', yes)).toMatchObject({ ok: false, error: { code: 'wrongType' } });
		expect(setAnswer(session, 'paidWork', { type: 'single', option: 'lots' })).toMatchObject({
			ok: false,
			error: { code: 'unknownOption', option: 'lots' }
		});
		expect(setAnswer(session, 'metPeople', { type: 'dontKnow' })).toMatchObject({
			ok: false,
			error: { code: 'specialNotAllowed' }
		});
		expect(session.answers).toEqual({});
	});

	it('never changes the session it was given', () => {
		const session = deepFreeze(createSession(weekDefinition(), 'week'));
		const result = setAnswer(session, 'organised', yes);
		expect(result.ok).toBe(true);
		expect(session.answers).toEqual({});
		expect(() => next(session)).not.toThrow();
	});

	it('drops answers whose item gets hidden, and says which', () => {
		let session = answerAll(createSession(definition, 'week'), {
			organised: yes,
			organisedWhat: { type: 'multiple', options: ['languageClass'] },
			paidWork: { type: 'single', option: 'withSupport' },
			paidAmount: { type: 'frequency', option: 'little' },
			wantMoreWork: { type: 'frequency', option: 'halfDay' }
		});
		const changed = setAnswer(session, 'organised', no);
		expect(changed.ok && changed.dropped).toEqual(['organisedWhat']);
		if (!changed.ok) return;
		session = changed.session;
		expect(session.answers).not.toHaveProperty('organisedWhat');

		// withoutSupport hides wantMoreWork but keeps paidAmount.
		const paid = setAnswer(session, 'paidWork', { type: 'single', option: 'withoutSupport' });
		expect(paid.ok && paid.dropped).toEqual(['wantMoreWork']);
		// Taking the answer back hides both follow-ups.
		const cleared = clearAnswer(paid.ok ? paid.session : session, 'paidWork');
		expect(cleared.ok && cleared.dropped).toEqual(['paidAmount']);
		expect(cleared.ok && Object.keys(cleared.session.answers)).toEqual(['organised']);
	});

	it('drops answers in later modules too when their module gets hidden', () => {
		const goal = answerAll(createSession(definition, 'goal'), {
			goalProgress: { type: 'single', option: 'reached' }
		});
		expect(isModuleVisible(goal)).toBe(true);
		const week = createSession(definition, 'week', goal.answers);
		const changed = setAnswer(week, 'paidWork', { type: 'single', option: 'none' });
		expect(changed.ok && changed.dropped).toEqual(['goalProgress']);
		if (!changed.ok) return;
		expect(visibleModules(definition, changed.session.answers).map((m) => m.id)).toEqual([
			'about',
			'week',
			'doing'
		]);
	});
});

describe('progress and completion', () => {
	it('counts answered visible items, special answers included', () => {
		let session = createSession(definition, 'week');
		expect(progress(session)).toEqual({ answered: 0, total: 4 });
		session = answerAll(session, { metPeople: yes, paidWork: { type: 'preferNot' } });
		expect(progress(session)).toEqual({ answered: 2, total: 4 });
		session = answerAll(session, { paidWork: { type: 'single', option: 'withSupport' } });
		expect(progress(session)).toEqual({ answered: 2, total: 6 });
	});

	it('is complete when every required visible item is answered', () => {
		let session = createSession(definition, 'week');
		expect(isComplete(session)).toBe(false);
		session = answerAll(session, { metPeople: yes, organised: no, unpaidWork: no });
		expect(unansweredRequired(session).map((item) => item.id)).toEqual(['paidWork']);
		session = answerAll(session, { paidWork: { type: 'single', option: 'withSupport' } });
		// paidAmount is required once shown; wantMoreWork is optional.
		expect(unansweredRequired(session).map((item) => item.id)).toEqual(['paidAmount']);
		session = answerAll(session, { paidAmount: { type: 'frequency', option: 'halfDay' } });
		expect(isComplete(session)).toBe(true);
	});

	it('treats a hidden module as having nothing to answer', () => {
		const session = createSession(definition, 'goal', { paidWork: { type: 'single', option: 'none' } });
		expect(isModuleVisible(session)).toBe(false);
		expect(visibleItems(session)).toEqual([]);
		expect(session.currentItemId).toBeNull();
		expect(progress(session)).toEqual({ answered: 0, total: 0 });
		expect(isComplete(session)).toBe(true);
	});
});

describe('the result of a module', () => {
	it("holds only this module's visible answers, with the questionnaire version", () => {
		const session = answerAll(
			createSession(definition, 'week', {
				caresFor: yes,
				careAmount: { type: 'frequency', option: 'little' }
			}),
			{ metPeople: yes, organised: no }
		);
		expect(moduleResult(session)).toEqual({
			questionnaireId: 'fixture-week',
			questionnaireVersion: '1.0.0',
			moduleId: 'week',
			complete: false,
			answers: { metPeople: yes, organised: no }
		});
	});
});
