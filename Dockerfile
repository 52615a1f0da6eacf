# One image for the API and the workers; the command chooses the role (see docker-compose.yml).

# Build: compile the server, workers and CLI to dist/ and bundle the dashboard (npm run build).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run: production dependencies and the compiled dist/ only (no TypeScript, no tsx).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A larger young generation: request and alert objects die young, and fewer scavenges cost less CPU
# per request (about 9 % on the API's JavaScript thread, benchmark B3; see docs/benchmarks.md).
ENV NODE_OPTIONS=--max-semi-space-size=32
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
