import type { Permission } from './policy';

/**
 * Who may reach each route, per operation. Every route of src/routes has a row here; a route or form action without
 * one is refused (deny by default), and tests/browser/access-matrix.test.ts fails for it.
 * - `public`: anyone (the welcome and pairing pages, help, the voice clips and the server voice).
 * - `participant`: a paired phone.
 * - `participant-or-coach`: a paired phone or anyone logged in to the workspace (activity photos).
 * - a Permission of ./policy.ts: someone logged in to the workspace whose role has it.
 * `GET` is the page's load (and its `__data.json`) or the endpoint's GET; `actions` are the page's form actions.
 */
export type Who = 'public' | 'participant' | 'participant-or-coach' | Permission;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type RouteRule = Partial<Record<Method, Who>> & { actions?: Record<string, Who> };

const participantPage: RouteRule = { GET: 'participant' };

export const ROUTES: Record<string, RouteRule> = {
	// The participant's app
	'/(participant)': { GET: 'public' },
	'/(participant)/about': { GET: 'public' },
	'/(participant)/help': { GET: 'public' },
	'/(participant)/kit': { GET: 'public' },
	'/(participant)/settings': { GET: 'public' },
	'/(participant)/language': { GET: 'public', actions: { default: 'public' } },
	'/(participant)/pair': { GET: 'public', actions: { default: 'public' } },
	'/(participant)/activities': { GET: 'participant', actions: { postcode: 'participant' } },
	'/(participant)/activities/[id]': { GET: 'participant', actions: { request: 'participant' } },
	'/(participant)/activities/[id]/calendar.ics': participantPage,
	'/(participant)/activities/photo/[id]': { GET: 'participant-or-coach' },
	'/(participant)/appointments': participantPage,
	'/(participant)/appointments/[id]': { GET: 'participant', actions: { reply: 'participant' } },
	'/(participant)/appointments/[id]/calendar.ics': participantPage,
	'/(participant)/appointments/reminders': participantPage,
	'/(participant)/checkin/[id]': { GET: 'participant', actions: { answer: 'participant' } },
	'/(participant)/plan': { GET: 'participant', actions: { tick: 'participant' } },
	'/(participant)/my-coach': participantPage,
	'/(participant)/my-coach/photo': participantPage,
	'/(participant)/my-coach/messages': { GET: 'participant', actions: { send: 'participant' } },
	'/(participant)/my-coach/messages/download': participantPage,
	'/(participant)/questions': participantPage,
	'/(participant)/consent': { GET: 'participant', actions: { choose: 'participant' } },
	'/(participant)/settings/privacy': participantPage,
	'/(participant)/settings/my-data': participantPage,
	'/(participant)/settings/my-data/download': participantPage,
	'/(participant)/questions/[assignment]/[module]': {
		GET: 'participant',
		actions: { answer: 'participant', submit: 'participant' }
	},
	'/voice/[lang]/[key]': { GET: 'public' },
	'/voice/tts/[lang]/[key]': { GET: 'public' },
	'/voice/say/[lang]': { GET: 'participant-or-coach' },
	'/api/sync': { POST: 'participant' },
	'/api/attachments/[id]': { GET: 'participant', PUT: 'participant' },
	'/api/push/subscription': { POST: 'participant', DELETE: 'participant' },

	// The coach workspace: login is the only door.
	'/coach/login': { GET: 'public', actions: { default: 'public' } },
	// The one-time link from the admin to choose a password (its token is the key; it logs in like the login).
	'/coach/password/[token]': { GET: 'public', actions: { default: 'public' } },
	'/coach/staff': {
		GET: 'staff.manage',
		actions: {
			add: 'staff.manage',
			change: 'staff.manage',
			deactivate: 'staff.manage',
			reactivate: 'staff.manage',
			link: 'staff.manage'
		}
	},
	'/coach/logout': { POST: 'public' },
	'/coach': { GET: 'workspace.enter' },
	'/coach/audit': { GET: 'audit.view' },
	'/coach/letters': { GET: 'participant.add', actions: { print: 'participant.add' } },
	'/coach/audit/export.csv': { GET: 'audit.view' },
	'/coach/account': { GET: 'workspace.enter', actions: { default: 'workspace.enter' } },
	'/coach/account/messages': {
		GET: 'messages.settings',
		actions: { save: 'messages.settings', photo: 'messages.settings' }
	},
	'/coach/participants/new': { GET: 'participant.add', actions: { default: 'participant.add' } },
	'/coach/participants/[id]': {
		GET: 'caseload.view',
		actions: {
			assign: 'participant.manage',
			coachItems: 'participant.manage',
			rung: 'participant.manage',
			newCode: 'participant.manage',
			unpair: 'participant.manage',
			note: 'journal.write',
			followUpDone: 'journal.write',
			status: 'journal.write',
			talked: 'participant.manage',
			goal: 'participant.manage',
			step: 'participant.manage',
			stepDone: 'participant.manage',
			closeGoal: 'participant.manage',
			handover: 'participant.handover',
			close: 'participant.close',
			aftercareDone: 'participant.close',
			finishAftercare: 'participant.close',
			reopen: 'participant.close'
		}
	},
	'/coach/participants/[id]/record': { GET: 'caseload.view' },
	'/coach/participants/[id]/messages': {
		GET: 'caseload.view',
		actions: {
			reply: 'participant.manage',
			quick: 'participant.manage',
			voice: 'participant.manage',
			trajectory: 'participant.manage'
		}
	},
	'/coach/participants/[id]/appointments/new': {
		GET: 'participant.manage',
		actions: { default: 'participant.manage' }
	},
	'/coach/participants/[id]/checkins': {
		GET: 'caseload.view',
		actions: { schedule: 'checkins.plan', stop: 'checkins.plan' }
	},
	'/coach/checkins': { GET: 'checkins.plan', actions: { plan: 'checkins.plan', stop: 'checkins.plan' } },
	'/coach/indicators': { GET: 'indicators.view' },
	'/coach/indicators/export.csv': { GET: 'indicators.view' },
	'/coach/appointments': { GET: 'caseload.view', actions: { attendance: 'participant.manage' } },
	'/coach/appointments/[id]': {
		GET: 'caseload.view',
		actions: {
			update: 'participant.manage',
			cancel: 'participant.manage',
			remindNow: 'participant.manage',
			attendance: 'participant.manage'
		}
	},
	'/coach/messages': { GET: 'caseload.view' },
	'/coach/messages/updates': { GET: 'caseload.view' },
	'/coach/attachments/[id]': { GET: 'caseload.view' },
	'/coach/export.csv': { GET: 'results.export' },
	'/coach/questionnaires/[id]/research.zip': { GET: 'results.export' },
	'/coach/caseload.csv': { GET: 'caseload.view' },
	'/coach/activities': {
		GET: 'activities.manage',
		actions: { close: 'activities.manage', open: 'activities.manage', delete: 'activities.manage' }
	},
	'/coach/activities/[id]': {
		GET: 'activities.manage',
		actions: {
			save: 'activities.manage',
			photo: 'activities.manage',
			removePhoto: 'activities.manage',
			delete: 'activities.manage'
		}
	},
	'/coach/activities/import': {
		GET: 'activities.manage',
		actions: { check: 'activities.manage', apply: 'activities.manage', centroids: 'activities.manage' }
	},
	'/coach/activities/export.csv': { GET: 'activities.manage' },
	'/coach/activities/export.jsonld': { GET: 'activities.manage' },
	'/coach/activities/interest': { GET: 'caseload.view', actions: { handled: 'caseload.view' } },
	'/coach/questionnaires/group': { GET: 'participant.manage', actions: { default: 'participant.manage' } },
	'/coach/questionnaires': {
		GET: 'questionnaires.manage',
		actions: { default: 'questionnaires.manage' }
	},
	'/coach/municipality': {
		GET: 'municipality.settings',
		actions: { save: 'municipality.settings', retention: 'municipality.settings' }
	},
	'/coach/privacy': {
		GET: 'participant.erase',
		actions: {
			request: 'participant.erase',
			confirm: 'participant.erase',
			cancel: 'participant.erase'
		}
	},
	'/coach/voice': { GET: 'voice.record' },
	'/coach/voice/[lang]/pack.zip': { GET: 'voice.record' },
	'/coach/voice/[lang]/activities': {
		GET: 'activities.translate',
		// Translating and recording the activity texts (voice/activity-clips.ts checks the catalogue too).
		actions: { save: 'activities.translate', upload: 'activities.translate', delete: 'activities.translate' }
	},
	'/coach/voice/[lang]/next': { GET: 'voice.record', actions: { upload: 'voice.record' } },
	'/coach/voice/[lang]': {
		GET: 'voice.record',
		actions: { upload: 'voice.record', delete: 'voice.record', importPack: 'voice.record' }
	}
};
