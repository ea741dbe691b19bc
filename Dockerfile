# biomatch server image: build with the full toolchain, run the compiled JavaScript as a non-root
# user with production dependencies only. It serves mutual TLS by default (README "TLS and mutual
# TLS"), from certificates in a volume mounted at /certs, readable by uid 1000 (user node):
#   server.crt, server.key   the server's certificate (SAN: its DNS name, and 127.0.0.1 for the health check)
#   ca.crt                   the CA that issues client certificates, and the server's
#   health.crt, health.key   a client certificate from that CA for the HEALTHCHECK (any valid agency O)
#
#   docker build -t biomatch .
#   docker run -p 50051:50051 -v biomatch-data:/data -v /etc/biomatch/certs:/certs:ro biomatch
#
# Without /certs it stops at once: "--tls-cert /certs/server.crt: cannot read (ENOENT)", exit 2.
# Agency from a fingerprint map instead of the subject O: add --tls-agency-map /certs/agencies.json
# to the command. Plain text, only behind a TLS-terminating proxy on a private network, said out loud:
#   docker run -p 50051:50051 -v biomatch-data:/data \
#     -e BIOMATCH_TLS_CA= -e BIOMATCH_TLS_CLIENT_CERT= -e BIOMATCH_TLS_CLIENT_KEY= \
#     biomatch node dist/engine/service/main.js --insecure

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
# BIOMATCH_TLS_CA/CLIENT_CERT/CLIENT_KEY are the bundled CLI's (the HEALTHCHECK's): the server's
# own TLS files are the flags in CMD.
ENV NODE_ENV=production \
    BIOMATCH_HOST=0.0.0.0 \
    BIOMATCH_DATA_DIR=/data \
    BIOMATCH_TLS_CA=/certs/ca.crt \
    BIOMATCH_TLS_CLIENT_CERT=/certs/health.crt \
    BIOMATCH_TLS_CLIENT_KEY=/certs/health.key
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
# No VOLUME for /certs: a missing mount must fail the start, not serve from an empty volume.
EXPOSE 50051
# SIGTERM drains in-flight calls (BIOMATCH_DRAIN_SECONDS, default 10); give docker stop longer.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD ["node", "dist/scripts/biomatch.js", "health"]
CMD ["node", "dist/engine/service/main.js", "--tls-cert", "/certs/server.crt", "--tls-key", "/certs/server.key", "--tls-client-ca", "/certs/ca.crt"]
