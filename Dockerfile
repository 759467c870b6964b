# One image for every process of Todo Chatbot; the Helm chart picks the entry file per Deployment
# (args: --import tsx <entry>). Multi-stage: dependencies and the web build in a builder, then a
# slim runtime that runs as an unprivileged user with a read-only root filesystem.
#
# Node.js 24 LTS: the official image, pinned by the digest of its multi-platform index, so a
# rebuild gets these exact bytes and not whatever the tag points to that day. The digest could not
# be pulled where this was written; it is the one independent public Dockerfiles pin this tag to.
# Check or bump it with `docker buildx imagetools inspect node:<version>-bookworm-slim`. The local
# stack's Node is pinned in stack/node-runtime.mjs.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:0e0ff40c39bc087845bfb27465a0df4ea419520094bc35842ff83dd8cbe6f9b6

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY web ./web
COPY client ./client
COPY db ./db
COPY schemas ./schemas
RUN npx vite build --config web/vite.config.ts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    WEB_DIST=/app/web/dist \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
RUN groupadd --system --gid 10001 todo && useradd --system --uid 10001 --gid todo --no-create-home todo
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY actors ./actors
COPY client ./client
COPY db ./db
COPY gateway ./gateway
COPY host ./host
COPY platform ./platform
COPY realtime ./realtime
COPY schemas ./schemas
COPY stack/paths.ts stack/versions.ts stack/node-runtime.mjs ./stack/
COPY --from=web /app/web/dist ./web/dist
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["node"]
CMD ["--import", "tsx", "gateway/main.ts"]
