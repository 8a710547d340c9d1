# refund-tracker: build with `docker build -t refund-tracker .`, or let `docker compose up` build it.
# The image runs the CLI; the default command is the `worker` service. Any other command works too:
#   docker run --rm --env-file .env refund-tracker cases list

# --- build: compile TypeScript, then drop the dev dependencies ----------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so editing the source does not invalidate this layer. The only native module,
# msgpackr-extract (optional, from bullmq), ships prebuilt glibc binaries: no compiler is needed.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build \
    && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the compiled output and production dependencies only ----------------------------------
# Same base image as the build stage, so native modules built or picked there match at run time.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app

# Owned by root and only readable by the `node` user the process runs as.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The unprivileged user the official Node images provide (uid 1000).
USER node

# Configuration comes from the environment (see .env.example); the CLI also reads ./.env when one is
# mounted at /app/.env. No port is exposed: the worker only makes outgoing connections.
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["worker"]
