export { UserRegistered, UserUpdated } from './user-events';
