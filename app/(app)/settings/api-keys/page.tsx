import { ApiKeysPanel } from '@/components/settings/api-keys-panel';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { listApiKeys } from '@/lib/server/api-keys/api-keys';

export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const user = await requirePageUser('scientist', '/settings/api-keys');
  const keys = await listApiKeys(user.id, user.role === 'admin');
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>API keys</h1>
          <p className="muted">
            Bearer keys for the HTTP API. <code>predict</code> scores customers; <code>read</code> reads projects, runs and
            models. A key is shown once; only its hash is stored.
          </p>
        </div>
      </div>
      <ApiKeysPanel initial={keys} />
    </div>
  );
}
