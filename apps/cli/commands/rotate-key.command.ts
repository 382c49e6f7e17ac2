import { Command, CommandRunner } from 'nest-commander';
import { openDataKeys } from '#application/stores/open-stores.js';
import { storeSettings } from '../cli-stores.js';

/**
 * Rotation of the key-encryption key: with the old key as KEY_ENCRYPTION_KEY_PREVIOUS and the new
 * one as KEY_ENCRYPTION_KEY (or _FILE), every student's key is rewrapped under the new one. The
 * service may run meanwhile with both set; afterwards KEY_ENCRYPTION_KEY_PREVIOUS is removed.
 */
@Command({ name: 'rotate-key', description: 'Rewrap every student key from KEY_ENCRYPTION_KEY_PREVIOUS to KEY_ENCRYPTION_KEY' })
export class RotateKeyCommand extends CommandRunner {
  async run(): Promise<void> {
    const settings = storeSettings();
    if (!settings.keyEncryptionKeyPrevious)
      throw new Error('set KEY_ENCRYPTION_KEY_PREVIOUS to the key the stored keys are wrapped with now');
    const keys = await openDataKeys(settings);
    try {
      const rewrapped = await keys.rotate();
      process.stdout.write(`${JSON.stringify({ rewrapped, kek: keys.kek.fingerprint })}\n`);
    } finally {
      await keys.store.close();
    }
  }
}
