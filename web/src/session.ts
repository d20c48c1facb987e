import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client.js';

/** What every page needs: the API client (with the key), blind review, and a live region for news. */
export interface Session {
  apiKey: string;
  api: Api;
  /** Blind review: names, contact, links and file names hidden everywhere, and `blind=true` sent to the API. */
  blind: boolean;
  setBlind: (blind: boolean) => void;
  signOut: (reason?: string) => void;
  /** Says something to screen readers and sighted users alike (the status line under the header). */
  announce: (message: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

/** The key lives in sessionStorage: gone when the tab closes, never sent anywhere but this API. */
const KEY_ITEM = 'hirematch.apiKey';
const BLIND_ITEM = 'hirematch.blind';

export const stored = {
  apiKey: (): string | null => sessionStorage.getItem(KEY_ITEM),
  setApiKey: (key: string | null): void => (key ? sessionStorage.setItem(KEY_ITEM, key) : sessionStorage.removeItem(KEY_ITEM)),
  blind: (): boolean => sessionStorage.getItem(BLIND_ITEM) === 'true',
  setBlind: (blind: boolean): void => sessionStorage.setItem(BLIND_ITEM, String(blind)),
};
