import { lt, type LocalizedText } from '../i18n/text.js';
import type { ReturnStatus } from './types.js';

/** Labels of return statuses (受付済み, 点検済み, 受理, 差戻し). */
export const STATUS_LABEL: Record<ReturnStatus, LocalizedText> = {
  received: lt('受付済み', 'Received'),
  validated: lt('点検済み', 'Validated'),
  accepted: lt('受理', 'Accepted'),
  'sent-back': lt('差戻し', 'Sent back'),
};
