import { WizardStateSchema } from '../../src-shared/ipc/renewal-view';
import { type WizardState } from '../../src-shared/renewal/wizard';
import { type AppDatabase } from './app-database';

export type StoredWizard = { licenseNumber: string; state: WizardState };

export interface WizardStorePort {
  load(): StoredWizard | null;
  save(wizard: StoredWizard, at: string): void;
  clear(): void;
}

/**
 * The wizard's progress, one row, written in one statement before anything is sent (SQLite makes the write atomic:
 * after a crash the row is the old state or the new one, never half). A row that does not parse reads as none.
 */
export class WizardStore implements WizardStorePort {
  constructor(private readonly db: AppDatabase) {}

  load(): StoredWizard | null {
    const row = this.db
      .prepare<[], { license_number: string; state: string }>('SELECT license_number, state FROM renewal_wizard WHERE id = 1')
      .get();
    if (!row) return null;
    try {
      const state = WizardStateSchema.safeParse(JSON.parse(row.state));
      return state.success ? { licenseNumber: row.license_number, state: state.data } : null;
    } catch {
      return null;
    }
  }

  save(wizard: StoredWizard, at: string): void {
    this.db
      .prepare(
        `INSERT INTO renewal_wizard (id, license_number, state, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET license_number = excluded.license_number, state = excluded.state,
           updated_at = excluded.updated_at`,
      )
      .run(wizard.licenseNumber, JSON.stringify(wizard.state), at);
  }

  clear(): void {
    this.db.prepare('DELETE FROM renewal_wizard').run();
  }
}
