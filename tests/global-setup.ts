// Placeholder replaced by the database bootstrap (integration tests need a real PostgreSQL).
export default async function setup(): Promise<void> {}
