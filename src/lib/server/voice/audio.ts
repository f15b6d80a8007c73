import { fileTypeFromBuffer } from 'file-type';

/** Containers browsers play as audio. WebM and MP4 are reported as video types by content sniffing. */
const AUDIO_TYPES: Record<string, string> = {
	'audio/ogg': 'audio/ogg',
	'audio/opus': 'audio/ogg',
	'audio/webm': 'audio/webm',
	'video/webm': 'audio/webm',
	'audio/mpeg': 'audio/mpeg',
	'audio/wav': 'audio/wav',
	'audio/vnd.wave': 'audio/wav',
	'audio/x-wav': 'audio/wav',
	'audio/mp4': 'audio/mp4',
	'audio/x-m4a': 'audio/mp4',
	'video/mp4': 'audio/mp4',
	'audio/aac': 'audio/aac',
	'audio/aac-adts': 'audio/aac',
	'audio/flac': 'audio/flac',
	'audio/x-flac': 'audio/flac'
};

/** The audio type of these bytes, judged by their content (never by a file name); null when it is not audio. */
export async function audioType(data: Uint8Array): Promise<string | null> {
	const detected = await fileTypeFromBuffer(data);
	return (detected && AUDIO_TYPES[detected.mime]) ?? null;
}
