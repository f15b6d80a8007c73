/**
 * The zod schema of an answer: the single source of its shape. The outbox contract ($lib/outbox/contract.ts)
 * parses every answer a phone sends with it. The engine (../answers.ts) takes the `Answer` type from here as a type
 * only and checks the shape of an answer it is handed with a small check of its own, so the phone never loads zod
 * (issue 17); tests/unit/survey/answers.test.ts makes sure both accept and refuse the same inputs.
 */
import { z } from 'zod';
import { CLIP_MAX_LENGTH } from '../answers';

/** A clip reference is the id of a stored recording; the engine never sees the audio itself. */
const clipSchema = z.string().min(1).max(CLIP_MAX_LENGTH);

export const freeResponseSchema = z.discriminatedUnion('mode', [
	z.strictObject({ mode: z.literal('text'), text: z.string() }),
	z.strictObject({ mode: z.literal('audio'), clip: clipSchema })
]);
export type FreeResponse = z.infer<typeof freeResponseSchema>;

export const answerSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('single'), option: z.string() }),
	z.strictObject({
		type: z.literal('multiple'),
		options: z.array(z.string()),
		other: freeResponseSchema.optional()
	}),
	z.strictObject({ type: z.literal('faces5'), value: z.number() }),
	z.strictObject({ type: z.literal('faces3'), value: z.number() }),
	z.strictObject({ type: z.literal('scale10'), value: z.number() }),
	z.strictObject({ type: z.literal('frequency'), option: z.string() }),
	z.strictObject({ type: z.literal('yesno'), value: z.boolean() }),
	z.strictObject({ type: z.literal('number'), value: z.number() }),
	z.strictObject({ type: z.literal('date'), value: z.string() }),
	/** Most important first. */
	z.strictObject({ type: z.literal('rank'), options: z.array(z.string()) }),
	z.strictObject({ type: z.literal('free'), response: freeResponseSchema }),
	z.strictObject({ type: z.literal('preferNot') }),
	z.strictObject({ type: z.literal('dontKnow') })
]);
export type Answer = z.infer<typeof answerSchema>;
