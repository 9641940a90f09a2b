// The messages module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export {
  countMessagesSentBy,
  exportConversationsOf,
  exportMessagesWrittenForStoreBy,
  messagesErasure,
} from './erasure.ts';
export { messageRoutes } from './routes.ts';
// Support reads the conversation about an order when deciding a dispute on it (returns).
export { messagesAboutOrder, type OrderMessage } from './about-order.ts';
