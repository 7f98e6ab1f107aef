export { normaliseText } from './normalise-text';
