// The areas that take entries from the phone's outbox; each file calls registerSyncArea() for its kind.
// (Imported only by ./outbox.ts, so that /api/sync knows every kind.)
import '../appointments/replies';
import '../activities/requests';
import '../messages/sync';
