import { fileTypeFromBuffer } from 'file-type';
import { audioType } from '../voice/audio';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The image type of these bytes, judged by their content (never by a file name); null when it is not a photo. */
export async function imageType(data: Uint8Array): Promise<'image/jpeg' | 'image/png' | 'image/webp' | null> {
	const detected = await fileTypeFromBuffer(data);
	return detected && IMAGE_TYPES.has(detected.mime)
		? (detected.mime as 'image/jpeg' | 'image/png' | 'image/webp')
		: null;
}

/**
 * What a participant may upload: a sound recording or a photo, recognised by content. A photo comes back without
 * its metadata (EXIF with GPS location, XMP, text chunks): phones re-encode through a canvas, which drops it, but a
 * file may arrive otherwise.
 */
export async function checkedMedia(data: Uint8Array): Promise<{ mime: string; data: Uint8Array } | null> {
	const audio = await audioType(data);
	if (audio) return { mime: audio, data };
	const image = await imageType(data);
	if (!image) return null;
	const stripped = stripImageMetadata(data, image);
	return stripped ? { mime: image, data: stripped } : null;
}

/** Removes metadata segments/chunks from a JPEG, PNG or WebP; null when the file's structure is broken. */
export function stripImageMetadata(data: Uint8Array, mime: string): Uint8Array | null {
	if (mime === 'image/jpeg') return stripJpeg(data);
	if (mime === 'image/png') return stripPng(data);
	if (mime === 'image/webp') return stripWebp(data);
	return null;
}

/** JPEG: drops APP1 (EXIF, XMP), APP2–APP15 except ICC colour (APP2 "ICC_PROFILE") and comments, up to the scan. */
function stripJpeg(data: Uint8Array): Uint8Array | null {
	if (data[0] !== 0xff || data[1] !== 0xd8) return null;
	const parts: Uint8Array[] = [data.subarray(0, 2)];
	let i = 2;
	while (i + 4 <= data.length) {
		if (data[i] !== 0xff) return null;
		const marker = data[i + 1]!;
		if (marker === 0xff) {
			i++; // fill byte
			continue;
		}
		if (marker === 0xda || marker === 0xd9) {
			// Start of scan: the image data follows, with no more metadata segments worth looking for.
			parts.push(data.subarray(i));
			return concat(parts);
		}
		const length = (data[i + 2]! << 8) | data[i + 3]!;
		if (length < 2 || i + 2 + length > data.length) return null;
		const segment = data.subarray(i, i + 2 + length);
		const isApp = marker >= 0xe1 && marker <= 0xef;
		const isIcc = marker === 0xe2 && ascii(segment, 4, 11) === 'ICC_PROFILE';
		if (!(isApp && !isIcc) && marker !== 0xfe) parts.push(segment);
		i += 2 + length;
	}
	return null;
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** PNG: drops EXIF and text chunks; whole chunks go, so the other chunks' checksums stay right. */
function stripPng(data: Uint8Array): Uint8Array | null {
	const parts: Uint8Array[] = [data.subarray(0, 8)];
	let i = 8;
	while (i + 12 <= data.length) {
		const view = new DataView(data.buffer, data.byteOffset + i);
		const length = view.getUint32(0);
		const type = ascii(data, i + 4, i + 8);
		const end = i + 12 + length;
		if (end > data.length) return null;
		if (!PNG_DROP.has(type)) parts.push(data.subarray(i, end));
		i = end;
		if (type === 'IEND') return concat(parts);
	}
	return null;
}

/** WebP: drops the EXIF and XMP chunks, clears their flags in VP8X and fixes the RIFF size. */
function stripWebp(data: Uint8Array): Uint8Array | null {
	if (ascii(data, 0, 4) !== 'RIFF' || ascii(data, 8, 12) !== 'WEBP') return null;
	const parts: Uint8Array[] = [];
	let i = 12;
	while (i + 8 <= data.length) {
		const size = new DataView(data.buffer, data.byteOffset + i).getUint32(4, true);
		const type = ascii(data, i, i + 4);
		const end = i + 8 + size + (size % 2);
		if (i + 8 + size > data.length) return null;
		const chunk = data.slice(i, Math.min(end, data.length));
		if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
		if (type !== 'EXIF' && type !== 'XMP ') parts.push(chunk);
		i = end;
	}
	const body = concat(parts);
	const header = new Uint8Array(12);
	header.set(data.subarray(0, 12));
	new DataView(header.buffer).setUint32(4, body.length + 4, true);
	return concat([header, body]);
}

function ascii(data: Uint8Array, start: number, end: number): string {
	return String.fromCharCode(...data.subarray(start, end));
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
