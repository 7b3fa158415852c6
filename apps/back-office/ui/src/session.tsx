import { createContext, useContext } from 'react';
import { mayDo, type StaffAction } from '../../src/domain/staff-permissions';

export interface SignedIn {
  subject: string;
  name: string | null;
  roles: string[];
  expiresAt: string;
}

export const SessionContext = createContext<SignedIn | null>(null);

export function useStaff(): SignedIn {
  return useContext(SessionContext)!;
}

/** Whether the signed-in member of staff may do an action: the UI hides what the service would refuse. */
export function useMay(action: StaffAction): boolean {
  return mayDo(useStaff().roles, action);
}
