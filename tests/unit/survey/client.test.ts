import { describe, expect, it } from 'vitest';
import {
	HiddenItemError,
	InvalidAnswerError,
	openModule,
	SurveyClientError,
	UnknownItemError
} from '../../../src/lib/survey/client';
import { weekDefinition } from '../../../src/lib/survey/fixtures';
import type { Answer } from '../../../src/lib/survey';

const definition = weekDefinition();
const yes: Answer = { type: 'yesno', value: true };
const no: Answer = { type: 'yesno', value: false };
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

describe('the engine’s client interface: openModule, then answer, itemAt, back, review', () => {
	it('resumes at the first unanswered item, and an address can ask for any shown item', () => {
		const week = openModule(definition, 'week', { metPeople: yes });
		expect(week.itemAt(null)?.id).toBe('organised');
		expect(week.itemAt('metPeople')?.id).toBe('metPeople');
		// A follow-up not shown with these answers: the resume point instead.
		expect(week.itemAt('organisedWhat')?.id).toBe('organised');
		expect(ids(week.items)).toEqual(['metPeople', 'organised', 'unpaidWork', 'paidWork']);
	});

	it('answering says what to keep and send and where next: a follow-up it switches on comes next', () => {
		const week = openModule(definition, 'week', { metPeople: yes });
		const organised = week.answer('organised', yes);
		if (!organised.ok) throw organised.error;
		expect(organised.changes).toEqual([{ itemId: 'organised', value: yes }]);
		expect(organised.next).toBe('organisedWhat');
		const what = organised.module.answer('organisedWhat', { type: 'multiple', options: ['languageClass'] });
		if (!what.ok) throw what.error;
		expect(what.next).toBe('unpaidWork');
		// Changing the answer takes the follow-up back: sent as null, and the follow-up is skipped.
		const changed = what.module.answer('organised', no);
		if (!changed.ok) throw changed.error;
		expect(changed.changes).toEqual([
			{ itemId: 'organised', value: no },
			{ itemId: 'organisedWhat', value: null }
		]);
		expect(changed.next).toBe('unpaidWork');
		expect(changed.module.answers).not.toHaveProperty('organisedWhat');
	});

	it('a skip takes the answer back; back goes to the previous shown item; the review lists answers', () => {
		const week = openModule(definition, 'week', { metPeople: yes, organised: no });
		const skipped = week.answer('organised', null);
		if (!skipped.ok) throw skipped.error;
		expect(skipped.changes).toEqual([{ itemId: 'organised', value: null }]);
		expect(skipped.module.answers).toEqual({ metPeople: yes });
		expect(week.back('unpaidWork')).toBe('organised');
		// From the review screen: the last shown item. At the first item there is nothing before it.
		expect(week.back(null)).toBe('paidWork');
		expect(week.back('metPeople')).toBe('metPeople');
		expect(week.review().map((r) => [r.item.id, r.answer])).toEqual([
			['metPeople', yes],
			['organised', no],
			['unpaidWork', undefined],
			['paidWork', undefined]
		]);
	});

	it('refuses with named errors: an unknown item, a hidden one, an answer that does not fit', () => {
		const week = openModule(definition, 'week', {});
		const unknown = week.answer('noSuchItem', yes);
		const hidden = week.answer('organisedWhat', { type: 'multiple', options: ['languageClass'] });
		const wrong = week.answer('organised', { type: 'single', option: 'yes' });
		const otherModule = week.answer('livesWith', { type: 'multiple', options: [] });
		for (const [outcome, kind] of [
			[unknown, UnknownItemError],
			[hidden, HiddenItemError],
			[wrong, InvalidAnswerError],
			[otherModule, UnknownItemError]
		] as const) {
			expect(outcome.ok).toBe(false);
			if (outcome.ok) continue;
			expect(outcome.error).toBeInstanceOf(kind);
			expect(outcome.error).toBeInstanceOf(SurveyClientError);
			expect(outcome.error.name).toBe(kind.name);
		}
	});
});
