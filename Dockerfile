# The engine's image: the API, the projector worker and the CLI, built once. Multi-stage: the build
# stage compiles with the dev tools; the runtime stage has production dependencies only and runs as
# the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY test/support ./test/support
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
# 32 MiB semi-spaces for the API, the projector and the CLI, as `npm start` and the others give them
# (package.json): deriving and sending views makes much short-lived garbage.
ENV NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The two seed fixtures, loaded into an empty store when SEED_ON_EMPTY=true (a demo, not production).
COPY test/fixtures/seed-000.ndjson test/fixtures/seed-001.ndjson ./test/fixtures/
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
