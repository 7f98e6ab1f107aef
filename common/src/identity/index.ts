export {
  IDENTITY_HEADER,
  signIdentityToken,
  verifyIdentityToken,
  verifyRouterToken,
  type RouterClaims,
  type VerifiedIdentity,
} from './identity-token';
