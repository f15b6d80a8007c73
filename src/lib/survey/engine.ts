/**
 * Filling in one module: the session state and the pure functions over it. Every function returns a new session
 * and leaves the old one alone, so the UI can keep history, persist each step offline, and tests can replay
 * sequences. Nothing here knows about Svelte or the database.
 *
 * Invariants, after every function:
 * - the current item is visible (or null: past the last visible item, the module's closing screen);
 * - the answers are only those of visible items. An answer whose item gets hidden (a follow-up, after its
 *   question's answer changed) is dropped, and `setAnswer` says which were dropped.
 */
import { checkAnswer, type Answer, type AnswerError, type AnswerMap } from './answers';
import type { Item, Module, Questionnaire } from './definition';
import { lookup } from './lookup';
import { own } from './own';
import { resolveVisibility } from './visibility';

export interface Session {
	readonly definition: Questionnaire;
	readonly moduleId: string;
	/**
	 * Answers for the whole questionnaire, not only this module: conditions may look at earlier modules (e.g. a
	 * module shown only with research consent). Only this module's items can be answered in this session.
	 */
	readonly answers: AnswerMap;
	/** The item on screen; null when past the last visible item (or the module shows no items at all). */
	readonly currentItemId: string | null;
}

export type SessionError =
	| { code: 'unknownItem'; itemId: string }
	| { code: 'otherModule'; itemId: string; moduleId: string }
	| { code: 'hiddenItem'; itemId: string }
	| AnswerError;

export type SessionResult =
	| { readonly ok: true; readonly session: Session; readonly dropped: readonly string[] }
	| { readonly ok: false; readonly error: SessionError };

export interface CreateSessionOptions {
	/** Where to start: the first visible item, or (resuming) the first visible item without an answer. */
	readonly start?: 'first' | 'firstUnanswered';
}

/** Answers that did not fit the definition when a session was created, and why. */
export interface RejectedAnswer {
	readonly itemId: string;
	readonly error: SessionError;
}

/**
 * Checks stored answers against the definition: answers to unknown items, or that no longer fit their item,
 * cannot be shown or sent and are left out. The caller decides whether to log the rejected ones.
 */
export function sanitizeAnswers(
	definition: Questionnaire,
	answers: Readonly<Record<string, unknown>>
): { answers: AnswerMap; rejected: readonly RejectedAnswer[] } {
	const indexed = lookup(definition);
	const kept: Record<string, Answer> = {};
	const rejected: RejectedAnswer[] = [];
	for (const [itemId, input] of Object.entries(answers)) {
		const entry = indexed.itemsById.get(itemId);
		if (!entry) {
			rejected.push({ itemId, error: { code: 'unknownItem', itemId } });
			continue;
		}
		const checked = checkAnswer(entry.item, indexed.optionsOf(entry.item), input);
		if (checked.ok) kept[itemId] = checked.answer;
		else rejected.push({ itemId, error: checked.error });
	}
	return { answers: kept, rejected };
}

/**
 * Starts (or resumes) filling in module `moduleId`. Existing answers that do not fit the definition, or belong to
 * items hidden by the other answers, are left out (see `sanitizeAnswers` to learn which).
 * Throws for an unknown module id: that is a programming error, not something a participant can cause.
 */
export function createSession(
	definition: Questionnaire,
	moduleId: string,
	existingAnswers: Readonly<Record<string, unknown>> = {},
	options: CreateSessionOptions = {}
): Session {
	if (!lookup(definition).modulesById.has(moduleId)) {
		throw new Error(`Questionnaire "${definition.id}" has no module "${moduleId}"`);
	}
	const answers = resolveVisibility(definition, sanitizeAnswers(definition, existingAnswers).answers).answers;
	const session: Session = { definition, moduleId, answers, currentItemId: null };
	const visible = visibleItems(session);
	const start =
		options.start === 'first'
			? visible[0]
			: (visible.find((item) => !Object.hasOwn(answers, item.id)) ?? visible[0]);
	return { ...session, currentItemId: start?.id ?? null };
}

function moduleOf(session: Session): Module {
	const found = lookup(session.definition).modulesById.get(session.moduleId);
	// createSession made sure the module exists, and a session's definition never changes.
	if (!found) throw new Error(`Questionnaire has no module "${session.moduleId}"`);
	return found.module;
}

/** The module's items that are shown with the current answers, in order. */
export function visibleItems(session: Session): readonly Item[] {
	const { visibleItems: visible } = resolveVisibility(session.definition, session.answers);
	return moduleOf(session).items.filter((item) => visible.has(item.id));
}

/** Whether the module is shown at all with the current answers (a module can have a `showIf`). */
export function isModuleVisible(session: Session): boolean {
	return resolveVisibility(session.definition, session.answers).visibleModules.has(session.moduleId);
}

/** The modules shown with these answers, in order. */
export function visibleModules(definition: Questionnaire, answers: AnswerMap): readonly Module[] {
	const { visibleModules: visible } = resolveVisibility(definition, answers);
	return definition.modules.filter((module) => visible.has(module.id));
}

export function currentItem(session: Session): Item | null {
	if (session.currentItemId === null) return null;
	return lookup(session.definition).itemsById.get(session.currentItemId)?.item ?? null;
}

export function answerOf(session: Session, itemId: string): Answer | undefined {
	return own(session.answers, itemId);
}

export function isAnswered(session: Session, itemId: string): boolean {
	return own(session.answers, itemId) !== undefined;
}

/** Position of an item within its module, so that a hidden current item still has a place to move on from. */
function indexInModule(session: Session, itemId: string | null): number {
	return itemId === null ? -1 : moduleOf(session).items.findIndex((item) => item.id === itemId);
}

/**
 * The next visible item; from the last one, null (the closing screen). Nobody is held at a question: required
 * items are reported by `isComplete` and `unansweredRequired`, not enforced here.
 */
export function next(session: Session): Session {
	if (session.currentItemId === null) return session;
	const from = indexInModule(session, session.currentItemId);
	const visible = new Set(visibleItems(session).map((item) => item.id));
	const following = moduleOf(session).items.find((item, index) => index > from && visible.has(item.id));
	return { ...session, currentItemId: following?.id ?? null };
}

/** The previous visible item; from the closing screen, the last visible item; at the first, it stays there. */
export function previous(session: Session): Session {
	const visible = visibleItems(session);
	if (session.currentItemId === null) return { ...session, currentItemId: visible.at(-1)?.id ?? null };
	const from = indexInModule(session, session.currentItemId);
	const items = moduleOf(session).items;
	const ids = new Set(visible.map((item) => item.id));
	const before = items.findLast((item, index) => index < from && ids.has(item.id));
	return before ? { ...session, currentItemId: before.id } : session;
}

/** Jump to an item (e.g. from an overview of answers), if it is a visible item of this module. */
export function goTo(session: Session, itemId: string): SessionResult {
	const target = answerable(session, itemId);
	if (!target.ok) return target;
	return { ok: true, session: { ...session, currentItemId: itemId }, dropped: [] };
}

/** The item, if it can be answered in this session now: it exists, belongs to this module and is shown. */
function answerable(
	session: Session,
	itemId: string
): { ok: true; item: Item } | { ok: false; error: SessionError } {
	const entry = lookup(session.definition).itemsById.get(itemId);
	if (!entry) return { ok: false, error: { code: 'unknownItem', itemId } };
	if (entry.module.id !== session.moduleId) {
		return { ok: false, error: { code: 'otherModule', itemId, moduleId: entry.module.id } };
	}
	if (!resolveVisibility(session.definition, session.answers).visibleItems.has(itemId)) {
		return { ok: false, error: { code: 'hiddenItem', itemId } };
	}
	return { ok: true, item: entry.item };
}

/**
 * Answers an item of this module. The answer is checked against the item (type, options, range, special answers
 * allowed); a wrong one gives an error result and leaves the session as it was. Answers of items that this answer
 * hides are dropped and listed in `dropped`; if the current item itself gets hidden, the session moves on to the
 * next visible item.
 */
export function setAnswer(session: Session, itemId: string, answer: Answer): SessionResult {
	const target = answerable(session, itemId);
	if (!target.ok) return target;
	const checked = checkAnswer(target.item, lookup(session.definition).optionsOf(target.item), answer);
	if (!checked.ok) return { ok: false, error: checked.error };
	return settle(session, { ...session.answers, [itemId]: checked.answer });
}

/** Takes an answer back (the participant changed their mind about answering at all). */
export function clearAnswer(session: Session, itemId: string): SessionResult {
	const target = answerable(session, itemId);
	if (!target.ok) return target;
	const answers = Object.fromEntries(Object.entries(session.answers).filter(([id]) => id !== itemId));
	return settle(session, answers);
}

/** Applies new answers: drops those of now hidden items and keeps the current item visible. */
function settle(session: Session, answers: AnswerMap): SessionResult {
	const visibility = resolveVisibility(session.definition, answers);
	const dropped = Object.keys(answers).filter((id) => !Object.hasOwn(visibility.answers, id));
	const settled: Session = { ...session, answers: visibility.answers };
	const current = session.currentItemId;
	if (current === null || visibility.visibleItems.has(current))
		return { ok: true, session: settled, dropped };
	const from = indexInModule(settled, current);
	const following = moduleOf(settled).items.find(
		(item, index) => index > from && visibility.visibleItems.has(item.id)
	);
	return { ok: true, session: { ...settled, currentItemId: following?.id ?? null }, dropped };
}

export interface Progress {
	/** Visible items of the module with an answer ("prefer not to say" and "don't know" count: they are answers). */
	readonly answered: number;
	/** Visible items of the module. */
	readonly total: number;
}

export function progress(session: Session): Progress {
	const visible = visibleItems(session);
	return { answered: visible.filter((item) => isAnswered(session, item.id)).length, total: visible.length };
}

/** The required items that are shown but not answered yet, in order. */
export function unansweredRequired(session: Session): readonly Item[] {
	return visibleItems(session).filter((item) => item.required === true && !isAnswered(session, item.id));
}

/** Whether every required item that is shown has an answer. */
export function isComplete(session: Session): boolean {
	return unansweredRequired(session).length === 0;
}

export interface ModuleResult {
	readonly questionnaireId: string;
	readonly questionnaireVersion: string;
	readonly moduleId: string;
	readonly complete: boolean;
	/** The answers to this module's visible items: what is sent to the coach. */
	readonly answers: AnswerMap;
}

export function moduleResult(session: Session): ModuleResult {
	const answers: Record<string, Answer> = {};
	for (const item of visibleItems(session)) {
		const answer = own(session.answers, item.id);
		if (answer !== undefined) answers[item.id] = answer;
	}
	return {
		questionnaireId: session.definition.id,
		questionnaireVersion: session.definition.version,
		moduleId: session.moduleId,
		complete: isComplete(session),
		answers
	};
}
