/**
 * On the phone: recording a voice note and preparing a photo before they are kept in the outbox. Browser APIs only
 * (MediaRecorder, canvas); no Svelte, no server.
 */
import { MAX_VOICE_MS, PHOTO_MAX_SIDE, VOICE_BITS_PER_SECOND } from './index';

/** Files larger than this are refused by the server (MAX_ATTACHMENT_BYTES there). */
export const MAX_UPLOAD_BYTES = 450_000;

/** Opus where the browser records it (Chromium, Firefox: WebM/Opus or Ogg/Opus); else whatever it records. */
export function voiceMimeType(): string | undefined {
	if (typeof MediaRecorder === 'undefined') return undefined;
	return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4;codecs=opus', 'audio/mp4'].find((t) =>
		MediaRecorder.isTypeSupported(t)
	);
}

export interface VoiceRecording {
	/** Resolves with the recording once stopped (by `stop()` or at two minutes). */
	done: Promise<{ blob: Blob; durationMs: number }>;
	stop(): void;
}

/** Starts recording from the microphone at a speech bit rate; stops by itself at the two-minute limit. */
export async function startVoiceRecording(maxMs = MAX_VOICE_MS): Promise<VoiceRecording> {
	const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
	const mimeType = voiceMimeType();
	const recorder = new MediaRecorder(stream, {
		...(mimeType ? { mimeType } : {}),
		audioBitsPerSecond: VOICE_BITS_PER_SECOND
	});
	const chunks: Blob[] = [];
	const started = performance.now();
	const done = new Promise<{ blob: Blob; durationMs: number }>((resolve, reject) => {
		recorder.ondataavailable = (event) => {
			if (event.data.size) chunks.push(event.data);
		};
		recorder.onerror = () => reject(new Error('recorder failed'));
		recorder.onstop = () => {
			clearTimeout(timer);
			stream.getTracks().forEach((t) => t.stop());
			const durationMs = Math.min(maxMs, Math.round(performance.now() - started));
			resolve({
				blob: new Blob(chunks, { type: recorder.mimeType || mimeType || 'audio/webm' }),
				durationMs
			});
		};
	});
	recorder.start(1000);
	const timer = setTimeout(() => recorder.state === 'recording' && recorder.stop(), maxMs);
	return {
		done,
		stop: () => {
			if (recorder.state === 'recording') recorder.stop();
		}
	};
}

/**
 * A photo from the camera or the gallery, downscaled to PHOTO_MAX_SIDE and re-encoded as JPEG through a canvas:
 * small enough to send on a slow network, and the re-encoding drops EXIF (the location where it was taken).
 * Lowers the quality until it fits the upload limit; the problem (a text key) when it is no image or will not fit.
 */
export async function preparePhoto(
	file: Blob,
	maxSide = PHOTO_MAX_SIDE
): Promise<Blob | 'notMedia' | 'fileTooLarge'> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		return 'notMedia';
	}
	let side = maxSide;
	for (let attempt = 0; attempt < 6; attempt++) {
		const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(bitmap.width * scale));
		canvas.height = Math.max(1, Math.round(bitmap.height * scale));
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		const quality = [0.82, 0.72, 0.62, 0.55, 0.5, 0.45][attempt]!;
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
		if (blob && blob.size <= MAX_UPLOAD_BYTES) {
			bitmap.close();
			return blob;
		}
		if (attempt >= 2) side = Math.round(side * 0.8);
	}
	bitmap.close();
	return 'fileTooLarge';
}

/** "1:05" for a duration in milliseconds. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
