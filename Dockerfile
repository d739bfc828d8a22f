# One image for every Vellum process: `serve` (the API), `worker`, and any other `vellum`
# command. TypeScript runs from source through tsx, as in development: no build step.
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
COPY packages/cli/package.json packages/cli/
COPY services/worker/package.json services/worker/
COPY services/api/package.json services/api/
COPY services/scheduler/package.json services/scheduler/
# postinstall applies these to node_modules (see patches/README.md).
COPY patches/ patches/
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

# tsx keeps its compile cache under the temp directory, which the node user can write.
USER node
ENTRYPOINT ["node", "packages/cli/bin/vellum.js"]
CMD ["serve"]
