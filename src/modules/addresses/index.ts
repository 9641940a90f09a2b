// The addresses module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { addressesErasure, countAddressesOf, exportAddressesOf, savedPhonesOf } from './erasure.ts';
export { AddressInputSchema, createAddress, findAddress } from './repository.ts';
export type { AddressInput } from './repository.ts';
export { addressRoutes } from './routes.ts';
