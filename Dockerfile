# refund-tracker: build with `docker build -t refund-tracker .`, or let `docker compose up` build it.
# The image runs the CLI; the default command is the `worker` service. Any other command works too:
#   docker run --rm --env-file .env refund-tracker cases list

# Node 24 (LTS, supported until 2028-04): Node 20 is past its end of life. package.json's engines
# still accept 20.19+, for machines that have only that.
# --- build: compile TypeScript, then drop the dev dependencies ----------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app

# re2 is a native module: npm ci takes its prebuilt binary when one matches this Node, and otherwise
# compiles it with node-gyp, which needs Python, make and a C++ compiler. Only this stage has them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so editing the source does not invalidate this layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
# Only the test code scripts/ imports is in the context (.dockerignore).
COPY test ./test
# tsc, then the packaged `analyze` with its V8 code cache, made by this Node: the runtime stage's.
RUN npm run build \
    && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the compiled output and production dependencies only ----------------------------------
# Same base image as the build stage, so native modules built there match at run time.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
# The worker serves /healthz and /metrics on this port (HTTP_PORT; off where it is empty).
ENV HTTP_PORT=8080
WORKDIR /app

# Owned by root and only readable by the `node` user the process runs as.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The unprivileged user the official Node images provide (uid 1000).
USER node

EXPOSE 8080
# Healthy while /healthz answers 200 (IMAP, Redis and MongoDB reachable, recent scan). Node's own
# fetch: the slim image has no curl. A one-off command (`cases list`) exits long before the first check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Configuration comes from the environment (see .env.example); the CLI also reads ./.env when one is
# mounted at /app/.env.
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["worker"]
