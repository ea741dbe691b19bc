# biomatch server image: build with the full toolchain, run the compiled JavaScript as a non-root
# user with production dependencies only.
#   docker build -t biomatch .
#   docker run -p 50051:50051 -v biomatch-data:/data biomatch

FROM node:20-bookworm-slim AS build
WORKDIR /src
# node-gyp needs these for hnswlib-node (lmdb, sharp and msgpackr ship prebuilt binaries).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY proto ./proto
COPY engine ./engine
COPY scripts ./scripts
COPY bench ./bench
COPY fixtures ./fixtures
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    BIOMATCH_HOST=0.0.0.0 \
    BIOMATCH_DATA_DIR=/data
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/proto ./proto
COPY --from=build /src/engine/dna/frequency-tables ./engine/dna/frequency-tables
COPY --from=build /src/engine/fingerprint/identification/finger-vector-projection.bin ./engine/fingerprint/identification/finger-vector-projection.bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 50051
# SIGTERM drains in-flight calls (BIOMATCH_DRAIN_SECONDS, default 10); give docker stop longer.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD ["node", "dist/scripts/biomatch.js", "health"]
CMD ["node", "dist/engine/service/main.js"]
