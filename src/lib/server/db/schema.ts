import { sql } from 'drizzle-orm';
import {
	pgTable,
	uuid,
	text,
	timestamp,
	integer,
	jsonb,
	bigserial,
	index,
	uniqueIndex,
	primaryKey,
	customType,
	boolean,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	// PGlite returns Uint8Array, node-postgres a Buffer: hand out a Buffer either way.
	fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value))
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A municipality, or a team inside one (parent_id points to the municipality). */
export const organisations = pgTable('organisations', {
	id: uuid('id').primaryKey().defaultRandom(),
	kind: text('kind', { enum: ['municipality', 'team'] }).notNull(),
	name: text('name').notNull(),
	parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
	/** Stable key for seeded rows, so that seeding is idempotent. */
	slug: text('slug').unique(),
	/** Name of a stylesheet in static/themes/ with the municipality's colours and logo (NL Design System tokens). */
	theme: text('theme'),
	createdAt: createdAt(),
	/** Who a participant calls when it is urgent and their coach is not working (messages, "My coach"). */
	urgentName: text('urgent_name'),
	urgentPhone: text('urgent_phone'),
	/** Days messages and their files are kept after a participant's trajectory ends. */
	messageRetentionDays: integer('message_retention_days').notNull().default(365)
});

export const coaches = pgTable(
	'coaches',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		teamId: uuid('team_id')
			.notNull()
			.references(() => organisations.id),
		name: text('name').notNull(),
		email: text('email').notNull(),
		phone: text('phone'),
		/** A translator records voice clips and sees no participants. */
		role: text('role', { enum: ['coach', 'team_lead', 'translator', 'admin'] })
			.notNull()
			.default('coach'),
		passwordHash: text('password_hash').notNull(),
		passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: createdAt(),
		/** A small photo participants see on "My coach" (content-checked JPEG/PNG/WebP, metadata stripped). */
		photo: bytea('photo'),
		photoMime: text('photo_mime'),
		/** Working hours per weekday, 1 = Monday … 7 = Sunday, e.g. { "1": ["09:00", "17:00"] } (Europe/Amsterdam). */
		workingHours: jsonb('working_hours').$type<Record<string, [string, string]>>().notNull().default({}),
		/** An automatic reply to participants' messages outside working hours, switched on by the coach. */
		autoReplyOn: boolean('auto_reply_on').notNull().default(false),
		autoReplyText: text('auto_reply_text').notNull().default('')
	},
	(t) => [uniqueIndex('coaches_email_unique').on(sql`lower(${t.email})`)]
);

export const participants = pgTable(
	'participants',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		coachId: uuid('coach_id')
			.notNull()
			.references(() => coaches.id),
		/** What the participant wants to be called; no BSN or other identifiers are kept. */
		displayName: text('display_name').notNull(),
		preferredLanguage: text('preferred_language').notNull().default('nl'),
		slug: text('slug').unique(),
		createdAt: createdAt(),
		/** When the trajectory ended: messages are kept for the municipality's retention period after it. */
		trajectoryEndedAt: timestamp('trajectory_ended_at', { withTimezone: true })
	},
	(t) => [index('participants_coach_idx').on(t.coachId)]
);

/** One-time codes a coach hands out; only a hash is stored. */
export const pairingCodes = pgTable(
	'pairing_codes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		createdByCoachId: uuid('created_by_coach_id').references(() => coaches.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('pairing_codes_hash_unique').on(t.codeHash)]
);

/** A participant's paired phone: a long-lived session. */
export const devices = pgTable(
	'devices',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		label: text('label').notNull().default(''),
		createdAt: createdAt(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('devices_token_unique').on(t.tokenHash),
		index('devices_participant_idx').on(t.participantId)
	]
);

export const coachSessions = pgTable(
	'coach_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		coachId: uuid('coach_id')
			.notNull()
			.references(() => coaches.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [uniqueIndex('coach_sessions_token_unique').on(t.tokenHash)]
);

/** Who did or looked at what: required for personal and health data under the AVG. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorType: text('actor_type', { enum: ['coach', 'participant', 'system', 'anonymous'] }).notNull(),
		actorId: uuid('actor_id'),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: uuid('subject_id'),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({})
	},
	(t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId), index('audit_log_at_idx').on(t.at)]
);

/** Fixed-window counters for login and pairing attempts; in the database so that they hold across restarts and processes. */
export const rateLimits = pgTable(
	'rate_limits',
	{
		key: text('key').notNull(),
		windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
		count: integer('count').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.key, t.windowStart] })]
);

/** A recorded or uploaded spoken version of one participant text in one language. */
export const voiceClips = pgTable(
	'voice_clips',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		lang: text('lang').notNull(),
		textKey: text('text_key').notNull(),
		mime: text('mime').notNull(),
		audio: bytea('audio').notNull(),
		bytes: integer('bytes').notNull(),
		/** Content hash: the version in clip URLs, so clips can be cached forever and replaced safely. */
		sha256: text('sha256').notNull(),
		recordedByCoachId: uuid('recorded_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('voice_clips_lang_key_unique').on(t.lang, t.textKey)]
);

/** A questionnaire definition (src/lib/survey) in one version. Answers keep the version they were given under. */
export const questionnaireDefinitions = pgTable(
	'questionnaire_definitions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		questionnaireId: text('questionnaire_id').notNull(),
		version: text('version').notNull(),
		definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
		importedByCoachId: uuid('imported_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('questionnaire_definitions_version_unique').on(t.questionnaireId, t.version)]
);

/** A coach asks a participant to fill in some modules of a questionnaire: the intake (T0) or the evaluation (T1). */
export const assignments = pgTable(
	'assignments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		questionnaireId: text('questionnaire_id').notNull(),
		version: text('version').notNull(),
		wave: text('wave', { enum: ['T0', 'T1'] }).notNull(),
		moduleIds: jsonb('module_ids').$type<string[]>().notNull(),
		/** How the participant fills it in: alone, with the coach reading aloud, or with an interpreter. */
		mode: text('mode', { enum: ['alone', 'readAloudByCoach', 'withInterpreter'] })
			.notNull()
			.default('alone'),
		assignedByCoachId: uuid('assigned_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('assignments_participant_idx').on(t.participantId)]
);

/**
 * One row per assignment and item: the latest answer. `clientId` is the id the phone gave this change, so a change
 * sent twice (a retry after a lost reply) is stored once; an older change never overwrites a newer one.
 */
export const answers = pgTable(
	'answers',
	{
		assignmentId: uuid('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		moduleId: text('module_id').notNull(),
		/** The engine's Answer; null when the participant took the answer back (or it no longer applies). */
		value: jsonb('value').$type<Record<string, unknown> | null>(),
		clientId: uuid('client_id').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
		language: text('language').notNull(),
		version: text('version').notNull(),
		mode: text('mode', { enum: ['alone', 'readAloudByCoach', 'withInterpreter'] })
			.notNull()
			.default('alone'),
		/** False when the version it was given under is unknown here: kept, not lost, and shown for review. */
		verified: boolean('verified').notNull().default(true),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.assignmentId, t.itemId] }),
		uniqueIndex('answers_client_id_unique').on(t.clientId)
	]
);

/** A spoken answer recorded on the phone; the id is made on the phone, so an upload sent twice is stored once. */
export const recordings = pgTable(
	'recordings',
	{
		id: uuid('id').primaryKey(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		mime: text('mime').notNull(),
		audio: bytea('audio').notNull(),
		bytes: integer('bytes').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('recordings_participant_idx').on(t.participantId)]
);

/** "Send to my coach": until then the coach sees only that the module is in progress. */
export const moduleSubmissions = pgTable(
	'module_submissions',
	{
		assignmentId: uuid('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		moduleId: text('module_id').notNull(),
		clientId: uuid('client_id').notNull(),
		submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.assignmentId, t.moduleId] }),
		uniqueIndex('module_submissions_client_unique').on(t.clientId)
	]
);

/** The participatieladder rung: derived from the answers, confirmed or corrected by the coach; the history stays. */
export const ladderRungs = pgTable(
	'ladder_rungs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		assignmentId: uuid('assignment_id').references(() => assignments.id, { onDelete: 'set null' }),
		rung: integer('rung').notNull(),
		derivedRung: integer('derived_rung'),
		source: text('source', { enum: ['confirmed', 'corrected'] }).notNull(),
		note: text('note').notNull().default(''),
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('ladder_rungs_participant_idx').on(t.participantId)]
);

/** Small key/value store for server settings (e.g. generated secrets). */
export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/**
 * A message between a participant and their coach. Messages from the phone carry the phone's id (`clientId`), so a
 * message sent twice (a retry after a lost reply or a server restart) is stored once. A voice note or a photo is a
 * file the phone uploaded first (`recordings`, content-checked) and referred to here.
 */
export const messages = pgTable(
	'messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clientId: uuid('client_id').notNull(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		/** Who wrote it; an automatic out-of-hours reply is from the coach, marked `auto`. */
		sender: text('sender', { enum: ['participant', 'coach'] }).notNull(),
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: ['text', 'quick', 'voice', 'photo'] }).notNull(),
		body: text('body').notNull().default(''),
		/** A quick pictogram message as a code ("ill", "late" …): each side reads it in their own language. */
		quick: text('quick'),
		attachmentId: uuid('attachment_id').references(() => recordings.id, { onDelete: 'set null' }),
		durationMs: integer('duration_ms'),
		auto: boolean('auto').notNull().default(false),
		/** When it was written (on the phone, perhaps offline); createdAt is when the server got it (delivered). */
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
		createdAt: createdAt(),
		/** Read by the other side: the coach opened the thread, or the participant's phone showed it. */
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('messages_client_id_unique').on(t.clientId),
		index('messages_participant_idx').on(t.participantId, t.createdAt)
	]
);
