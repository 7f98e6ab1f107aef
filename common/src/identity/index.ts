export {
  IDENTITY_HEADER,
  isRole,
  knownRoles,
  ROLES,
  signIdentityToken,
  verifyIdentityToken,
  verifyRouterToken,
  type IdentityToSign,
  type Role,
  type RouterClaims,
  type VerifiedIdentity,
} from './identity-token';
export { clientAddressKey } from './client-address-key';
