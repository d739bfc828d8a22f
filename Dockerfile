# One image for every Vellum process: `serve` (the API), `worker`, and any other `vellum`
# command. It runs the compiled CLI (packages/cli/dist), built from the sources below.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

# The manifests first, so the dependency layer is rebuilt only when they change. Keep this list
# in step with the root package.json "workspaces".
COPY package.json package-lock.json .npmrc ./
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/queue/package.json packages/queue/
COPY packages/fetcher/package.json packages/fetcher/
COPY packages/ingest/package.json packages/ingest/
COPY packages/cli/package.json packages/cli/
COPY services/worker/package.json services/worker/
COPY services/api/package.json services/api/
COPY services/scheduler/package.json services/scheduler/
# The root's install scripts (patch-package, and the CLI build of `prepare`) need the sources, so
# they run after the copy below.
RUN npm ci --omit=dev --ignore-scripts && npm rebuild && npm cache clean --force

COPY . .
# postinstall applies patches/ to node_modules (see patches/README.md); prepare builds the CLI.
RUN npm run postinstall && npm run prepare

USER node
# The bin is the node process itself (no shell in between), so `docker stop`'s SIGTERM reaches
# it and a worker drains (compose adds `init: true` for the zombie reaping). Never `npx vellum`.
ENTRYPOINT ["node", "packages/cli/bin/vellum.js"]
CMD ["serve"]
