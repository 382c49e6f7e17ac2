# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.
# Node 24 LTS (Node 20 reached its end of life in April 2026). bench/ and test/ are not built or shipped.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
# The heap cap keeps garbage from growing with the machine's memory (README, "Memory"); raise it with CACHE_*_MIB.
ENV NODE_ENV=production DATA_DIR=/data PORT=3000 NODE_OPTIONS="--max-old-space-size=768 --max-semi-space-size=8"
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
