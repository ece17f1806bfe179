# syntax=docker/dockerfile:1.7
#
# ChurnLab image: one image, three commands.
#   web (default):  scripts/start.ts --no-build --no-worker  → validates the environment, applies migrations
#                   (PostgreSQL advisory lock, so replicas may start together), then `next start`.
#   worker:         docker run … IMAGE node --conditions=react-server --import tsx workers/main.ts   (= npm run worker)
#   a job:          docker run … IMAGE npm run job -- ingest --project demo                          (scripts/job.ts)
#
# With DATABASE_URL set (Kubernetes, any managed PostgreSQL) nothing is embedded; without it the web command starts
# the embedded PostgreSQL in DATA_DIR (/data), which is handy for `docker run -v churnlab:/data -p 3000:3000`.
# Secrets (DATABASE_URL, AUTH_SECRET, CRON_SECRET) come from the environment at run time, never from this file.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# ---- deps: every dependency (dev ones too: `next build` needs TypeScript), native modules compiled here.
FROM base AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# postinstall generates the Prisma client from the schema.
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- build: the Next.js production build, then drop dev dependencies and build caches.
FROM deps AS build
COPY . .
ARG GIT_COMMIT=dev
ENV NODE_ENV=production GIT_COMMIT=${GIT_COMMIT}
# public/ may be absent from a clean clone (git keeps no empty folders).
# The worker threads' bundles are built here too: the app user cannot write node_modules at run time.
RUN mkdir -p public \
 && npx next build \
 && rm -rf .next/cache \
 && npm prune --omit=dev \
 && node scripts/build-thread-bundles.mjs

# ---- runtime: no compilers, no dev dependencies, files owned by root and read-only for the app user.
FROM base AS runtime
ARG GIT_COMMIT=dev
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    GIT_COMMIT=${GIT_COMMIT} \
    NPM_CONFIG_CACHE=/tmp/.npm
RUN groupadd --system --gid 10001 churnlab \
 && useradd --system --uid 10001 --gid churnlab --home-dir /tmp --no-create-home --shell /usr/sbin/nologin churnlab
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/lib ./lib
COPY --from=build /app/workers ./workers
COPY --from=build /app/scripts ./scripts
# The only writable places: the data directory and Next's runtime cache (emptyDir/volumes in Kubernetes).
RUN mkdir -p /data /app/.next/cache \
 && chown churnlab:churnlab /data /app/.next/cache
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build", "--no-worker"]
