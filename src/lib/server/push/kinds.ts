// The kinds of push each area sends; each file calls registerPushKind() (imported by ./worker.ts only).
import '../appointments/notifications';
import '../messages/notify';
import '../checkins/notify';
