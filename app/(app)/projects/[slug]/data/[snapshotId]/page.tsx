import { SnapshotExplorer } from '@/components/data/snapshot-explorer';

export const metadata = { title: 'Explore snapshot · ChurnLab' };

/** Snapshot explore page. The (app) layout has already required a signed-in user; data comes from the API. */
export default async function SnapshotExplorePage({ params }: { params: Promise<{ slug: string; snapshotId: string }> }) {
  const { slug, snapshotId } = await params;
  return <SnapshotExplorer projectSlug={slug} snapshotId={snapshotId} />;
}
