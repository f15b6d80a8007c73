/**
 * The survey engine's client interface: what a screen needs to run one module of a questionnaire, as a few named
 * verbs over an immutable session — `openModule`, then `answer`, `itemAt`, `back`, `review`. The phone's page and
 * the server's no-JavaScript form action both use it, so "where next", "where back" and "which answers this answer
 * takes back" are decided in one place. (As ODK's web-forms keeps `client/` apart from its `instance/` state and
 * `parse/`: the state functions stay in ../engine.ts, the definition in ../definition.ts (its zod schema in
 * ../schema/, which the phone never loads) and its conversion from XLSForm in ../parse/.) Pure TypeScript: no Svelte,
 * no database.
 */
import type { Answer, AnswerMap } from '../answers';
import type { Item, Questionnaire } from '../definition';
import {
	clearAnswer,
	createSession,
	goTo,
	next,
	previous,
	setAnswer,
	visibleItems,
	type Session,
	type SessionError
} from '../engine';

/** Why a verb could not do what was asked: a named error per cause, carrying the engine's details. */
export class SurveyClientError extends Error {
	constructor(
		message: string,
		readonly detail: SessionError
	) {
		super(message);
		this.name = new.target.name;
	}
}
/** The item does not exist, or belongs to another module. */
export class UnknownItemError extends SurveyClientError {}
/** The item exists but is not shown with the current answers (a follow-up whose question was answered otherwise). */
export class HiddenItemError extends SurveyClientError {}
/** The answer does not fit the item (type, option, range, a special answer it does not allow). */
export class InvalidAnswerError extends SurveyClientError {}

function errorOf(detail: SessionError): SurveyClientError {
	switch (detail.code) {
		case 'unknownItem':
		case 'otherModule':
			return new UnknownItemError(`No item "${detail.itemId}" in this module`, detail);
		case 'hiddenItem':
			return new HiddenItemError(`Item "${detail.itemId}" is not shown with these answers`, detail);
		default:
			return new InvalidAnswerError(`The answer does not fit the item: ${detail.code}`, detail);
	}
}

/** One change to keep and send: an item's new answer, or null when it is taken back. */
export interface AnswerChange {
	readonly itemId: string;
	readonly value: Answer | null;
}

export type AnswerOutcome =
	| {
			readonly ok: true;
			/** The module with the answer in it. */
			readonly module: ModuleSession;
			/** What to store and send: the answer (none for a note, which is read, not answered) and answers taken back. */
			readonly changes: readonly AnswerChange[];
			/** The item to show next, or null for the review screen. */
			readonly next: string | null;
	  }
	| { readonly ok: false; readonly error: SurveyClientError };

export interface ModuleSession {
	readonly moduleId: string;
	/** Answers of the whole questionnaire (conditions may look at earlier modules), as they stand. */
	readonly answers: AnswerMap;
	/** The module's items shown with these answers, in order. */
	readonly items: readonly Item[];
	/**
	 * The item an address asks for (`?item=`), when it is shown; without one, or for one not shown, the first item
	 * still without an answer (resuming). Null when every item is behind us: the review screen.
	 */
	itemAt(itemId: string | null): Item | null;
	/** Where "back" leads from an item (null: from the review screen): the item before it (the first: itself). */
	back(itemId: string | null): string | null;
	/** Answers an item (null: skipped or taken back), checked against it; the follow-ups it hides are taken back. */
	answer(itemId: string, value: Answer | null): AnswerOutcome;
	/** The review screen: every shown item that takes an answer, with its answer. */
	review(): readonly { item: Item; answer: Answer | undefined }[];
}

/** Opens one module of a questionnaire with the answers given so far (from the phone's store or the server). */
export function openModule(
	definition: Questionnaire,
	moduleId: string,
	answers: Readonly<Record<string, unknown>> = {}
): ModuleSession {
	const resumed = createSession(definition, moduleId, answers, { start: 'firstUnanswered' });
	return moduleSession(resumed);
}

function moduleSession(session: Session): ModuleSession {
	const items = visibleItems(session);
	const at = (itemId: string): Session | null => {
		const moved = goTo(session, itemId);
		return moved.ok ? moved.session : null;
	};
	return {
		moduleId: session.moduleId,
		answers: session.answers,
		items,
		itemAt(itemId) {
			const wanted = itemId ?? session.currentItemId;
			return items.find((i) => i.id === wanted) ?? items.find((i) => i.id === session.currentItemId) ?? null;
		},
		back(itemId) {
			if (itemId === null) return items.at(-1)?.id ?? null;
			const here = at(itemId);
			if (!here) return null;
			return previous(here).currentItemId;
		},
		answer(itemId, value) {
			const moved = goTo(session, itemId);
			if (!moved.ok) return { ok: false, error: errorOf(moved.error) };
			const item = items.find((i) => i.id === itemId)!;
			if (item.type === 'note')
				return { ok: true, module: this, changes: [], next: next(moved.session).currentItemId };
			const set = value ? setAnswer(moved.session, itemId, value) : clearAnswer(moved.session, itemId);
			if (!set.ok) return { ok: false, error: errorOf(set.error) };
			const settled = set.session;
			// The changes are what a tap waits for (they are stored at once); the module with the answer in it and the
			// next item are worked out when asked, after the answer is on its way to the phone's store.
			let module: ModuleSession | undefined;
			let following: string | null | undefined;
			return {
				ok: true,
				get module() {
					return (module ??= moduleSession(
						createSession(session.definition, session.moduleId, settled.answers)
					));
				},
				changes: [
					{ itemId, value: value ? (settled.answers[itemId] ?? value) : null },
					...set.dropped.map((dropped) => ({ itemId: dropped, value: null }))
				],
				get next() {
					if (following !== undefined) return following;
					// From the answered item with the new answers: a follow-up it switched on comes next.
					const from = goTo({ ...settled, currentItemId: null }, itemId);
					return (following = next(from.ok ? from.session : settled).currentItemId);
				}
			};
		},
		review() {
			return items
				.filter((item) => item.type !== 'note')
				.map((item) => ({ item, answer: session.answers[item.id] }));
		}
	};
}
