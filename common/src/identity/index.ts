export {
  IDENTITY_HEADER,
  signIdentityToken,
  verifyIdentityToken,
  verifyRouterToken,
  type RouterClaims,
  type VerifiedIdentity,
} from './identity-token';
export { clientAddressKey } from './client-address-key';
