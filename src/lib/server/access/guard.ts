import { redirect, type RequestEvent } from '@sveltejs/kit';
import { can } from './policy';
import { ROUTES, type RouteRule, type Who } from './routes';
import { refuse } from '../result';

/** What a request asks of its route: a page or endpoint method, or a form action by name. */
export type Operation = { kind: 'method'; method: string } | { kind: 'action'; name: string | null };

/**
 * The form action a POST names, read as SvelteKit does (`?/name`, else `default`). An explicit `?/default` is
 * SvelteKit's reserved name and never a real action: `name` is null (SvelteKit itself would throw a 500).
 */
export function operationOf(event: Pick<RequestEvent, 'request' | 'url' | 'route'>): Operation {
	const method = event.request.method === 'HEAD' ? 'GET' : event.request.method;
	const rule = event.route.id ? ROUTES[event.route.id] : undefined;
	if (method === 'POST' && rule?.actions) {
		for (const [key] of event.url.searchParams) {
			if (key.startsWith('/')) return { kind: 'action', name: key === '/default' ? null : key.slice(1) };
		}
		if (!rule.POST) return { kind: 'action', name: 'default' };
	}
	return { kind: 'method', method };
}

function whoFor(rule: RouteRule | undefined, operation: Operation): Who | undefined {
	if (!rule) return undefined;
	if (operation.kind === 'method') return rule[operation.method as keyof RouteRule] as Who | undefined;
	return operation.name !== null && rule.actions && Object.hasOwn(rule.actions, operation.name)
		? rule.actions[operation.name]
		: undefined;
}

/** Is this a request for a page a browser shows (so an anonymous person is sent to a door), not data or an API? */
function wantsPage(event: RequestEvent, operation: Operation): boolean {
	return (
		operation.kind === 'method' &&
		operation.method === 'GET' &&
		!event.isDataRequest &&
		(event.request.headers.get('accept') ?? '').includes('text/html')
	);
}

/**
 * The one door every request passes before any route code runs (pages, `__data.json`, form actions, endpoints).
 * Not entitled and not identified: pages redirect to the login (workspace) or the welcome screen (phone),
 * everything else is 401; logged in to the workspace without the permission: 403. An operation the table does not
 * know is refused the same way (deny by default). Throws SvelteKit's redirect or error, or returns to go on.
 */
export function guard(event: RequestEvent): void {
	const routeId = event.route.id;
	if (!routeId) return; // no such route: SvelteKit answers 404
	const operation = operationOf(event);
	if (operation.kind === 'action' && operation.name === null) refuse('not_found');
	const who = whoFor(ROUTES[routeId], operation);
	const { coach, participant } = event.locals;

	if (who === 'public') return;
	if (who === 'participant') {
		if (participant) return;
		if (wantsPage(event, operation)) redirect(303, event.locals.unpaired ? '/?unpaired=1' : '/');
		refuse('unauthenticated');
	}
	if (who === 'participant-or-coach') {
		if (participant || coach) return;
		refuse('unauthenticated');
	}
	if (who === undefined) refuse(coach || participant ? 'forbidden' : 'unauthenticated');
	// A permission of the coach workspace.
	if (!coach) {
		if (wantsPage(event, operation))
			redirect(303, `/coach/login?next=${encodeURIComponent(event.url.pathname)}`);
		refuse('unauthenticated');
	}
	if (!can(coach, who)) refuse('forbidden');
}

/** The logged-in workspace user, for route code behind the guard (which has already refused everyone else). */
export function coachOf(locals: App.Locals): NonNullable<App.Locals['coach']> {
	if (!locals.coach) refuse('unauthenticated');
	return locals.coach;
}

/** The paired participant, for route code behind the guard. */
export function participantOf(locals: App.Locals): NonNullable<App.Locals['participant']> {
	if (!locals.participant) refuse('unauthenticated');
	return locals.participant;
}
