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
	doublePrecision,
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
	messageRetentionDays: integer('message_retention_days').notNull().default(365),
	/** Days each other kind of data is kept (src/lib/server/privacy/retention.ts: kinds, defaults, from when). */
	retentionDays: jsonb('retention_days').$type<Record<string, number>>().notNull().default({}),
	/** The reasons a coach chooses from when closing a trajectory; null: the defaults (server/closure/reasons.ts). */
	closureReasons: jsonb('closure_reasons').$type<string[]>(),
	/** The local name of the sport and culture scheme ("Ooievaarspas", "U-pas"), shown with activities it pays for. */
	schemeName: text('scheme_name')
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
		/**
		 * A translator records voice clips and sees no participants; a policy officer (issue 15) sees the indicators
		 * of the municipality's teams, aggregated and suppressed, and no participants.
		 */
		role: text('role', {
			enum: ['coach', 'team_lead', 'translator', 'admin', 'policy_officer', 'privacy_officer']
		})
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
		autoReplyText: text('auto_reply_text').notNull().default(''),
		/** An admin switched the account off: no login, every session ended; history keeps the name. */
		deactivatedAt: timestamp('deactivated_at', { withTimezone: true })
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
		/** The four digits of the participant's postcode (optional): "near me" on the activities screen. */
		postcode: text('postcode'),
		slug: text('slug').unique(),
		createdAt: createdAt(),
		/** When the trajectory ended: messages are kept for the municipality's retention period after it. */
		trajectoryEndedAt: timestamp('trajectory_ended_at', { withTimezone: true }),
		/** Where the trajectory stands (issue 14): intake, active, aftercare, closed. Closed is out of the default caseload. */
		caseStatus: text('case_status', { enum: ['intake', 'active', 'aftercare', 'closed'] })
			.notNull()
			.default('intake'),
		/** A detail the coach adds to tell two participants with the same name apart (e.g. "Noord", "met dochter"). */
		nameDetail: text('name_detail').notNull().default('')
	},
	(t) => [
		index('participants_coach_idx').on(t.coachId),
		// Same-name lookups in a team (caseload, adding a participant).
		index('participants_name_idx').on(sql`lower(${t.displayName})`)
	]
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

/**
 * One-time links an admin hands a colleague (issue 14 §4): to set a first password (invite) or a new one (reset).
 * Only a hash of the token is kept; using one, or making a newer one, ends it.
 */
export const staffLinks = pgTable(
	'staff_links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		coachId: uuid('coach_id')
			.notNull()
			.references(() => coaches.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
		tokenHash: text('token_hash').notNull(),
		createdByCoachId: uuid('created_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('staff_links_token_unique').on(t.tokenHash),
		index('staff_links_coach_idx').on(t.coachId)
	]
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
		/**
		 * Hash of the Dutch source and the translation the clip was recorded for (voice/pack.ts, textHash). When either
		 * changes the clip is stale: the studio asks for it again and the phone falls back until then. Null: recorded
		 * before this was kept, taken as current.
		 */
		textHash: text('text_hash'),
		recordedByCoachId: uuid('recorded_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('voice_clips_lang_key_unique').on(t.lang, t.textKey)]
);

/**
 * Speech made by the server voice (eSpeak NG, src/lib/server/voice/tts.ts) for a text in a language without a
 * recorded clip. Rendered once: the key is a hash of the engine and format version, the voice and the exact text,
 * so a changed translation or a new engine renders anew and an unchanged text never does.
 */
export const serverVoice = pgTable('server_voice', {
	hash: text('hash').primaryKey(),
	lang: text('lang').notNull(),
	mime: text('mime').notNull(),
	audio: bytea('audio').notNull(),
	bytes: integer('bytes').notNull(),
	durationMs: integer('duration_ms').notNull(),
	renderMs: integer('render_ms').notNull(),
	createdAt: createdAt()
});

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
		/** T0 intake, T1 evaluation, or 'moment': any questionnaire at any moment, named by `moment`. */
		wave: text('wave', { enum: ['T0', 'T1', 'moment'] }).notNull(),
		/** The coach's name for the moment (e.g. "3 maanden"); empty for T0 and T1. */
		moment: text('moment'),
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

/**
 * A file a participant made on the phone (a spoken answer, a voice note, a photo); the id is made on the phone, so an
 * upload sent twice is stored once.
 */
export const attachments = pgTable(
	'attachments',
	{
		id: uuid('id').primaryKey(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		mime: text('mime').notNull(),
		data: bytea('data').notNull(),
		bytes: integer('bytes').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('attachments_participant_idx').on(t.participantId)]
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
		/**
		 * The participant's rung before this one (null for the first): a move is a fact of the moment it was given.
		 * The indicators compare the two without looking up everyone's history (50,000 lookups for a municipality).
		 */
		previousRung: integer('previous_rung'),
		derivedRung: integer('derived_rung'),
		source: text('source', { enum: ['confirmed', 'corrected'] }).notNull(),
		note: text('note').notNull().default(''),
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		index('ladder_rungs_participant_idx').on(t.participantId, t.createdAt),
		// The indicators read the rungs given in a period, for a whole municipality.
		index('ladder_rungs_created_idx').on(t.createdAt)
	]
);

/** Small key/value store for server settings (e.g. generated secrets). */
export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/** An appointment between a coach and a participant. Times are stored in UTC and shown in Europe/Amsterdam. */
export const appointments = pgTable(
	'appointments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		coachId: uuid('coach_id')
			.notNull()
			.references(() => coaches.id),
		/** See APPOINTMENT_TYPES in src/lib/appointments/kinds.ts. */
		type: text('type').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		/** See PLACES in src/lib/appointments/kinds.ts. */
		place: text('place').notNull(),
		address: text('address').notNull().default(''),
		mapUrl: text('map_url'),
		/** What to bring, as codes (BRING_ITEMS). */
		bring: text('bring')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		interpreter: boolean('interpreter').notNull().default(false),
		/** Other professionals present, as the coach writes it (e.g. "Anja, schuldhulp"). */
		others: text('others').notNull().default(''),
		/** For "going together to an activity": which one (no foreign key: activities are another area). */
		activityId: uuid('activity_id'),
		/** Reminders: the evening before, and this many hours before (null: off). */
		remindDayBefore: boolean('remind_day_before').notNull().default(true),
		remindHoursBefore: integer('remind_hours_before').default(2),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		/** Set by the coach afterwards: did it take place? 'noShow' raises a quiet "call" signal for the coach. */
		attendance: text('attendance', { enum: ['attended', 'noShow'] }),
		/** The coach has followed up a no-show (called). */
		followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
		/** When the coach last moved it (another day or time): replies given before no longer count, it asks again. */
		movedAt: timestamp('moved_at', { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('appointments_participant_idx').on(t.participantId, t.startsAt),
		index('appointments_coach_idx').on(t.coachId, t.startsAt)
	]
);

/** A participant's reply to an appointment ("I'll come", "I can't come – ill", "call me"); the newest counts. */
export const appointmentReplies = pgTable(
	'appointment_replies',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		appointmentId: uuid('appointment_id')
			.notNull()
			.references(() => appointments.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		/** The phone's id for this reply: a second delivery of the same reply is a no-op. */
		clientId: uuid('client_id').notNull().unique(),
		reply: text('reply', { enum: ['coming', 'cannot', 'callMe'] }).notNull(),
		reason: text('reason', { enum: ['ill', 'children', 'transport', 'other'] }),
		repliedAt: timestamp('replied_at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
		/** The coach has seen it. */
		seenAt: timestamp('seen_at', { withTimezone: true })
	},
	(t) => [
		index('appointment_replies_appointment_idx').on(t.appointmentId, t.repliedAt),
		// The caseload's signals look replies up per participant (unseen; heard from lately).
		index('appointment_replies_participant_idx').on(t.participantId, t.receivedAt)
	]
);

/** A phone's Web Push subscription (one per device and push service endpoint). */
export const pushSubscriptions = pgTable(
	'push_subscriptions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		deviceId: uuid('device_id')
			.notNull()
			.references(() => devices.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull().unique(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: createdAt(),
		lastSuccessAt: timestamp('last_success_at', { withTimezone: true })
	},
	(t) => [index('push_subscriptions_participant_idx').on(t.participantId)]
);

/**
 * The durable push queue. Workers claim due jobs with FOR UPDATE SKIP LOCKED, so two server processes never take
 * the same job; `key` is unique, so the same reminder is never queued twice. A job a crashed worker held is taken
 * again once its lease ends.
 */
export const pushJobs = pgTable(
	'push_jobs',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** E.g. "reminder:<appointment>:dayBefore:<startsAt>": moving the appointment makes new keys. */
		key: text('key').notNull().unique(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		runAt: timestamp('run_at', { withTimezone: true }).notNull(),
		state: text('state', { enum: ['pending', 'running', 'done', 'failed', 'cancelled'] })
			.notNull()
			.default('pending'),
		attempts: integer('attempts').notNull().default(0),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		/** How it reached the participant: 'push' (at least one phone), 'inApp' (no push: shown on next open). */
		outcome: text('outcome'),
		lastError: text('last_error'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [index('push_jobs_due_idx').on(t.state, t.runAt)]
);

/**
 * An activity on the municipality's sociale kaart (issue 6). The schedule is civil time in Europe/Amsterdam with an
 * RRULE subset (src/lib/activities/recurrence.ts). Texts are plain Dutch with translations where given.
 */
export const activities = pgTable(
	'activities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The municipality (or, for a team without one, the team) whose catalogue this is. */
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** The key an import matches on (a CSV "id" column or an iCalendar UID), unique per catalogue. */
		externalId: text('external_id').notNull(),
		category: text('category').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/**
		 * Per language the translated texts and, per text, a hash of the Dutch source it was translated from
		 * (activities/translations.ts): when the Dutch changes, the translation is stale until it is done again.
		 */
		translations: jsonb('translations')
			.$type<
				Record<
					string,
					{
						title?: string;
						description?: string;
						closedReason?: string;
						sources?: { title?: string; description?: string; closedReason?: string };
					}
				>
			>()
			.notNull()
			.default({}),
		organiser: text('organiser').notNull().default(''),
		contact: text('contact').notNull().default(''),
		address: text('address').notNull().default(''),
		neighbourhood: text('neighbourhood').notNull().default(''),
		postcode: text('postcode').notNull().default(''),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		/** Civil "YYYY-MM-DDTHH:mm" in Amsterdam. */
		start: text('start').notNull(),
		durationMinutes: integer('duration_minutes').notNull(),
		rrule: text('rrule'),
		exdates: jsonb('exdates').$type<string[]>().notNull().default([]),
		rdates: jsonb('rdates').$type<string[]>().notNull().default([]),
		cost: text('cost', { enum: ['free', 'price', 'scheme'] })
			.notNull()
			.default('free'),
		priceCents: integer('price_cents'),
		effort: text('effort', { enum: ['calm', 'some', 'busy'] })
			.notNull()
			.default('calm'),
		groupSize: integer('group_size'),
		womenOnly: boolean('women_only').notNull().default(false),
		wheelchair: boolean('wheelchair').notNull().default(false),
		childcare: boolean('childcare').notNull().default(false),
		languages: jsonb('languages').$type<string[]>().notNull().default([]),
		closed: boolean('closed').notNull().default(false),
		closedReason: text('closed_reason').notNull().default(''),
		photo: bytea('photo'),
		photoMime: text('photo_mime'),
		photoSha256: text('photo_sha256'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('activities_external_unique').on(t.organisationId, t.externalId)]
);

/** "I want to try this" / "go together with my coach": from the phone's outbox, stored once per clientId. */
export const activityRequests = pgTable(
	'activity_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['try', 'together'] }).notNull(),
		clientId: uuid('client_id').notNull(),
		/** When the participant asked, on the phone. */
		at: timestamp('at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
		/** The coach marked it as dealt with. */
		handledAt: timestamp('handled_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('activity_requests_client_unique').on(t.clientId),
		index('activity_requests_participant_idx').on(t.participantId),
		index('activity_requests_activity_idx').on(t.activityId)
	]
);

/** Postcode (four digits) centroids the municipality loads: "near me" from a postcode, computed on the phone. */
export const postcodeCentroids = pgTable(
	'postcode_centroids',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		postcode: text('postcode').notNull(),
		lat: doublePrecision('lat').notNull(),
		lon: doublePrecision('lon').notNull()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.postcode] })]
);

/**
 * A message between a participant and their coach. Messages from the phone carry the phone's id (`clientId`), so a
 * message sent twice (a retry after a lost reply or a server restart) is stored once. A voice note or a photo is a
 * file the phone uploaded first (`attachments`, content-checked) and referred to here.
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
		attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'set null' }),
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

/**
 * A plan that asks "How are you?" (issue 15): once or every `everyDays`, for one participant, all participants of a
 * coach, or a whole team. What a team changes (how often, when to ask again, when it counts as silent) is data here.
 * The planner (src/lib/server/checkins/planner.ts) turns a due plan into check-ins and pushes, then moves `nextAt` on.
 */
export const checkinPlans = pgTable(
	'checkin_plans',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		scope: text('scope', { enum: ['participant', 'coach', 'team'] }).notNull(),
		participantId: uuid('participant_id').references(() => participants.id, { onDelete: 'cascade' }),
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'cascade' }),
		teamId: uuid('team_id').references(() => organisations.id, { onDelete: 'cascade' }),
		/** Null: once. */
		everyDays: integer('every_days'),
		/** When the next round is asked; null when a one-off plan has run or the plan was stopped. */
		nextAt: timestamp('next_at', { withTimezone: true }),
		/** Not answered after this many days: asked once more. */
		remindAfterDays: integer('remind_after_days').notNull().default(3),
		/** Not answered after this many days: it counts as silent. */
		silentAfterDays: integer('silent_after_days').notNull().default(7),
		createdByCoachId: uuid('created_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		stoppedAt: timestamp('stopped_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [index('checkin_plans_next_idx').on(t.nextAt)]
);

/**
 * One "How are you?" asked of one participant. The newest answer is copied here (face, changes, contact) so that the
 * caseload's signals and the chart read one row per check-in; every answer the phone sent is in checkin_answers.
 */
export const checkins = pgTable(
	'checkins',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		planId: uuid('plan_id').references(() => checkinPlans.id, { onDelete: 'set null' }),
		dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
		remindAt: timestamp('remind_at', { withTimezone: true }).notNull(),
		silentAt: timestamp('silent_at', { withTimezone: true }).notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		/** 1 (very bad) … 5 (very good). */
		face: integer('face'),
		changes: text('changes')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		wantsContact: boolean('wants_contact').notNull().default(false),
		attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'set null' }),
		/** The coach has seen the answer (the signal on the caseload goes away). */
		seenAt: timestamp('seen_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('checkins_plan_round_unique').on(t.planId, t.participantId, t.dueAt),
		index('checkins_participant_idx').on(t.participantId, t.dueAt)
	]
);

/** Every answer a phone sent to a check-in, once per clientId (a retry is stored once). */
export const checkinAnswers = pgTable(
	'checkin_answers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clientId: uuid('client_id').notNull(),
		checkinId: uuid('checkin_id')
			.notNull()
			.references(() => checkins.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		face: integer('face').notNull(),
		changes: text('changes')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		wantsContact: boolean('wants_contact').notNull().default(false),
		attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'set null' }),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('checkin_answers_client_unique').on(t.clientId),
		index('checkin_answers_checkin_idx').on(t.checkinId)
	]
);

/**
 * The coach's own note of a contact (issue 14, contact journal): a home visit, a call, a meeting, going along to an
 * activity, or contact with another professional. Seen by the coach and their team lead only; reading is audited.
 * A follow-up day (Amsterdam calendar day) raises a "follow-up due" signal on the caseload from that day on.
 */
export const journalNotes = pgTable(
	'journal_notes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		/** See JOURNAL_KINDS in src/lib/server/journal/kinds.ts. */
		kind: text('kind').notNull(),
		/** When the contact took place. */
		at: timestamp('at', { withTimezone: true }).notNull(),
		durationMinutes: integer('duration_minutes'),
		text: text('text').notNull().default(''),
		/** "YYYY-MM-DD" in Amsterdam: on and after this day the caseload shows "follow-up due". */
		followUpOn: text('follow_up_on'),
		followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		index('journal_notes_participant_idx').on(t.participantId, t.at),
		index('journal_notes_follow_up_idx')
			.on(t.participantId, t.followUpOn)
			.where(sql`${t.followUpOn} is not null and ${t.followUpDoneAt} is null`)
	]
);

/**
 * A participant's consent per purpose (issue 16), one row per decision: the newest row per purpose is the current
 * state, the older ones are its history. `version` is the version of the wording the participant saw
 * (src/lib/consent/purposes.ts). `coaching` = 'talkFirst' holds the questionnaires back until the coach records
 * that they talked (`talked`, a row by the coach). Rows from the old intake answers carry source 'intake'.
 */
export const consentEvents = pgTable(
	'consent_events',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['coaching', 'team', 'research'] }).notNull(),
		decision: text('decision', { enum: ['given', 'withdrawn', 'talkFirst', 'talked'] }).notNull(),
		version: text('version').notNull(),
		source: text('source', { enum: ['phone', 'coach', 'intake'] }).notNull(),
		/** The coach who recorded `talked`. */
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('consent_events_participant_idx').on(t.participantId, t.purpose, t.at)]
);

/**
 * An admin's request to erase a participant (the participant asked for it, AVG art. 17). A second admin confirms it;
 * then everything about the participant goes, this row with it, and an audit entry without personal data remains.
 */
export const erasureRequests = pgTable('erasure_requests', {
	id: uuid('id').primaryKey().defaultRandom(),
	participantId: uuid('participant_id')
		.notNull()
		.unique()
		.references(() => participants.id, { onDelete: 'cascade' }),
	requestedByCoachId: uuid('requested_by_coach_id')
		.notNull()
		.references(() => coaches.id, { onDelete: 'cascade' }),
	createdAt: createdAt()
});

/**
 * A goal the participant and their coach agreed on ("My plan", issue 14 §3): a picture and one short sentence in
 * Dutch, and optionally the same in the participant's own language (written with an interpreter, say). Closed as
 * reached or stopped, with how far the participant got (goal attainment, −2 … +2).
 */
export const goals = pgTable(
	'goals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		/** One of GOAL_PICTOGRAMS (src/lib/plan/kinds.ts). */
		pictogram: text('pictogram').notNull(),
		text: text('text').notNull(),
		/** The same goal in the participant's language, when someone wrote it; spoken in that language. */
		ownText: text('own_text'),
		ownLanguage: text('own_language'),
		state: text('state', { enum: ['active', 'reached', 'stopped'] })
			.notNull()
			.default('active'),
		rating: integer('rating'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdByCoachId: uuid('created_by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('goals_participant_idx').on(t.participantId, t.createdAt)]
);

/**
 * A small step towards a goal ("go to the taalcafé with Lotte on Thursday"), with the day it is planned for. Done
 * when the participant ticked it on the phone (through the outbox) or the coach did; the newest tick counts.
 */
export const goalSteps = pgTable(
	'goal_steps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goals.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		ownText: text('own_text'),
		/** "YYYY-MM-DD" in Amsterdam, or null: some time. */
		dueOn: text('due_on'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: text('done_by', { enum: ['participant', 'coach'] }),
		/** The time of the newest tick or untick (a phone may deliver an older one later: it does not count). */
		markedAt: timestamp('marked_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		index('goal_steps_goal_idx').on(t.goalId, t.createdAt),
		index('goal_steps_participant_idx').on(t.participantId)
	]
);

/** Every tick and untick of a step a phone sent, once per clientId (a retry is stored once). */
export const goalStepMarks = pgTable(
	'goal_step_marks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clientId: uuid('client_id').notNull(),
		stepId: uuid('step_id')
			.notNull()
			.references(() => goalSteps.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		done: boolean('done').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('goal_step_marks_client_unique').on(t.clientId)]
);

/**
 * A participant handed to another coach (issue 14 §4), with the note for the new coach. The history stays with the
 * participant; the phone shows the new coach for a while after `at`.
 */
export const handovers = pgTable(
	'handovers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		fromCoachId: uuid('from_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		toCoachId: uuid('to_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		/** Who did it: the coach themselves or their team lead. */
		byCoachId: uuid('by_coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		note: text('note').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('handovers_participant_idx').on(t.participantId, t.at)]
);

/**
 * A trajectory closed (issue 14 §5): why, from when, and how long the coach stays in touch afterwards (aftercare).
 * A participant can be closed, reopened and closed again: each closing is a row; the newest not reopened one counts.
 */
export const closures = pgTable(
	'closures',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		coachId: uuid('coach_id').references(() => coaches.id, { onDelete: 'set null' }),
		/** One of the municipality's reasons, as worded when chosen (the indicators count by it). */
		reason: text('reason').notNull(),
		closedOn: text('closed_on').notNull(),
		/** The last day of aftercare; null when the trajectory closed without aftercare. */
		aftercareUntil: text('aftercare_until'),
		/** The end of a short contract the participant found: one aftercare call falls on it. */
		contractEndsOn: text('contract_ends_on'),
		note: text('note').notNull().default(''),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		/** Aftercare over: the participant is closed and retention counts from here. */
		endedAt: timestamp('ended_at', { withTimezone: true }),
		reopenedAt: timestamp('reopened_at', { withTimezone: true })
	},
	(t) => [index('closures_participant_idx').on(t.participantId, t.at)]
);

/** The calls of aftercare: one per moment (1, 3, 6, 12 months after closing, the end of a contract). */
export const aftercareChecks = pgTable(
	'aftercare_checks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		closureId: uuid('closure_id')
			.notNull()
			.references(() => closures.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['months1', 'months3', 'months6', 'months12', 'contractEnd'] }).notNull(),
		dueOn: text('due_on').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneByCoachId: uuid('done_by_coach_id').references(() => coaches.id, { onDelete: 'set null' })
	},
	(t) => [index('aftercare_checks_participant_idx').on(t.participantId, t.dueOn)]
);
