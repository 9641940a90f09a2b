// Seller center → Messages: the store's conversations with buyers, and answering them.
import { ConversationScreen } from './conversation.tsx';
import { ConversationsScreen } from './messages.tsx';
import '../styles.css';

export function SellerMessagesPage() {
  return <ConversationsScreen perspective="store" />;
}

export function SellerConversationPage() {
  return <ConversationScreen perspective="store" />;
}
