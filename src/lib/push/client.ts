/**
 * Turning reminders on and off on the phone (Web Push). Where push cannot work — an iPhone that has not put the app
 * on its home screen, a browser without it, permission refused — the app shows reminders in-app instead.
 */
export type PushSupport = 'supported' | 'iosNeedsInstall' | 'unsupported';

export function pushSupport(): PushSupport {
	if (typeof window === 'undefined') return 'unsupported';
	const ios = /iPhone|iPad|iPod/.test(navigator.userAgent);
	const standalone = window.matchMedia?.('(display-mode: standalone)').matches;
	if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
		return ios && !standalone ? 'iosNeedsInstall' : 'unsupported';
	}
	return 'supported';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
	const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
	const bytes = new Uint8Array(new ArrayBuffer(raw.length));
	for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
	return bytes;
}

export type TurnOnResult = 'on' | 'denied' | 'unsupported' | 'failed' | 'offline' | 'timeout';

/**
 * How long subscribing may take once permission is given. It can hang for good: `serviceWorker.ready` never settles
 * when the worker did not install, and `pushManager.subscribe` waits forever on phones whose push service is
 * unreachable (no Google Play services, a captive network). The participant is told, instead of a spinner forever.
 */
export const TURN_ON_TIMEOUT_MS = 15_000;

/**
 * Asks permission, subscribes at the browser's push service and tells the server. The time limit starts after the
 * permission question: that one waits for the participant, not the network.
 */
export async function turnOnReminders(
	publicKey: string,
	timeoutMs = TURN_ON_TIMEOUT_MS
): Promise<TurnOnResult> {
	if (pushSupport() !== 'supported') return 'unsupported';
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return 'denied';
	if (!navigator.onLine) return 'offline';
	const abort = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timedOut = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => {
			abort.abort();
			resolve('timeout');
		}, timeoutMs);
	});
	try {
		return await Promise.race([subscribeAndRegister(publicKey, abort.signal), timedOut]);
	} finally {
		clearTimeout(timer);
	}
}

async function subscribeAndRegister(publicKey: string, signal: AbortSignal): Promise<TurnOnResult> {
	try {
		const registration = await navigator.serviceWorker.ready;
		const subscribe = () =>
			registration.pushManager.subscribe({
				userVisibleOnly: true,
				applicationServerKey: keyBytes(publicKey)
			});
		const register = (subscription: PushSubscription) =>
			fetch('/api/push/subscription', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				credentials: 'same-origin',
				body: JSON.stringify(subscription.toJSON()),
				signal
			});
		const existing = await registration.pushManager.getSubscription();
		let response = await register(existing ?? (await subscribe()));
		if (response.status === 409 && existing) {
			// This browser's endpoint is still held by an earlier pairing (another participant): take a fresh one.
			await existing.unsubscribe();
			response = await register(await subscribe());
		}
		return response.ok ? 'on' : 'failed';
	} catch {
		return navigator.onLine ? 'failed' : 'offline';
	}
}

export async function turnOffReminders(): Promise<'off' | 'failed' | 'offline'> {
	if (!navigator.onLine) return 'offline';
	try {
		const registration = await navigator.serviceWorker.ready;
		const subscription = await registration.pushManager.getSubscription();
		if (subscription) {
			await fetch('/api/push/subscription', {
				method: 'DELETE',
				headers: { 'content-type': 'application/json' },
				credentials: 'same-origin',
				body: JSON.stringify({ endpoint: subscription.endpoint })
			});
			await subscription.unsubscribe();
		}
		return 'off';
	} catch {
		return 'failed';
	}
}
