export {
  IDENTITY_HEADER,
  signIdentityToken,
  verifyIdentityToken,
  type VerifiedIdentity,
} from './identity-token';
