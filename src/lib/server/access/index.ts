export { can, PERMISSIONS, type Permission, type Role } from './policy';
export { guard, coachOf, participantOf, operationOf } from './guard';
export { ROUTES, type RouteRule, type Who } from './routes';
