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

export type TurnOnResult = 'on' | 'denied' | 'unsupported' | 'failed' | 'offline';

/** Asks permission, subscribes at the browser's push service and tells the server. */
export async function turnOnReminders(publicKey: string): Promise<TurnOnResult> {
	if (pushSupport() !== 'supported') return 'unsupported';
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return 'denied';
	if (!navigator.onLine) return 'offline';
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
				body: JSON.stringify(subscription.toJSON())
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
